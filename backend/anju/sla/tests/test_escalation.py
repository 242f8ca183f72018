"""The SLA sweep: each ladder step exactly once, the right people, nothing while paused or after the target is met."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from anju.notifications.models import Notification
from anju.sla.escalation import sweep
from anju.sla.models import EscalationLog, SlaClock
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _fired(order: Any) -> list[tuple[str, str]]:
    logs = EscalationLog.objects.filter(clock__work_order=order).select_related("clock", "step").order_by("id")
    return [(log.clock.target, log.step.notify) for log in logs]


def test_the_ladder_fires_each_step_once(desk: Any) -> None:
    boss = desk.world.user("boss", role="management", all_projects=True)
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(priority="urgent"), technician=desk.plumber)
    # Urgent repair, 24x7: on site in 120 min, resolved in 1440 min; the first response was met by the dispatch.
    start = SlaClock.objects.get(work_order=order, target="onsite").started_at

    assert sweep(now=start + dt.timedelta(minutes=60)) == 0
    assert sweep(now=start + dt.timedelta(minutes=100)) == 1  # 83 % of on-site → the technician
    assert _fired(order) == [("onsite", "assignee")]
    assert sweep(now=start + dt.timedelta(minutes=100)) == 0  # idempotent
    assert sweep(now=start + dt.timedelta(minutes=121)) == 1  # breached → supervisors
    assert sweep(now=start + dt.timedelta(minutes=121 + 240)) == 1  # breach + 4 h → management
    assert _fired(order) == [("onsite", "assignee"), ("onsite", "service_supervisor"), ("onsite", "management")]
    assert sweep(now=start + dt.timedelta(minutes=121 + 240)) == 0

    inbox = {
        u: list(Notification.objects.filter(recipient=u).values_list("kind", flat=True))
        for u in (desk.plumber_user, desk.supervisor, boss)
    }
    assert inbox == {desk.plumber_user: ["sla.warning"], desk.supervisor: ["sla.escalation"], boss: ["sla.escalation"]}
    title = Notification.objects.get(recipient=desk.supervisor).title
    assert order.number in title and "超时" in title


def test_paused_and_met_clocks_are_left_alone(desk: Any) -> None:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(priority="urgent"), technician=desk.plumber)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)  # on site met
    transitions.hold(actor=desk.plumber_user, order=order, reason="等配件")  # resolution paused
    start = SlaClock.objects.get(work_order=order, target="resolve").started_at
    assert sweep(now=start + dt.timedelta(days=3)) == 0
    assert not EscalationLog.objects.exists()


def test_an_unassigned_order_warns_the_supervisors(desk: Any) -> None:
    order = desk.repair(priority="urgent")  # nobody assigned: respond within 15 minutes
    start = SlaClock.objects.get(work_order=order, target="respond").started_at
    assert sweep(now=start + dt.timedelta(minutes=13)) >= 1
    assert Notification.objects.filter(recipient=desk.supervisor, kind="sla.warning").exists()


def test_a_warning_due_only_after_the_breach_is_used_up_silently(desk: Any) -> None:
    order = desk.repair(priority="urgent")  # nobody assigned: respond within 15 minutes (24x7)
    start = SlaClock.objects.get(work_order=order, target="respond").started_at
    assert sweep(now=start + dt.timedelta(minutes=20)) == 1  # the first sweep after a gap: the breach only
    kinds = list(Notification.objects.filter(recipient=desk.supervisor).values_list("kind", flat=True))
    assert kinds == ["sla.escalation"]
    assert ("respond", "assignee") in _fired(order)  # the warning step is spent: it never fires later
    assert sweep(now=start + dt.timedelta(minutes=21)) == 0


def test_the_embedded_scheduler_runs_a_sweep(desk: Any) -> None:
    from django.core.management import call_command

    call_command("run_scheduler", "--once")  # nothing due yet: runs and exits
    assert not EscalationLog.objects.exists()


def test_a_one_minute_target_warns_at_48_seconds_before_it_escalates(desk: Any) -> None:
    """Percentages count seconds: with whole minutes, 80 % of one minute only came with the breach (and was spent)."""
    from anju.sla.models import SlaPolicy

    SlaPolicy.objects.filter(order_type="repair", priority="urgent").update(respond_minutes=1, around_the_clock=True)
    order = desk.repair(priority="urgent")
    start = SlaClock.objects.get(work_order=order, target="respond").started_at
    assert sweep(now=start + dt.timedelta(seconds=47)) == 0
    assert sweep(now=start + dt.timedelta(seconds=48)) == 1
    assert sweep(now=start + dt.timedelta(seconds=61)) == 1
    kinds = list(Notification.objects.filter(recipient=desk.supervisor).order_by("id").values_list("kind", flat=True))
    assert kinds == ["sla.warning", "sla.escalation"]
