"""Backup and restore drill (security target C7): a seeded database is backed up and restored, the restored copy has
the same rows (per-table counts and checksums), and the app serves from it — including encrypted phone numbers,
which need the key file restored with the data.

    python ops/backup_drill.py sqlite      # manage.py backup → a fresh data folder
    python ops/backup_drill.py postgres    # pg_dump -Fc → pg_restore into a fresh database

`make backup-drill` runs both. Exit code 1 on any difference.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parents[1]
PG = ["-h", "127.0.0.1", "-U", "postgres"]
PG_URL = "postgres://postgres@127.0.0.1:5432/{name}"

# Reads the restored installation the way the app does: a customer's mobile must decrypt (keys restored) and the
# health endpoint must answer.
PROBE = """
from django.test import Client
from anju.customers.models import Customer
from anju.customers.services.customers import decrypt_mobiles
customer = Customer.objects.filter(mobiles__isnull=False).order_by("id").first()
mobiles = decrypt_mobiles(customer)
health = Client().get("/api/v1/health/")
print("PROBE", health.status_code, customer.code, mobiles[0][:3])
"""


def run(command: list[str], env: dict[str, str] | None = None, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=BACKEND, env={**os.environ, **(env or {})}, check=True, capture_output=capture, text=True
    )
    return result.stdout if capture else ""


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    return run([sys.executable, "manage.py", *args], env=env, capture=capture)


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _rows_in_order(db: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    """Rows in rowid order; a WITHOUT ROWID table (the keyword index's FTS5 shadow tables) by all its columns."""
    try:
        return db.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()  # noqa: S608 - names from the catalogue
    except sqlite3.OperationalError:
        width = len(db.execute(f'PRAGMA table_info("{table}")').fetchall())
        order = ", ".join(str(i) for i in range(1, width + 1))
        return db.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()  # noqa: S608 - names from the catalogue


def sqlite_fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    """Per table: row count and a SHA-256 of every row in rowid order."""
    db = sqlite3.connect(path)
    try:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        result = {}
        for table in sorted(tables):
            digest = hashlib.sha256()
            count = 0
            for row in _rows_in_order(db, table):
                digest.update(repr(row).encode())
                count += 1
            result[table] = (count, digest.hexdigest())
        return result
    finally:
        db.close()


def postgres_fingerprint(database: str) -> dict[str, tuple[int, str]]:
    tables = run(
        ["psql", *PG, "-d", database, "-Atc", "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1"],
        capture=True,
    ).split()
    result = {}
    for table in tables:
        sql = f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"  # noqa: S608 - names from the catalogue
        count, digest = run(["psql", *PG, "-d", database, "-Atc", sql], capture=True).strip().split("|")
        result[table] = (int(count), digest)
    return result


def compare(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> bool:
    differences = [name for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]
    rows = sum(count for count, _digest in before.values())
    say(f"  {len(before)} tables, {rows} rows; differences: {differences or 'none'}")
    return not differences


def probe(env: dict[str, str]) -> bool:
    out = manage(env, "shell", "-c", PROBE, capture=True)
    line = next((x for x in out.splitlines() if x.startswith("PROBE")), "")
    say(f"  restored app: {line or out.strip()[:200]}")
    parts = line.split()
    return len(parts) == 4 and parts[1] == "200" and parts[3].startswith("1")


def drill_sqlite(work: Path) -> bool:
    say("SQLite: seed → manage.py backup (online) → restore into a new data folder")
    source = {"ANJU_DATA_DIR": str(work / "source"), "ANJU_DEBUG": "1"}
    manage(source, "migrate", "--noinput", "-v", "0")
    manage(source, "seed_demo")
    folder = Path(manage(source, "backup", str(work / "backups"), capture=True).strip().splitlines()[-1])
    restored_dir = work / "restored"
    restored_dir.mkdir()
    for item in folder.iterdir():
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, restored_dir / item.name)
    ok = compare(sqlite_fingerprint(work / "source" / "anju.sqlite3"), sqlite_fingerprint(restored_dir / "anju.sqlite3"))
    return probe({"ANJU_DATA_DIR": str(restored_dir), "ANJU_DEBUG": "1"}) and ok


def drill_postgres(work: Path) -> bool:
    say("PostgreSQL: seed → pg_dump -Fc → pg_restore into a new database (key file restored beside it)")
    for name in ("anju_drill_source", "anju_drill_restored"):
        run(["dropdb", *PG, "--if-exists", name])
        run(["createdb", *PG, name])
    source = {
        "ANJU_DATA_DIR": str(work / "pg-source"),
        "ANJU_DEBUG": "1",
        "ANJU_DATABASE_URL": PG_URL.format(name="anju_drill_source"),
    }
    manage(source, "migrate", "--noinput", "-v", "0")
    manage(source, "seed_demo")
    dump = work / "anju.dump"
    run(["pg_dump", *PG, "-Fc", "-f", str(dump), "anju_drill_source"])
    run(["pg_restore", *PG, "--no-owner", "-d", "anju_drill_restored", str(dump)])
    restored_dir = work / "pg-restored"
    restored_dir.mkdir()
    for name in ("pii-keys.json", "secret-key.txt"):
        shutil.copy2(work / "pg-source" / name, restored_dir / name)
    ok = compare(postgres_fingerprint("anju_drill_source"), postgres_fingerprint("anju_drill_restored"))
    restored = {
        "ANJU_DATA_DIR": str(restored_dir),
        "ANJU_DEBUG": "1",
        "ANJU_DATABASE_URL": PG_URL.format(name="anju_drill_restored"),
    }
    ok = probe(restored) and ok
    for name in ("anju_drill_source", "anju_drill_restored"):
        run(["dropdb", *PG, "--if-exists", name])
    return ok


def main(argv: list[str]) -> int:
    kinds = argv[1:] or ["sqlite", "postgres"]
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="anju-drill-") as tmp:
        for kind in kinds:
            work = Path(tmp) / kind
            work.mkdir()
            results[kind] = drill_sqlite(work) if kind == "sqlite" else drill_postgres(work)
    say("backup drill: " + json.dumps(results))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
