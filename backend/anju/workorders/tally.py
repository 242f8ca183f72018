"""Orders per (project, status), kept by the database itself (issue 14 §5): the home page's work-order figures read
a few ``WorkOrderTally`` rows instead of counting every order of the reader's scope, so they cost the same at
1,000,000 orders as at 1,000 (an aggregate over the scope took 196 ms at 1M on PostgreSQL, 40 ms at 100k).

Why triggers and not the workflow's signals (as ``load.py`` does for the technicians' open load): every way an order
is written moves the count — a save, a queryset ``update()``, ``bulk_create`` of an import or a bulk load, a delete,
a cascade — so the tally is exact by construction, and a create costs no extra round trip (``docs/adr/0015``).

- One trigger set per database: SQLite and MariaDB/MySQL one trigger per event; PostgreSQL one function, two
  triggers (insert/delete; update of ``project_id``/``status`` only when one of them changed).
- PostgreSQL/MariaDB lock the two tally rows of a move lower ``(project_id, status)`` first, so two orders moving in
  opposite directions at once cannot deadlock.
- ``ensure_tally`` creates whatever is missing and then recounts the table from the orders. The migration runs it,
  and so does every ``migrate`` afterwards (``apps.py``): on SQLite a later migration that remakes the orders table
  drops the table's triggers with it.
- ``reconcile()`` (nightly, with the technicians' load counters) compares the tally with a count of the orders and
  repairs and reports any difference — there should be none; a difference means a trigger was dropped or disabled.
"""

# ruff: noqa: S608 - SQL built from the constant table names below; no user input reaches it
from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Sum

from anju.workorders.models import WorkOrder, WorkOrderTally

logger = logging.getLogger("anju.workorders.tally")

ORDERS = "workorders_workorder"
TALLY = "workorders_workordertally"
_ADD = (
    f"INSERT INTO {TALLY} (project_id, status, orders) VALUES ({{row}}.project_id, {{row}}.status, 1) "
    f"ON CONFLICT (project_id, status) DO UPDATE SET orders = {TALLY}.orders + 1"
)
_MYSQL_ADD = (
    f"INSERT INTO {TALLY} (project_id, status, orders) VALUES ({{row}}.project_id, {{row}}.status, 1) "
    "ON DUPLICATE KEY UPDATE orders = orders + 1"
)
_TAKE = f"UPDATE {TALLY} SET orders = orders - 1 WHERE project_id = {{row}}.project_id AND status = {{row}}.status"
_CHANGED = "OLD.project_id <> NEW.project_id OR OLD.status <> NEW.status"
# PostgreSQL: no order is written while the tally is recounted or checked (readers go on).
_LOCK_ORDERS = f"LOCK TABLE {ORDERS} IN SHARE ROW EXCLUSIVE MODE"

# name -> CREATE statement, per database vendor
_SQLITE = {
    "anju_wo_tally_insert": f"CREATE TRIGGER anju_wo_tally_insert AFTER INSERT ON {ORDERS} BEGIN {_ADD.format(row='NEW')}; END",
    "anju_wo_tally_delete": f"CREATE TRIGGER anju_wo_tally_delete AFTER DELETE ON {ORDERS} BEGIN {_TAKE.format(row='OLD')}; END",
    "anju_wo_tally_update": (
        f"CREATE TRIGGER anju_wo_tally_update AFTER UPDATE OF project_id, status ON {ORDERS} WHEN {_CHANGED} "
        f"BEGIN {_TAKE.format(row='OLD')}; {_ADD.format(row='NEW')}; END"
    ),
}
_MYSQL = {
    "anju_wo_tally_insert": (
        f"CREATE TRIGGER anju_wo_tally_insert AFTER INSERT ON {ORDERS} FOR EACH ROW {_MYSQL_ADD.format(row='NEW')}"
    ),
    "anju_wo_tally_delete": (
        f"CREATE TRIGGER anju_wo_tally_delete AFTER DELETE ON {ORDERS} FOR EACH ROW {_TAKE.format(row='OLD')}"
    ),
    "anju_wo_tally_update": (
        f"CREATE TRIGGER anju_wo_tally_update AFTER UPDATE ON {ORDERS} FOR EACH ROW BEGIN "
        f"IF {_CHANGED} THEN "
        "IF (OLD.project_id, OLD.status) < (NEW.project_id, NEW.status) THEN "
        f"{_TAKE.format(row='OLD')}; {_MYSQL_ADD.format(row='NEW')}; "
        f"ELSE {_MYSQL_ADD.format(row='NEW')}; {_TAKE.format(row='OLD')}; END IF; "
        "END IF; END"
    ),
}
_POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION anju_wo_tally() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF TG_OP = 'UPDATE' AND (OLD.project_id, OLD.status) > (NEW.project_id, NEW.status) THEN "
    f"{_ADD.format(row='NEW')}; {_TAKE.format(row='OLD')}; RETURN NULL; END IF; "
    f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_TAKE.format(row='OLD')}; END IF; "
    f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_ADD.format(row='NEW')}; END IF; "
    "RETURN NULL; END $$"
)
_POSTGRES = {
    "anju_wo_tally_insert_delete": (
        f"CREATE TRIGGER anju_wo_tally_insert_delete AFTER INSERT OR DELETE ON {ORDERS} "
        "FOR EACH ROW EXECUTE FUNCTION anju_wo_tally()"
    ),
    "anju_wo_tally_update": (
        f"CREATE TRIGGER anju_wo_tally_update AFTER UPDATE OF project_id, status ON {ORDERS} FOR EACH ROW "
        f"WHEN ({_CHANGED}) EXECUTE FUNCTION anju_wo_tally()"
    ),
}
TRIGGERS = {"sqlite": _SQLITE, "mysql": _MYSQL, "postgresql": _POSTGRES}


def _existing_triggers(conn: Any, cursor: Any) -> set[str]:
    if conn.vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [ORDERS])
    elif conn.vendor == "postgresql":
        cursor.execute(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE c.relname = %s AND c.relnamespace = to_regnamespace(current_schema()) AND NOT t.tgisinternal",
            [ORDERS],
        )
    else:
        cursor.execute(
            "SELECT trigger_name FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND event_object_table = %s",
            [ORDERS],
        )
    return {row[0] for row in cursor.fetchall()}


def missing_triggers(conn: Any = None) -> set[str]:
    conn = conn or connection
    with conn.cursor() as cursor:
        return set(TRIGGERS[conn.vendor]) - _existing_triggers(conn, cursor)


def ensure_tally(conn: Any = None) -> bool:
    """Create the triggers that are missing, then recount the tally from the orders; True when something was
    (re)created. Nothing to do (False) when every trigger is there, or before the tally's migration has run."""
    conn = conn or connection
    with conn.cursor() as cursor:
        tables = set(conn.introspection.table_names(cursor))
        if ORDERS not in tables or TALLY not in tables:
            return False
        missing = set(TRIGGERS[conn.vendor]) - _existing_triggers(conn, cursor)
    if not missing:
        return False
    if conn.vendor == "mysql":  # DDL commits there: the triggers first, then the recount in a transaction of its own
        with conn.cursor() as cursor:
            for name in sorted(missing):
                cursor.execute(TRIGGERS[conn.vendor][name])
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(_POSTGRES_FUNCTION)
            cursor.execute(_LOCK_ORDERS)  # none written between the recount and the triggers taking over
        if conn.vendor != "mysql":
            for name in sorted(missing):
                cursor.execute(TRIGGERS[conn.vendor][name])
        cursor.execute(f"DELETE FROM {TALLY}")
        cursor.execute(
            f"INSERT INTO {TALLY} (project_id, status, orders) "
            f"SELECT project_id, status, COUNT(*) FROM {ORDERS} GROUP BY project_id, status"
        )
    logger.info("work-order tally triggers created (%s); tally recounted", ", ".join(sorted(missing)))
    return True


def drop_tally(conn: Any = None) -> None:
    conn = conn or connection
    with conn.cursor() as cursor:
        for name in TRIGGERS[conn.vendor]:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {ORDERS}" if conn.vendor == "postgresql" else ""))
        if conn.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS anju_wo_tally()")


def status_counts(project_ids: Iterable[int] | None) -> dict[str, int]:
    """Orders per status, summed over ``project_ids`` (``None``: every project) — one indexed read of at most
    one row per project and status."""
    rows = WorkOrderTally.objects.all()
    if project_ids is not None:
        rows = rows.filter(project_id__in=list(project_ids))
    return {row["status"]: row["n"] or 0 for row in rows.values("status").annotate(n=Sum("orders")).order_by()}


def reconcile() -> dict[tuple[int, str], tuple[int, int]]:
    """Compare the tally with a count of the orders; repair and report every difference.
    Returns ``{(project, status): (tally, truth)}`` of the rows that differed."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(_LOCK_ORDERS)
        truth = {
            (row["project_id"], row["status"]): row["n"]
            for row in WorkOrder.objects.values("project_id", "status").annotate(n=Count("id")).order_by()
        }
        tally = {(row[0], row[1]): row[2] for row in WorkOrderTally.objects.values_list("project_id", "status", "orders")}
        drifted = {
            key: (tally.get(key, 0), truth.get(key, 0))
            for key in sorted(set(truth) | set(tally))
            if tally.get(key, 0) != truth.get(key, 0)
        }
        for (project_id, status), (_before, actual) in drifted.items():
            WorkOrderTally.objects.update_or_create(project_id=project_id, status=status, defaults={"orders": actual})
    if drifted:
        logger.warning("work-order tally drifted and was repaired (a trigger missing or disabled?): %s", drifted)
    return drifted
