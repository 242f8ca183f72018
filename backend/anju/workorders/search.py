"""Keyword search over orders (number, title, description, contact name): ``icontains`` on every database, and
on SQLite an FTS5 table with the trigram tokenizer (substrings, so it works for Chinese) that narrows the rows the
``LIKE`` has to look at. PostgreSQL has trigram GIN indexes instead (migration 0004); MariaDB scans.

The FTS table is an *external content* table over ``workorders_workorder`` kept in step by three triggers.
``ensure_fts`` creates whatever is missing (the migration runs it, and so does every ``migrate`` afterwards: a
later migration that remakes the orders table on SQLite drops its triggers) and rebuilds the index when it had to
recreate anything.

Identical results: the FTS match (case folded for every alphabet) is a superset of the ``LIKE`` (ASCII case only)
on the same columns, and the ``LIKE`` is still applied, so a search answers exactly the rows it answered before.
A term shorter than three characters cannot use trigrams and takes the ``LIKE`` path alone.
"""

# ruff: noqa: S608 - SQL built from the constant table and column names above; user text is only ever a parameter
from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

TABLE = "workorders_workorder"
FTS = "workorders_workorder_fts"
COLUMNS = ("number", "title", "description", "contact_name")
MIN_LENGTH = 3  # characters: trigrams
_TRIGGERS = {
    "workorders_fts_insert": (
        f"AFTER INSERT ON {TABLE} BEGIN "
        f"INSERT INTO {FTS}(rowid, {', '.join(COLUMNS)}) VALUES (new.id, {', '.join('new.' + c for c in COLUMNS)}); END"
    ),
    "workorders_fts_delete": (
        f"AFTER DELETE ON {TABLE} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {', '.join(COLUMNS)}) "
        f"VALUES ('delete', old.id, {', '.join('old.' + c for c in COLUMNS)}); END"
    ),
    "workorders_fts_update": (
        f"AFTER UPDATE OF {', '.join(COLUMNS)} ON {TABLE} BEGIN "
        f"INSERT INTO {FTS}({FTS}, rowid, {', '.join(COLUMNS)}) "
        f"VALUES ('delete', old.id, {', '.join('old.' + c for c in COLUMNS)}); "
        f"INSERT INTO {FTS}(rowid, {', '.join(COLUMNS)}) VALUES (new.id, {', '.join('new.' + c for c in COLUMNS)}); END"
    ),
}


def _existing(cursor: Any, kind: str, names: list[str]) -> set[str]:
    marks = ", ".join(["%s"] * len(names))
    cursor.execute(f"SELECT name FROM sqlite_master WHERE type = %s AND name IN ({marks})", [kind, *names])
    return {row[0] for row in cursor.fetchall()}


def ensure_fts(conn: Any = None) -> bool:
    """Create the FTS table and its triggers where missing (SQLite only); True when something was (re)created and
    the index rebuilt from the orders."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        return False
    with conn.cursor() as cursor:
        if TABLE not in conn.introspection.table_names(cursor):
            return False
        changed = False
        if not _existing(cursor, "table", [FTS]):
            cursor.execute(
                f"CREATE VIRTUAL TABLE {FTS} USING fts5({', '.join(COLUMNS)}, "
                f"content='{TABLE}', content_rowid='id', tokenize='trigram')"
            )
            changed = True
        have = _existing(cursor, "trigger", list(_TRIGGERS))
        for name, body in _TRIGGERS.items():
            if name not in have:
                cursor.execute(f"CREATE TRIGGER {name} {body}")
                changed = True
        if changed:
            cursor.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    return changed


def drop_fts(conn: Any = None) -> None:
    conn = conn or connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        for name in _TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS}")


def _phrase(text: str) -> str:
    """An FTS5 phrase: the text as one string (its trigrams in a row = the substring)."""
    return '"' + text.replace('"', '""') + '"'


def uses_fts(text: str) -> bool:
    return connection.vendor == "sqlite" and len(text) >= MIN_LENGTH


def keyword_filter(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Orders whose number, title, description or contact name contains ``text`` (case-insensitive)."""
    like = Q(number__icontains=text) | Q(description__icontains=text) | Q(title__icontains=text) | Q(contact_name__icontains=text)
    if uses_fts(text):
        matching = RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [_phrase(text)])  # noqa: S611
        queryset = queryset.filter(pk__in=matching)
    return queryset.filter(like)
