"""Human-readable numbers, unique per scope and sorting in creation order.

``next_value`` bumps one ``NumberSequence`` row with a single atomic upsert. The row lock
is held until the caller's transaction commits, so numbers are handed out in commit
order with no gaps (a rolled-back create gives its number back) and two concurrent
callers can never get the same value. The model's own UNIQUE constraint on the number
column is the last line of defence.
"""

from __future__ import annotations

from django.db import connection, transaction

from anju.core.models import NumberSequence


def next_value(name: str) -> int:
    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    # No savepoint of its own: inside a caller's transaction a failure rolls that back anyway (the create's write
    # lock is held for two statements fewer); alone, it is its own transaction.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(
                f"INSERT INTO {table} (name, value) VALUES (%s, 1) ON DUPLICATE KEY UPDATE value = value + 1",  # noqa: S608
                [name],
            )
            cursor.execute(f"SELECT value FROM {table} WHERE name = %s", [name])  # noqa: S608
        else:  # PostgreSQL and SQLite share the standard upsert.
            cursor.execute(
                f"INSERT INTO {table} (name, value) VALUES (%s, 1) "  # noqa: S608
                f"ON CONFLICT (name) DO UPDATE SET value = {table}.value + 1 RETURNING value",
                [name],
            )
        row = cursor.fetchone()
    return int(row[0])


def next_number(*, scope: str, prefix: str, period: str = "", width: int = 6) -> str:
    """``prefix`` + ``period`` + ``-`` + zero-padded sequence, e.g. ``BX20261127-0001``.

    Without a period: ``KH000001``. The sequence restarts for each new period.
    """
    value = next_value(f"{scope}:{period}")
    digits = str(value).zfill(width)
    return f"{prefix}{period}-{digits}" if period else f"{prefix}{digits}"
