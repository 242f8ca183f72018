"""The per-project status tally (issue 14 §5): kept by database triggers, so every way an order is written — the
workflow, a queryset update, a bulk load, a delete — leaves it equal to a count of the orders, on every database."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from anju.dashboard.selectors import work_order_figures
from anju.workorders import tally
from anju.workorders.models import WorkOrder, WorkOrderTally
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _tally() -> dict[tuple[int, str], int]:
    return {(p, s): n for p, s, n in WorkOrderTally.objects.values_list("project_id", "status", "orders") if n}


def _truth() -> dict[tuple[int, str], int]:
    rows = WorkOrder.objects.values("project_id", "status").annotate(n=Count("id")).order_by()
    return {(row["project_id"], row["status"]): row["n"] for row in rows}


def test_the_triggers_are_installed() -> None:
    assert tally.missing_triggers() == set()


def test_every_way_of_writing_an_order_moves_the_tally(desk: Any) -> None:
    world = desk.world
    first, second = desk.repair(), desk.repair()
    assert _tally() == {(world.project_a.pk, "pending_dispatch"): 2} == _truth()
    transitions.dispatch(actor=desk.supervisor, order=first, technician=desk.plumber)  # the workflow (save)
    assert _tally() == {(world.project_a.pk, "pending_dispatch"): 1, (world.project_a.pk, "dispatched"): 1} == _truth()
    WorkOrder.objects.filter(pk=second.pk).update(status="cancelled")  # a queryset update
    WorkOrder.objects.filter(pk=first.pk).update(project=world.project_b)  # another project (a data fix)
    assert _tally() == _truth() == {(world.project_a.pk, "cancelled"): 1, (world.project_b.pk, "dispatched"): 1}
    order = WorkOrder.objects.get(pk=second.pk)
    order.description = "改了描述"
    order.save()  # a save that changes neither project nor status
    assert _tally() == _truth()
    copies = []
    for n in range(3):
        copy = WorkOrder.objects.get(pk=second.pk)
        copy.pk, copy.number, copy.status = None, f"{copy.number}-{n}", "closed"
        copies.append(copy)
    WorkOrder.objects.bulk_create(copies)  # a bulk load
    assert _tally()[(world.project_a.pk, "closed")] == 3
    assert _tally() == _truth()
    WorkOrder.objects.filter(status="closed").delete()  # a delete (related rows cascade first)
    WorkOrder.objects.get(pk=first.pk).delete()
    assert _tally() == _truth() == {(world.project_a.pk, "cancelled"): 1}


@pytest.mark.django_db(transaction=True)  # MariaDB commits around a trigger's DDL
def test_missing_triggers_are_recreated_and_the_tally_recounted(desk: Any) -> None:
    desk.repair()
    tally.drop_tally()
    assert tally.missing_triggers() == set(tally.TRIGGERS[connection.vendor])
    desk.repair()  # written while the triggers were gone: not counted
    assert _tally() != _truth()
    call_command("migrate", verbosity=0)  # every migrate puts back what a migration dropped (apps.py)
    assert tally.missing_triggers() == set()
    assert _tally() == _truth() == {(desk.world.project_a.pk, "pending_dispatch"): 2}
    assert tally.ensure_tally() is False  # nothing missing: nothing done
    desk.repair()
    assert _tally() == _truth()


def test_the_nightly_job_repairs_and_reports_drift(desk: Any, caplog: Any) -> None:
    from anju.workorders.tasks import reconcile_technician_loads

    desk.repair()
    WorkOrderTally.objects.update(orders=7)
    WorkOrderTally.objects.create(project=desk.world.project_b, status="closed", orders=2)
    with caplog.at_level(logging.WARNING, logger="anju.workorders.tally"):
        assert reconcile_technician_loads.apply().get() == 2
    assert "tally drifted and was repaired" in caplog.text
    assert _tally() == _truth()
    assert tally.reconcile() == {}


def test_the_home_figures_from_the_tally_equal_a_count_of_the_orders(desk: Any, today: Any) -> None:
    world = desk.world
    orders = [desk.repair() for _ in range(4)]
    transitions.dispatch(actor=desk.supervisor, order=orders[0], technician=desk.plumber)
    transitions.dispatch(actor=desk.supervisor, order=orders[1], technician=desk.plumber)
    transitions.accept(actor=desk.plumber_user, order=WorkOrder.objects.get(pk=orders[1].pk))
    WorkOrder.objects.filter(pk=orders[2].pk).update(assignee=desk.supervisor, status="in_progress")
    WorkOrder.objects.filter(pk=orders[3].pk).update(project=world.project_b)  # out of the supervisor's scope
    boss = world.user("boss", role="management", all_projects=True)
    readers = [(desk.supervisor, None), (desk.supervisor, world.project_a.pk), (boss, None), (boss, world.project_b.pk)]
    for actor, project in readers:
        scope = WorkOrder.objects.all() if actor is boss else WorkOrder.objects.filter(project=world.project_a)
        if project is not None:
            scope = scope.filter(project_id=project)
        figures = work_order_figures(actor, today, project)
        assert figures is not None
        assert figures["pending_dispatch"] == scope.filter(status="pending_dispatch").count()
        open_orders = scope.filter(status__in=["dispatched", "accepted", "in_progress", "on_hold"])
        assert figures["open"] == open_orders.count()
        assert figures["mine_open"] == open_orders.filter(assignee=actor).count()
        assert figures["created_today"] == scope.count()
    assert work_order_figures(desk.supervisor, today, None) == {
        "pending_dispatch": 0, "open": 3, "mine_open": 1, "created_today": 3, "completed_today": 0,
    }  # fmt: skip
    # A technician's scope is their own orders: counted directly, the same figures.
    assert work_order_figures(desk.plumber_user, today, None) == {
        "pending_dispatch": 0, "open": 2, "mine_open": 2, "created_today": 2, "completed_today": 0,
    }  # fmt: skip


def test_the_home_figures_count_only_todays_and_ones_own_orders(desk: Any, today: Any) -> None:
    from django.test.utils import CaptureQueriesContext

    desk.repair()
    with CaptureQueriesContext(connection) as queries:
        work_order_figures(desk.supervisor, today, None)
    statements = [q["sql"] for q in queries.captured_queries]
    assert any("workorders_workordertally" in sql for sql in statements)
    on_orders = [sql for sql in statements if "workorders_workorder" in sql.replace("workorders_workordertally", "")]
    assert len(on_orders) == 3  # mine, created today, completed today: each bounded by an indexed column
    for sql in on_orders:
        assert any(column in sql for column in ("assignee_id", "created_at", "completed_at")), sql
