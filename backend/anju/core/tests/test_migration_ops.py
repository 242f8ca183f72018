"""``field_index_off``: the foreign keys whose one-column index repeated the beginning of a longer one have none left,
the longer index is there, the SLA clock's due time is served by the running clocks' index, and the triggers SQLite
keeps on the orders survived (no table rebuild)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from anju.core.models import Event, EventLink, IdempotencyRecord
from anju.sla.models import SlaClock
from anju.workorders.models import WorkOrder

DROPPED = [
    (WorkOrder, "project", "wo_project_created"),
    (WorkOrder, "unit", "wo_unit_created"),
    (WorkOrder, "customer", "wo_customer_created"),
    (WorkOrder, "assignee", "wo_assignee_status"),
    (Event, "target_type", None),
    (EventLink, "event", "core_eventlink_unique"),
    (EventLink, "content_type", None),
    (IdempotencyRecord, "user", "uniq_idempotency_key"),
    (SlaClock, "work_order", "uniq_sla_clock"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field_name", "longer"), DROPPED)
def test_foreign_key_served_by_a_longer_index(model: type, field_name: str, longer: str | None) -> None:
    column = model._meta.get_field(field_name).column
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexed = [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]  # an expression index: no columns
    assert [column] not in indexed, f"{model.__name__}.{field_name} still has its own index"
    assert any(len(columns) > 1 and columns[0] == column for columns in indexed), "no longer index begins with it"
    if longer:
        assert longer in constraints


@pytest.mark.django_db
def test_clock_due_time_served_by_the_running_clocks_index() -> None:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, SlaClock._meta.db_table)
    indexed = [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]
    assert ["due_at"] not in indexed
    assert constraints["sla_open_due"]["columns"] == ["met_at", "stopped_at", "due_at"]
    if connection.vendor == "sqlite":  # the plan of the escalation's and the board's question: running, by due time
        running = SlaClock.objects.filter(met_at__isnull=True, stopped_at__isnull=True, due_at__lt=timezone.now())
        plan = running.order_by("due_at").explain()
        assert "sla_open_due" in plan, plan
        assert "TEMP B-TREE" not in plan, plan  # in due order straight from the index


@pytest.mark.django_db
def test_the_orders_triggers_survived() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite keeps the keyword index and the tally in triggers")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'workorders_workorder'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"workorders_fts_insert", "workorders_fts_update", "workorders_fts_delete", "anju_wo_tally_insert"} <= names
