"""Explainable dispatch: ranking, reasons, eligibility, auto-dispatch and batch dispatch."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from anju.warranty.models import Contractor
from anju.workorders import dispatch
from anju.workorders.choices import Status
from anju.workorders.models import ServiceSettings, Technician
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _names(suggestions: list[dispatch.Suggestion]) -> list[str]:
    return [s.technician.user.username for s in suggestions]


def test_the_skilled_local_technician_ranks_first_with_reasons(desk: Any) -> None:
    ranked = dispatch.suggestions(desk.repair(priority="urgent"))
    assert _names(ranked) == ["plumber", "painter"]
    top = dispatch.describe(ranked[0])
    assert top["eligible"] is True
    assert top["reasons"][:3] == ["技能匹配：给水管道 高级", "负责 1号楼", "级别符合优先级"]
    assert "当前 0 单" in top["summary"]
    assert "；" in top["summary"] and "; " not in top["summary"]  # Chinese reasons, Chinese punctuation
    # senior 40 + building 30 + level 10 + roster 10
    assert top["score"] == 90
    painter = dispatch.describe(ranked[1])
    assert "无“给水管道”技能" in painter["summary"]


def test_load_lowers_the_score(desk: Any) -> None:
    for _ in range(3):
        transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    top = dispatch.suggestions(desk.repair())[0]
    assert (top.technician, top.load) == (desk.plumber, 3)
    assert "当前 3 单" in top.reasons


def test_on_leave_inactive_and_expired_contractors_are_not_eligible(desk: Any, today: datetime.date) -> None:
    desk.plumber.status = "on_leave"
    desk.plumber.save()
    expired = Contractor.objects.create(name="过期外包", qualification_expires_on=today - datetime.timedelta(days=1))
    desk.painter.contractor = expired
    desk.painter.save()
    ranked = dispatch.suggestions(desk.repair())
    assert [s.eligible for s in ranked] == [False, False]
    reasons = {s.technician.user.username: s.reasons for s in ranked}
    assert "休假中" in reasons["plumber"]
    assert any("资质已过期" in r for r in reasons["painter"])
    assert dispatch.best(desk.repair()) is None
    from anju.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as caught:
        transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.painter)
    assert caught.value.code == "workorder.technician_not_eligible"
    assert "; " not in str(caught.value.message)


def test_auto_dispatch_takes_the_top_suggestion_above_the_threshold(desk: Any) -> None:
    ServiceSettings.objects.create(project=desk.world.project_a, auto_dispatch=True, auto_dispatch_threshold=60)
    order = transitions.auto_dispatch(order=desk.repair())
    assert (order.status, order.assignee) == (Status.DISPATCHED, desk.plumber_user)
    ServiceSettings.objects.filter(project=desk.world.project_a).update(auto_dispatch_threshold=150)
    assert transitions.auto_dispatch(order=desk.repair()).status == Status.PENDING_DISPATCH


@pytest.mark.parametrize("key", ["", "auto-dispatch-fails-1"])
def test_a_failing_auto_dispatch_leaves_no_order_with_or_without_a_key(
    desk: Any, client_for: Any, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    """Attacker check: without an Idempotency-Key the order was committed before its auto-dispatch ran, so an error
    there left an order (its event, clocks) that a retry created again."""
    from anju.core.errors import ApplicationError, CoreErrorCode
    from anju.core.models import Event
    from anju.sla.models import SlaClock
    from anju.workorders.models import WorkOrder

    ServiceSettings.objects.create(project=desk.world.project_a, auto_dispatch=True, auto_dispatch_threshold=0)

    def failing(**kwargs: Any) -> Any:
        raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, "auto-dispatch failed")

    monkeypatch.setattr(transitions, "auto_dispatch", failing)
    before = (WorkOrder.objects.count(), Event.objects.count(), SlaClock.objects.count())
    body = {"type": "repair", "unit": desk.world.unit_a.pk, "category": desk.water.pk, "description": "自动派单失败"}
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    answer = client_for(desk.agent).post("/api/v1/work-orders/", body, format="json", **headers)
    assert answer.status_code == 400
    assert (WorkOrder.objects.count(), Event.objects.count(), SlaClock.objects.count()) == before


def test_batch_dispatch_balances_load_and_explains(desk: Any) -> None:
    second = Technician.objects.create(user=desk.world.user("plumber2", role="technician"), duty_weekdays=list(range(1, 8)))
    second.projects.add(desk.world.project_a)
    second.buildings.add(desk.world.building_a)
    second.skills.create(category=desk.water, level="senior")
    batch = [desk.repair() for _ in range(4)]
    taken = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    results = transitions.batch_dispatch(actor=desk.supervisor, orders=[*batch, taken])
    assigned = [r["name"] for r in results if r["technician"]]
    # plumber already had one open order: the four new ones end 3 : 2 overall.
    assert sorted(assigned) == ["plumber", "plumber", "plumber2", "plumber2"]
    refused = [r for r in results if r["technician"] is None]
    assert [r["number"] for r in refused] == [taken.number]
    assert "不在待派单状态" in refused[0]["error"]
    assert all(r["reasons"] for r in results if r["technician"])
