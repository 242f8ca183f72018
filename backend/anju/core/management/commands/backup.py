"""Back up the embedded installation: the SQLite database (online, while the app runs), the key files and the
uploaded files, into one new folder.

    manage.py backup /srv/backups            → /srv/backups/anju-20261127-093000/

Restore: stop the app, copy the folder's ``anju.sqlite3``, ``pii-keys.json``, ``secret-key.txt`` and ``private/``
back into ``ANJU_DATA_DIR``, start the app. Without ``pii-keys.json`` encrypted phone and ID numbers cannot be read,
so the keys travel with the data. PostgreSQL installations use ``pg_dump``/``pg_restore`` (docs/deploy.md) and back
up the key file and ``ANJU_PRIVATE_MEDIA_ROOT`` beside the dump; this command refuses them.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


class Command(BaseCommand):
    help = "Back up the SQLite database (online), the key files and the uploads into a new folder."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("destination", help="folder that receives a new anju-<timestamp> folder")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite":
            raise CommandError("This database is not SQLite: back it up with pg_dump or mysqldump (docs/deploy.md).")
        target = Path(options["destination"]) / f"anju-{timezone.localtime():%Y%m%d-%H%M%S}"
        target.mkdir(parents=True, exist_ok=False)
        # SQLite's online backup copies a consistent snapshot even while the web server and scheduler write.
        connection.ensure_connection()
        copy = sqlite3.connect(target / "anju.sqlite3")
        try:
            connection.connection.backup(copy)  # through the live connection: one consistent snapshot
        finally:
            copy.close()
        data_dir = Path(settings.DATA_DIR)
        key_file = Path(str(settings.PII["KEY_FILE"]))
        for name, path in (("pii-keys.json", key_file), ("secret-key.txt", data_dir / "secret-key.txt")):
            if path.exists():
                shutil.copy2(path, target / name)
        media = Path(settings.PRIVATE_MEDIA_ROOT)
        if media.exists():
            shutil.copytree(media, target / "private")
        self.stdout.write(str(target))
