"""Hostile requests from the security review: each was a 500 (or wrongly accepted) once, and must be a clear 4xx
with the API's error shape ``{code, message, fields, request_id}``.

Schemathesis generates from the schema and would rarely hit these, so `make fuzz` (run_fuzz.py) sends every one of
them to the live server on each run, and tests/test_fuzz_regressions.py sends them through Django's test client.
Paths and bodies may name ``{project}``, ``{unit}``, ``{unit_version}`` and ``{work_order}``: ids of existing rows.
"""

from __future__ import annotations

import json
import struct
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

ERROR_SHAPE = {"code", "message", "fields", "request_id"}


def bomb_png(width: int, height: int) -> bytes:
    """A valid black 1-bit PNG of ``width`` x ``height`` pixels: a few KB that decode to ``width * height`` bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + the packed pixels
    compressor = zlib.compressobj(9)
    parts = [compressor.compress(row) for _ in range(height)]
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b"")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    expect: int  # the status code
    body: Callable[[Mapping[str, int]], Any] | None = None  # JSON body from the ids
    raw: Callable[[], bytes] | None = None  # a body sent as it is, as application/json
    file: Callable[[], tuple[str, bytes]] | None = None  # (name, content) sent as multipart field "file"
    fields: tuple[str, ...] = field(default=())  # field names the error must name


CASES: list[Case] = [
    Case("json nested 5,000 deep", "POST", "/api/v1/tags/", 400, raw=lambda: b"[" * 5000 + b"]" * 5000),
    Case("json nested 100 deep", "POST", "/api/v1/tags/", 400, raw=lambda: b'{"name": ' + b"[" * 100 + b"]" * 100 + b"}"),
    Case(
        "json body of 3 MB",
        "POST",
        "/api/v1/tags/",
        413,
        raw=lambda: json.dumps({"name": "x", "description": "a" * (3 * 1024 * 1024)}).encode(),
    ),
    Case("search page past 2**63", "POST", "/api/v1/customers/search/", 400, body=lambda ids: {"page": 2**63}, fields=("page",)),
    Case(
        "warranty check in year 9999",
        "POST",
        "/api/v1/warranty/check/",
        400,
        body=lambda ids: {"warranty_item": "leakage", "delivery_date": "9999-12-31", "reported_on": "9999-12-31"},
        fields=("delivery_date",),
    ),
    Case(
        "unit delivered in year 9999",
        "PATCH",
        "/api/v1/units/{unit}/",
        400,
        body=lambda ids: {"delivery_date": "9999-12-31", "version": ids["unit_version"]},
        fields=("delivery_date",),
    ),
    Case(
        "png of 30000x30000 pixels",
        "POST",
        "/api/v1/work-orders/{work_order}/attachments/",
        400,
        file=lambda: ("bomb.png", bomb_png(30000, 30000)),
        fields=("file",),
    ),
    Case(
        "png of 10000x10000 pixels in 12 KB",
        "POST",
        "/api/v1/work-orders/{work_order}/attachments/",
        400,
        file=lambda: ("big.png", bomb_png(10000, 10000)),
        fields=("file",),
    ),
    Case(
        "tag name of zero-width characters",
        "POST",
        "/api/v1/tags/",
        400,
        body=lambda ids: {"name": "\u200b\u200c\u200d\u2060\ufeff"},
        fields=("name",),
    ),
    Case(
        "customer in project 1.5",
        "POST",
        "/api/v1/customers/",
        400,
        body=lambda ids: {"name": "模糊测试", "mobiles": ["13700002020"], "projects": [ids["project"] + 0.5]},
        fields=("projects",),
    ),
    Case(
        "mobile with trailing letter",
        "POST",
        "/api/v1/customers/",
        400,
        body=lambda ids: {"name": "模糊测试", "mobiles": ["+8613700002021x"], "projects": [ids["project"]]},
        fields=("mobiles",),
    ),
    Case("customers of project abc", "GET", "/api/v1/customers/?project=abc", 400, fields=("project",)),
    Case("units of project 1.5", "GET", "/api/v1/units/?project=1.5", 400, fields=("project",)),
    Case("orders created in year 9999", "GET", "/api/v1/work-orders/?created_to=9999-12-31", 400, fields=("created_to",)),
    Case(
        "appointments after year 9999",
        "GET",
        "/api/v1/appointments/?starts_after=9999-12-31T23:00:00-12:00",
        400,
        fields=("starts_after",),
    ),
]


def fill(text: str, ids: Mapping[str, int]) -> str:
    return text.format(**ids)


def _multipart(name: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def send(base: str, token: str, case: Case, ids: Mapping[str, int]) -> tuple[int, Any]:
    """Send ``case`` to the server at ``base``: (status, parsed JSON body or the raw text)."""
    data: bytes | None = None
    content_type = "application/json"
    if case.raw is not None:
        data = case.raw()
    elif case.body is not None:
        data = json.dumps(case.body(ids)).encode()
    elif case.file is not None:
        data, content_type = _multipart(*case.file())
    request = urllib.request.Request(  # noqa: S310 - our own server
        base + fill(case.path, ids),
        data=data,
        method=case.method,
        headers={"Authorization": f"Token {token}", "Content-Type": content_type, "Accept-Language": "en"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own server
            status, text = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8", "replace")
    except OSError as error:  # the connection broke: no answer at all
        return 0, repr(error)
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def problems(case: Case, status: int, body: Any) -> list[str]:
    """What is wrong with the answer to ``case`` (empty when it is the expected 4xx in the error shape)."""
    found = []
    if status != case.expect:
        found.append(f"status {status}, expected {case.expect}")
    if not isinstance(body, dict) or set(body) < ERROR_SHAPE:
        found.append(f"not the error shape: {str(body)[:200]}")
    else:
        missing = [name for name in case.fields if not any(key.split(".")[0] == name for key in body["fields"])]
        if missing:
            found.append(f"no field error for {missing}: {body['fields']}")
    return found


def _get(base: str, token: str, path: str) -> Any:
    request = urllib.request.Request(base + path, headers={"Authorization": f"Token {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
        return json.loads(response.read())


def live_ids(base: str, token: str) -> dict[str, int]:
    """Ids of seeded rows on the live server for the cases' placeholders."""
    unit = _get(base, token, "/api/v1/units/?page_size=1")["results"][0]
    order = _get(base, token, "/api/v1/work-orders/?page_size=1")["results"][0]
    return {"project": unit["project"], "unit": unit["id"], "unit_version": unit["version"], "work_order": order["id"]}


def run(base: str, token: str, write: Callable[[str], Any]) -> int:
    """Send every case to the live server; 1 when any answer is wrong (a 5xx above all), else 0."""
    ids = live_ids(base, token)
    failed = 0
    for case in CASES:
        status, body = send(base, token, case, ids)
        wrong = problems(case, status, body)
        write(f"hostile: {case.name}: {status}{' - ' + '; '.join(wrong) if wrong else ''}\n")
        failed |= bool(wrong)
    return 1 if failed else 0
