"""manage.py backup refuses databases other than SQLite. The SQLite path runs end to end in `make backup-drill`
(a test cannot back up the database its own open transaction holds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "sqlite", reason="only other databases are refused")
def test_other_databases_are_pointed_to_their_own_tools(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="pg_dump"):
        call_command("backup", str(tmp_path))
    assert not any(tmp_path.iterdir())
