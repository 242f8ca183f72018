"""SLA clocks on work orders: started from the policy, met by the right actions, paused on hold, stopped, restarted."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from anju.sla.calendar import add_business_minutes, business_minutes_between
from anju.sla.models import SlaClock, SlaPolicy
from anju.sla.selectors import describe, working_time
from anju.workorders.models import WorkOrder
from anju.workorders.services import orders, transitions

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _clocks(order: WorkOrder) -> dict[str, SlaClock]:
    return {c.target: c for c in SlaClock.objects.filter(work_order=order)}


def _freeze(monkeypatch: Any, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_normal_repair_gets_three_clocks_on_business_time(desk: Any) -> None:
    order = desk.repair(priority="normal")
    clocks = _clocks(order)
    assert set(clocks) == {"respond", "onsite", "resolve"}
    wt = working_time()
    assert clocks["respond"].minutes == 120
    assert clocks["resolve"].minutes == 72 * 60
    assert clocks["resolve"].due_at == add_business_minutes(order.created_at, 72 * 60, wt)
    assert not clocks["respond"].around_the_clock


def test_an_urgent_repair_runs_around_the_clock(desk: Any) -> None:
    order = desk.repair(priority="urgent")
    respond = _clocks(order)["respond"]
    assert respond.around_the_clock
    assert respond.due_at == order.created_at + dt.timedelta(minutes=15)


def test_a_project_policy_overrides_the_default(desk: Any) -> None:
    SlaPolicy.objects.create(
        order_type="repair", priority="normal", project=desk.world.project_a, respond_minutes=30, resolve_minutes=600
    )
    clocks = _clocks(desk.repair(priority="normal"))
    assert (clocks["respond"].minutes, clocks["resolve"].minutes) == (30, 600)
    assert "onsite" not in clocks


def test_actions_meet_their_targets(desk: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    clocks = _clocks(order)
    assert clocks["respond"].met_at is not None and clocks["onsite"].met_at is None
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    assert _clocks(order)["onsite"].met_at is not None
    order = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="修好",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    resolve = _clocks(order)["resolve"]
    assert resolve.met_at is not None
    assert describe(resolve, working_time())["state"] == "met"


def test_a_follow_up_is_a_first_response(desk: Any) -> None:
    order = desk.repair()
    orders.add_follow_up(actor=desk.agent, order=order, method="phone", content="已回电")
    assert _clocks(order)["respond"].met_at is not None


def test_hold_pauses_and_resume_moves_the_due_time_by_the_business_time_paused(desk: Any, monkeypatch: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    before = _clocks(order)["resolve"]
    paused_at = dt.datetime(2026, 11, 27, 16, 0, tzinfo=TZ)  # Friday 16:00
    resumed_at = dt.datetime(2026, 11, 30, 10, 0, tzinfo=TZ)  # Monday 10:00: 2 h + 1 h of business time
    _freeze(monkeypatch, paused_at)
    order = transitions.hold(actor=desk.plumber_user, order=order, reason="等配件")
    assert describe(_clocks(order)["resolve"], working_time())["state"] == "paused"
    _freeze(monkeypatch, resumed_at)
    transitions.resume(actor=desk.plumber_user, order=order)
    after = _clocks(order)["resolve"]
    wt = working_time()
    assert after.paused_minutes == business_minutes_between(paused_at, resumed_at, wt) == 180
    assert after.due_at == add_business_minutes(before.started_at, before.minutes + 180, wt)
    assert after.paused_since is None


def test_cancel_stops_and_reopen_restarts(desk: Any, monkeypatch: Any) -> None:
    cancelled = transitions.cancel(actor=desk.agent, order=desk.repair(), reason="重复")
    assert all(c.stopped_at for c in _clocks(cancelled).values())
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    order = transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="修好",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    reopened_at = timezone.now() + dt.timedelta(minutes=5)
    _freeze(monkeypatch, reopened_at)
    order = transitions.reopen(actor=desk.agent, order=order, reason="复发")
    resolve = _clocks(order)["resolve"]
    assert (resolve.met_at, resolve.started_at) == (None, reopened_at)
    assert _clocks(order)["respond"].met_at is not None  # the first response stays answered


def test_describe_overdue_and_warning(desk: Any) -> None:
    order = desk.repair(priority="urgent")  # 24×7, respond in 15 minutes
    clock = _clocks(order)["respond"]
    wt = working_time()
    assert describe(clock, wt, now=clock.started_at + dt.timedelta(minutes=5))["state"] == "running"
    assert describe(clock, wt, now=clock.started_at + dt.timedelta(minutes=13))["state"] == "warning"
    late = describe(clock, wt, now=clock.started_at + dt.timedelta(minutes=20))
    assert (late["state"], late["minutes_left"]) == ("overdue", -5)


def test_next_years_statutory_holidays_are_computed() -> None:
    from anju.sla.selectors import working_time

    wt = working_time()
    spring = [dt.date(2027, 2, d) for d in range(5, 11)]  # 除夕 … 初三 and the two days off in lieu (补假)
    assert not any(wt.is_working_day(day) for day in spring)
    assert wt.is_working_day(dt.date(2027, 2, 11))
    assert not wt.is_working_day(dt.date(2027, 1, 1)) and wt.is_working_day(dt.date(2027, 1, 4))
    for holiday in (dt.date(2027, 4, 5), dt.date(2027, 6, 9), dt.date(2027, 9, 15), dt.date(2027, 10, 5)):
        assert not wt.is_working_day(holiday)


def _due(order: WorkOrder) -> Any:
    return WorkOrder.objects.values_list("sla_due_at", flat=True).get(pk=order.pk)


def test_the_order_carries_its_soonest_running_due_time(desk: Any) -> None:
    order = desk.repair(priority="normal")
    clocks = _clocks(order)
    assert _due(order) == clocks["respond"].due_at  # the first response comes first
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    assert _due(order) == clocks["onsite"].due_at  # response met: on site is next
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    assert _due(order) == clocks["resolve"].due_at
    order = transitions.hold(actor=desk.plumber_user, order=order, reason="等配件")
    assert _due(order) is None  # paused: nothing is running
    order = transitions.resume(actor=desk.plumber_user, order=order)
    assert _due(order) == SlaClock.objects.get(work_order=order, target="resolve").due_at
    transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="修好",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )
    assert _due(order) is None


def test_the_list_sorts_by_the_most_urgent_target(desk: Any, client_for: Any) -> None:
    normal = desk.repair(priority="normal")  # respond in 2 working hours
    urgent = desk.repair(priority="urgent")  # respond in 15 minutes, 24x7
    done = desk.repair(priority="low")
    transitions.cancel(actor=desk.supervisor, order=done, reason="重复报修")  # no running target: last
    client = client_for(desk.supervisor)
    response = client.get("/api/v1/work-orders/?ordering=sla_due_at")
    assert response.status_code == 200
    ids = [row["id"] for row in response.data["results"]]
    assert ids.index(urgent.id) < ids.index(normal.id) < ids.index(done.id)
    assert response.data["results"][ids.index(urgent.id)]["sla_due_at"] is not None
    newest = client.get("/api/v1/work-orders/").data["results"]
    assert [row["id"] for row in newest][:3] == [done.id, urgent.id, normal.id]
    bad = client.get("/api/v1/work-orders/?ordering=title")
    assert bad.status_code == 400 and "ordering" in bad.data["fields"]
