"""Re-encrypt every ciphertext column with the active key (security target P2).

Embedded mode (key file): ``rotate_pii_keys --new-key`` adds a fresh key to the key file,
makes it active and re-encrypts every row. Configured keys: add the new key to
ANJU_PII_KEYS, set ANJU_PII_ACTIVE_KEY, then run ``rotate_pii_keys``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from anju.core import pii
from anju.core.models import CiphertextField


def ciphertext_columns() -> list[tuple[Any, str]]:
    columns = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, CiphertextField):
                columns.append((model, field.name))
    return columns


def reencrypt_all(batch_size: int = 500) -> int:
    active = pii.get_keyring().active_id
    changed = 0
    for model, name in ciphertext_columns():
        queryset = model._default_manager.exclude(**{name: ""}).exclude(**{f"{name}__startswith": f"{active}:"})
        while True:
            with transaction.atomic():
                rows = list(queryset.select_for_update().only("pk", name)[:batch_size])
                if not rows:
                    break
                for row in rows:
                    setattr(row, name, pii.encrypt(pii.decrypt(getattr(row, name))))
                model._default_manager.bulk_update(rows, [name])
                changed += len(rows)
    return changed


class Command(BaseCommand):
    help = "Re-encrypt all personal data with the active PII key (optionally creating a new one)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--new-key", action="store_true", help="add a new key to the key file and make it active")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            if settings.PII["KEYS"]:
                raise CommandError("Keys come from ANJU_PII_KEYS: add the new key there and set ANJU_PII_ACTIVE_KEY.")
            pii.get_keyring()  # make sure the file exists
            path = Path(str(settings.PII["KEY_FILE"]))
            data = json.loads(path.read_text(encoding="utf-8"))
            number = 1 + max(int(k.lstrip("k")) for k in data["keys"] if k.lstrip("k").isdigit())
            key_id = f"k{number}"
            data["keys"][key_id] = pii.new_key()
            pii.write_key_file(path, active=key_id, keys=data["keys"], index_key=data["index_key"])
            pii.reset_keyring_cache()
            self.stdout.write(f"New active key: {key_id}")
        count = reencrypt_all()
        self.stdout.write(f"Re-encrypted {count} value(s) with key {pii.get_keyring().active_id}.")
