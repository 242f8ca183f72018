"""The stored working-time rows (``anju.reports.worktimes``): the technician-efficiency report gives the same figures
from them as from the raw orders, never uses a row that no longer matches its order or the calendar, and the rows
are kept on the order's events, by the nightly job and by the range command."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from anju.reports import worktimes
from anju.reports.models import OrderWorkTime
from anju.reports.tasks import rebuild_work_times
from anju.reports.tests.factories import PERIOD, History, at, history
from anju.sla.models import CalendarDay
from anju.workorders.models import WorkOrder
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db

FIRST, LAST = dt.date(2026, 8, 1), dt.date(2026, 11, 30)


@pytest.fixture
def past(desk: Any) -> History:
    return history(desk)


def _report(client: Any, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/reports/technician_efficiency/", {**PERIOD, **params})
    assert response.status_code == 200, response.content
    body = response.json()
    return {"rows": body["rows"], "totals": body["totals"]}


def _no_live_computation(monkeypatch: Any) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("computed live although a current row was stored")

    monkeypatch.setattr(worktimes, "compute", refuse)


def test_the_report_from_stored_rows_equals_the_report_from_raw_orders(past: History, client_for: Any, monkeypatch: Any) -> None:
    client = client_for(past.desk.supervisor)
    OrderWorkTime.objects.all().delete()
    raw = _report(client)  # every order computed from its moments
    assert raw["totals"]["completed"] == 3 and raw["totals"]["respond_avg"] == 70.0  # the hand count (test_reports)
    completed = WorkOrder.objects.filter(completed_at__isnull=False)
    assert worktimes.rebuild(FIRST, LAST) == completed.count()
    assert OrderWorkTime.objects.count() == completed.count()
    _no_live_computation(monkeypatch)
    assert _report(client) == raw
    assert _report(client, project=past.o1.project_id) == _report(client_for(past.desk.supervisor), project=past.o1.project_id)


def test_stored_minutes_are_the_calendar_arithmetic_across_the_holiday(past: History) -> None:
    worktimes.rebuild(FIRST, LAST)
    o1 = OrderWorkTime.objects.get(pk=past.o1.pk)
    # dispatched 09-30 17:00, accepted 10-08 10:00 across 国庆 (see factories): 60 + 60; arrival 180; resolution 420
    assert (o1.respond, o1.arrive, o1.resolve) == (120, 180, 420)
    assert o1.calendar == worktimes.calendar_stamp()


def test_a_row_whose_order_moved_on_is_not_used(past: History, client_for: Any) -> None:
    client = client_for(past.desk.supervisor)
    worktimes.rebuild(FIRST, LAST)
    # a queryset update sends no signal: the stored row still has the old acceptance
    WorkOrder.objects.filter(pk=past.o2.pk).update(accepted_at=at(11, 2, 11))
    stale = _report(client)
    OrderWorkTime.objects.all().delete()
    assert stale == _report(client)
    plumber = next(row for row in stale["rows"] if row["label"] == "plumber")
    assert plumber["respond_p90"] == 120  # o1 120, o2 now 120 (09:00 → 11:00)


def test_a_changed_holiday_table_makes_every_row_stale(past: History, client_for: Any) -> None:
    client = client_for(past.desk.supervisor)
    worktimes.rebuild(FIRST, LAST)
    before = worktimes.calendar_stamp()
    CalendarDay.objects.create(date=dt.date(2026, 11, 2), kind="rest", name="停工")
    assert worktimes.calendar_stamp() != before
    with_rows = _report(client)
    OrderWorkTime.objects.all().delete()
    assert with_rows == _report(client)
    plumber = next(row for row in with_rows["rows"] if row["label"] == "plumber")
    assert plumber["respond_p90"] == 120 and plumber["respond_avg"] == 60.0  # o2's response now falls on a rest day: 0


def test_completing_an_order_writes_its_row_in_the_same_save(desk: Any) -> None:
    order = desk.repair()
    assert not OrderWorkTime.objects.filter(pk=order.pk).exists()
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    assert not OrderWorkTime.objects.filter(pk=order.pk).exists()  # nothing before completion
    order = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="修好",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    row = OrderWorkTime.objects.get(pk=order.pk)
    expected = worktimes.compute({m: getattr(order, m) for m in worktimes.MOMENTS}, worktimes.working_time())
    assert (row.completed_at, row.respond, row.arrive, row.resolve) == (order.completed_at, *expected.values())


def test_the_nightly_job_and_the_range_command_are_idempotent(past: History) -> None:
    assert settings.CELERY_BEAT_SCHEDULE["report-work-times"]["task"] == "anju.reports.tasks.rebuild_work_times"
    OrderWorkTime.objects.all().delete()
    assert worktimes.rebuild_yesterday(today=dt.date(2026, 11, 4)) == 1  # o2, completed 11-03
    first = list(OrderWorkTime.objects.values())
    assert worktimes.rebuild_yesterday(today=dt.date(2026, 11, 4)) == 1
    assert list(OrderWorkTime.objects.values()) == first
    out = StringIO()
    call_command("rebuild_report_work_times", "--from", "2026-08-01", "--to", "2026-11-30", stdout=out)
    assert out.getvalue().startswith(f"{WorkOrder.objects.filter(completed_at__isnull=False).count()} orders")
    assert OrderWorkTime.objects.count() == WorkOrder.objects.filter(completed_at__isnull=False).count()
    assert rebuild_work_times() >= 0  # the beat task runs (yesterday holds nothing here) and records its heartbeat
