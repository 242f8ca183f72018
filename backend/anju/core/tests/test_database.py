"""SQLite runs in WAL mode with a busy timeout and foreign keys (target C5)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_sqlite_pragmas() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.django_db
def test_requests_leave_checkpoints_to_the_job() -> None:
    """A request copies the write-ahead log back only past ``ANJU_SQLITE_AUTOCHECKPOINT_PAGES`` (50,000 pages): the
    sqlite-checkpoint job does it every second instead."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only settings")
    from django.conf import settings

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone()[0] == 50000
        cursor.execute("PRAGMA journal_size_limit")
        assert cursor.fetchone()[0] == 64 * 1024 * 1024
    entry = settings.CELERY_BEAT_SCHEDULE["sqlite-checkpoint"]
    assert entry["task"] == "anju.core.tasks.checkpoint_sqlite" and entry["schedule"] == 1
    assert entry["options"]["expires"] == entry["schedule"]


@pytest.mark.django_db(transaction=True)
def test_the_checkpoint_job_copies_the_log_back(world: object) -> None:
    from django.core.management import call_command

    from anju.core.models import Heartbeat
    from anju.core.tasks import checkpoint_sqlite

    if connection.vendor != "sqlite":
        assert checkpoint_sqlite() == 0  # nothing to do on a server database
        return
    from django.utils import timezone

    for n in range(50):
        Heartbeat.objects.update_or_create(name=f"checkpoint-test-{n}", defaults={"items": n, "beat_at": timezone.now()})
    assert checkpoint_sqlite() > 0  # the pages just written
    assert checkpoint_sqlite() == 0  # idle: nothing more copied (the scheduler prints only what a run did)
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        busy, log_pages, copied = cursor.fetchone()
    assert busy == 0 and copied == log_pages  # nothing left behind
    for n in range(50):
        Heartbeat.objects.update_or_create(name=f"checkpoint-test-{n}", defaults={"items": n + 1, "beat_at": timezone.now()})
    import io

    out = io.StringIO()
    call_command("run_scheduler", only=["sqlite-checkpoint"], once=True, stdout=out)  # the embedded mode's scheduler
    assert "sqlite-checkpoint" not in out.getvalue()  # every second under writes: housekeeping, not news
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        busy, log_pages, copied = cursor.fetchone()
    assert log_pages > 0 and copied == log_pages  # the scheduler's run copied them


def test_postgresql_prepares_statements_on_persistent_connections() -> None:
    """PostgreSQL plans each repeated statement once per connection (server-side binding, prepared on the second run)
    when connections persist; with ANJU_DB_CONN_MAX_AGE=0 (behind a transaction-pooling PgBouncer) it must not."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only settings")
    options = connection.settings_dict["OPTIONS"]
    if connection.settings_dict["CONN_MAX_AGE"]:
        assert options.get("server_side_binding") is True and options.get("prepare_threshold") == 2
    else:
        assert not options.get("server_side_binding")


def test_no_checkpoint_job_on_a_server_database() -> None:
    """Beat would send an empty task every 5 s to every PostgreSQL/MariaDB install (attacker review)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print('sqlite-checkpoint' in settings.CELERY_BEAT_SCHEDULE)"
    )
    backend = Path(__file__).resolve().parents[3]
    # (a MariaDB URL would need mysqlclient, which a SQLite-only install does not have; the rule is "SQLite only")
    for url, expected in (("postgres://u@127.0.0.1:1/none", "False"), ("", "True")):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "ANJU_DATABASE_URL": url}
        out = subprocess.run([sys.executable, "-c", code], cwd=backend, env=env, capture_output=True, text=True, check=True)  # noqa: S603
        assert out.stdout.strip().splitlines()[-1] == expected, url


@pytest.mark.django_db
def test_the_sqlite_cursor_rewrites_placeholders_as_djangos() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's cursor")
    from django.db.backends.sqlite3.base import SQLiteCursorWrapper as Djangos

    from anju.core.sqlite.base import SQLiteCursorWrapper

    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, SQLiteCursorWrapper)
        for query in ("SELECT %s, '%%s', '100%%' WHERE 1 = %s", "SELECT 1", "SELECT '%%'"):
            for _ in range(2):  # remembered the second time
                assert cursor.cursor.convert_query(query) == Djangos.convert_query(cursor.cursor, query)
        cursor.execute("SELECT %s, '%%s', '100%%'", [7])
        assert cursor.fetchone() == (7, "%s", "100%")
        cursor.execute("SELECT %(a)s + %(b)s", {"a": 1, "b": 2})  # the named style as before
        assert cursor.fetchone() == (3,)
