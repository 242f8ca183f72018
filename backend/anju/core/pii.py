"""Personal data protection: AES-GCM encryption with key ids, HMAC blind index, masking.

Stored form of an encrypted value: ``<key id>:<base64(nonce || ciphertext || tag)>``.
Keys come from configuration (``settings.PII``), never from SECRET_KEY. In the embedded
mode a key file is generated once in the data folder (mode 0600).

Masking patterns (one per field, see docs/rules.md):
- mobile: first 3 + ``****`` + last 4 → ``138****1234``
- ID number: first 3 + stars + last 4 → ``110***********002X``
- e-mail: first character of the name + ``***`` + the domain → ``z***@example.com``
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

_AAD = b"anju-pii-v1"


class PiiConfigurationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Keyring:
    active_id: str
    keys: dict[str, bytes]
    index_key: bytes


def _b64decode_key(value: str) -> bytes:
    key = base64.b64decode(value.strip())
    if len(key) != 32:
        raise PiiConfigurationError("PII keys must be 32 bytes (base64-encoded)")
    return key


def new_key() -> str:
    return base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _load_key_file(path: Path) -> dict[str, object]:
    """Read the key file, creating it on first use.

    Several processes may start at once on a fresh data folder (test workers, web and scheduler): each writes a
    complete file under a private name and hard-links it into place; the link fails for all but the first, so every
    process reads the same keys and nobody ever reads a half-written file.
    """
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        content = {"active": "k1", "keys": {"k1": new_key()}, "index_key": new_key()}
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(content, handle, indent=2)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process won the race: use its keys
        finally:
            tmp.unlink(missing_ok=True)
    _make_private(path)
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _make_private(path: Path) -> None:
    """A key file from an earlier version (or copied in by hand) may be readable by others: make it 0600."""
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError:
        pass  # not ours to change; reading it still works


def write_key_file(path: Path, *, active: str, keys: dict[str, str], index_key: str) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"active": active, "keys": keys, "index_key": index_key}, handle, indent=2)
    os.chmod(tmp, 0o600)  # O_CREAT's mode does not apply to a leftover .tmp file
    tmp.replace(path)


@functools.cache
def get_keyring() -> Keyring:
    config = settings.PII
    if config["KEYS"]:
        keys = {}
        for item in str(config["KEYS"]).split(","):
            key_id, _, encoded = item.strip().partition(":")
            keys[key_id] = _b64decode_key(encoded)
        active = str(config["ACTIVE_KEY"] or next(iter(keys)))
        if not config["INDEX_KEY"]:
            raise PiiConfigurationError("ANJU_PII_INDEX_KEY is required when ANJU_PII_KEYS is set")
        index_key = _b64decode_key(str(config["INDEX_KEY"]))
    else:
        data = _load_key_file(Path(str(config["KEY_FILE"])))
        raw_keys = data["keys"]
        assert isinstance(raw_keys, dict)
        keys = {str(k): _b64decode_key(str(v)) for k, v in raw_keys.items()}
        active = str(data["active"])
        index_key = _b64decode_key(str(data["index_key"]))
    if active not in keys:
        raise PiiConfigurationError("the active PII key id is not among the configured keys")
    return Keyring(active_id=active, keys=keys, index_key=index_key)


def reset_keyring_cache() -> None:
    get_keyring.cache_clear()


def encrypt(plaintext: str) -> str:
    ring = get_keyring()
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(ring.keys[ring.active_id]).encrypt(nonce, plaintext.encode("utf-8"), _AAD)
    return f"{ring.active_id}:{base64.b64encode(nonce + sealed).decode('ascii')}"


def key_id_of(token: str) -> str:
    return token.partition(":")[0]


def decrypt(token: str) -> str:
    if not token:
        return ""
    key_id, _, encoded = token.partition(":")
    ring = get_keyring()
    if key_id not in ring.keys:
        raise PiiConfigurationError(f"PII key {key_id!r} is not configured")
    raw = base64.b64decode(encoded)
    return AESGCM(ring.keys[key_id]).decrypt(raw[:12], raw[12:], _AAD).decode("utf-8")


def blind_index(kind: str, normalized_value: str) -> str:
    """Deterministic keyed hash for exact-match search; reveals nothing without the key."""
    digest = hmac.new(get_keyring().index_key, f"{kind}:{normalized_value}".encode(), hashlib.sha256)
    return digest.hexdigest()


def mask_mobile(value: str) -> str:
    if len(value) < 8:
        return "*" * len(value)
    return f"{value[:3]}****{value[-4:]}"


def mask_email(value: str) -> str:
    name, at, domain = value.rpartition("@")  # the domain follows the last @ (a quoted local part may hold one)
    if not at:
        return "*" * len(value)
    return f"{name[:1]}***@{domain}"


def mask_id_number(value: str) -> str:
    if len(value) <= 7:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"
