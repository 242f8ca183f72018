"""The technicians' open-load counters (issue 18 §3): kept by the workflow, read by dispatch suggestions in a constant
number of queries, repaired and reported by the nightly reconciliation."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.workorders import dispatch, load
from anju.workorders.models import TechnicianLoad, WorkOrder
from anju.workorders.selectors import open_load
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _counter(user: Any) -> int | None:
    row = TechnicianLoad.objects.filter(user=user).first()
    return row.open_orders if row else None


def test_the_counter_follows_the_workflow(desk: Any) -> None:
    plumber, painter = desk.plumber_user, desk.painter_user
    order = desk.repair()
    assert _counter(plumber) is None  # a pending order is nobody's load
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    assert _counter(plumber) == 1
    second = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    assert _counter(plumber) == 2
    order = transitions.accept(actor=plumber, order=order)
    order = transitions.start(actor=plumber, order=order)
    order = transitions.hold(actor=plumber, order=order, reason="等配件")
    assert _counter(plumber) == 2  # accepted, in progress, on hold: still open
    order = transitions.resume(actor=plumber, order=order)
    order = transitions.complete(
        actor=plumber,
        order=order,
        work_done="更换水管",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    assert _counter(plumber) == 1  # completed: no longer open
    second = transitions.return_order(actor=plumber, order=second, reason="不是水电问题")
    assert _counter(plumber) == 0
    transitions.dispatch(actor=desk.supervisor, order=second, technician=desk.painter)
    assert (_counter(plumber), _counter(painter)) == (0, 1)
    assert open_load([plumber.pk, painter.pk]) == {painter.pk: 1}  # the counters agree with the orders
    assert load.reconcile() == {}


def test_a_deleted_open_order_leaves_the_counter(desk: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    assert _counter(desk.plumber_user) == 1
    WorkOrder.objects.get(pk=order.pk).delete()
    assert _counter(desk.plumber_user) == 0


def test_a_missing_counter_starts_from_the_orders(desk: Any) -> None:
    transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    TechnicianLoad.objects.all().delete()  # e.g. a counter row lost
    transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    assert _counter(desk.plumber_user) == 2  # counted, not "0 + 1"


def test_reconciliation_repairs_and_reports_drift(desk: Any, caplog: Any) -> None:
    from anju.workorders.tasks import reconcile_technician_loads

    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    # A queryset update bypasses the workflow (a script, a bulk fix): the counters drift.
    WorkOrder.objects.filter(pk=order.pk).update(assignee=desk.painter_user)
    TechnicianLoad.objects.filter(user=desk.plumber_user).update(open_orders=7)
    with caplog.at_level(logging.WARNING, logger="anju.workorders.load"):
        assert reconcile_technician_loads.apply().get() == 2
    assert "drifted and were repaired" in caplog.text
    assert (_counter(desk.plumber_user), _counter(desk.painter_user)) == (0, 1)
    assert reconcile_technician_loads.apply().get() == 0  # nothing left to repair


def test_suggestions_read_the_counters_in_constant_queries(desk: Any) -> None:
    for _ in range(3):
        transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    order = desk.repair()
    ranked = {s.technician.pk: s.load for s in dispatch.suggestions(order)}
    assert ranked[desk.plumber.pk] == 3
    assert ranked[desk.painter.pk] == 0
    with CaptureQueriesContext(connection) as queries:
        dispatch.suggestions(order)
    few = len(queries.captured_queries)
    for _ in range(5):
        transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    with CaptureQueriesContext(connection) as queries:
        assert {s.technician.pk: s.load for s in dispatch.suggestions(order)}[desk.plumber.pk] == 8
    assert len(queries.captured_queries) == few
    counted = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counted == []  # no order is counted per request
