"""SLA clocks follow the work order: started on create, paused on hold, met by the actions that fulfil them.

- first response: met by the first dispatch, acceptance, follow-up or direct resolution;
- on site: met when the technician starts work (repairs with an on-site target only);
- resolution: met on completion (repairs) or resolution/closing (other types);
- on hold: every running clock pauses; on resume the business time of the pause is added to the due time;
- cancel: running clocks stop; reopen: the on-site and resolution clocks start again from the reopening.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import CommonEvent, record_event
from anju.core.prepared import insert
from anju.core.records import apply_changes
from anju.properties.scope import ensure_covers_all_projects
from anju.sla.calendar import WorkingTime, add_business_minutes, business_minutes_between
from anju.sla.errors import ErrorCode
from anju.sla.escalation import add_default_ladder
from anju.sla.models import CalendarDay, CalendarYear, DayKind, SlaClock, SlaPolicy, SlaTarget, WorkingHours
from anju.sla.selectors import clock_time, policy_for, working_time
from anju.workorders.models import WorkOrder

MEETS = {
    "dispatch": [SlaTarget.RESPOND],
    "reassign": [SlaTarget.RESPOND],
    "accept": [SlaTarget.RESPOND],
    "start": [SlaTarget.RESPOND, SlaTarget.ONSITE],
    "complete": [SlaTarget.RESPOND, SlaTarget.ONSITE, SlaTarget.RESOLVE],
    "resolve": [SlaTarget.RESPOND, SlaTarget.RESOLVE],
    "close": [SlaTarget.RESPOND, SlaTarget.RESOLVE],
}


@dataclass
class ClockPlan:
    """An order's clocks, read and computed before its transaction (``plan_clocks``): the policy's targets and the
    working calendar, so that starting them at another moment (``start_at``) needs no query."""

    clocks: list[SlaClock]
    wt: WorkingTime

    def start_at(self, order: WorkOrder, moment: datetime.datetime) -> None:
        """Start every clock at ``moment`` (due times from it) and set the order's ``sla_due_at`` to the soonest."""
        for clock in self.clocks:
            clock.started_at = moment
            clock.due_at = add_business_minutes(moment, clock.minutes, clock_time(clock, self.wt))
        # All of them run and none is paused yet: the soonest due time is known without reading it back.
        order.sla_due_at = min((clock.due_at for clock in self.clocks), default=None)


def plan_clocks(order: WorkOrder) -> ClockPlan:
    """The order's clocks, computed before its transaction so that the write lock is not held for the policy and
    the calendar: each target of the policy for the order's type, priority and project, started at
    ``order.created_at`` (``start_at`` moves them when the transaction stamps the order). Sets
    ``order.sla_due_at`` so that the order's INSERT carries it; the clocks are not saved (``start_clocks``)."""
    policy = policy_for(order)
    plan = ClockPlan(clocks=[], wt=working_time())
    if policy is not None:
        for target in SlaTarget:
            minutes = policy.minutes_for(target)
            if minutes is not None:
                plan.clocks.append(
                    SlaClock(target=target, policy=policy, minutes=minutes, around_the_clock=policy.around_the_clock)
                )
    plan.start_at(order, order.created_at or timezone.now())
    return plan


@transaction.atomic(savepoint=False)
def start_clocks(order: WorkOrder, plan: ClockPlan | None = None) -> list[SlaClock]:
    """Write the order's clocks (``plan``: from ``plan_clocks`` before the order was saved, its ``sla_due_at``
    already written with it; computed now and ``sla_due_at`` updated otherwise)."""
    clocks = (plan if plan is not None else plan_clocks(order)).clocks
    for clock in clocks:
        clock.work_order = order
    insert(clocks)
    if plan is None:
        WorkOrder.objects.filter(pk=order.pk).update(sla_due_at=order.sla_due_at)
    return clocks


def refresh_due(order: WorkOrder) -> None:
    """Keep ``WorkOrder.sla_due_at`` = the soonest due time of its running, unpaused targets (lists sort by it)."""
    due = (
        SlaClock.objects.filter(work_order=order, met_at__isnull=True, stopped_at__isnull=True, paused_since__isnull=True)
        .order_by("due_at")
        .values_list("due_at", flat=True)
        .first()
    )
    WorkOrder.objects.filter(pk=order.pk).update(sla_due_at=due)
    order.sla_due_at = due


def _running(order: WorkOrder) -> Any:
    return SlaClock.objects.select_for_update().filter(work_order=order, met_at__isnull=True, stopped_at__isnull=True)


@transaction.atomic
def on_transition(order: WorkOrder, action: str) -> None:
    now = timezone.now()
    wt = working_time()
    if action in MEETS:
        _running(order).filter(target__in=MEETS[action]).update(met_at=now, paused_since=None, met_assignee_id=order.assignee_id)
    if action == "hold":
        _running(order).filter(paused_since__isnull=True).update(paused_since=now)
    elif action == "resume":
        for clock in _running(order).filter(paused_since__isnull=False):
            time = clock_time(clock, wt)
            clock.paused_minutes += business_minutes_between(clock.paused_since, now, time)
            clock.paused_since = None
            clock.due_at = add_business_minutes(clock.started_at, clock.minutes + clock.paused_minutes, time)
            clock.save(update_fields=["paused_minutes", "paused_since", "due_at"])
    elif action == "cancel":
        _running(order).update(stopped_at=now)
    elif action == "reopen":
        for clock in SlaClock.objects.select_for_update().filter(
            work_order=order, target__in=[SlaTarget.ONSITE, SlaTarget.RESOLVE]
        ):
            clock.started_at, clock.met_at, clock.paused_minutes, clock.paused_since = now, None, 0, None
            clock.met_assignee = None
            clock.due_at = add_business_minutes(now, clock.minutes, clock_time(clock, wt))
            clock.save(update_fields=["started_at", "met_at", "met_assignee", "paused_minutes", "paused_since", "due_at"])
    refresh_due(order)


@transaction.atomic
def on_follow_up(order: WorkOrder) -> None:
    _running(order).filter(target=SlaTarget.RESPOND).update(met_at=timezone.now(), met_assignee_id=order.assignee_id)
    refresh_due(order)


# --- Configuration ------------------------------------------------------------------------------------------------


def _ensure_company_policy_editor(actor: Any) -> None:
    if not actor.has_perm("sla.change_company_policy"):
        raise ApplicationError(
            CoreErrorCode.AUTH_PERMISSION_DENIED,
            _("You do not have permission to change the company-wide policies."),
            status_code=403,
        )
    ensure_covers_all_projects(actor)


@transaction.atomic
def remove_calendar_day(*, actor: Any, day: Any) -> None:
    ensure_covers_all_projects(actor)
    record_event(target=day, type=CommonEvent.DELETED, actor=actor, data={"date": str(day.date), "kind": day.kind})
    day.delete()


def _refuse(field: str, message: str, code: StrEnum) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


@transaction.atomic
def create_policy(*, actor: Any, **values: Any) -> Any:
    if values.get("project") is None:
        _ensure_company_policy_editor(actor)
    if SlaPolicy.objects.filter(
        order_type=values["order_type"], priority=values["priority"], project=values.get("project")
    ).exists():
        raise _refuse("priority", _("A policy for this type, priority and project already exists."), ErrorCode.DUPLICATE_POLICY)
    policy = SlaPolicy.objects.create(is_practice=True, **values)
    add_default_ladder(policy)
    record_event(
        target=policy, type=CommonEvent.CREATED, actor=actor, data={"order_type": policy.order_type, "priority": policy.priority}
    )
    return policy


@transaction.atomic
def update_policy(*, actor: Any, policy: Any, values: dict[str, Any]) -> Any:
    if policy.project_id is None:
        _ensure_company_policy_editor(actor)
    changes = apply_changes(policy, values)
    if changes:
        policy.save()
        record_event(target=policy, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return policy


@transaction.atomic
def add_calendar_day(*, actor: Any, date: Any, kind: str, name: str = "") -> Any:
    ensure_covers_all_projects(actor)
    if CalendarDay.objects.filter(date=date).exists():
        raise _refuse("date", _("This day is already in the calendar."), ErrorCode.DUPLICATE_DAY)
    day = CalendarDay.objects.create(date=date, kind=kind, name=name)
    record_event(target=day, type=CommonEvent.CREATED, actor=actor, data={"date": str(date), "kind": kind, "name": name})
    return day


@transaction.atomic
def set_calendar_year(*, actor: Any, year: int, official: bool, note: str = "") -> CalendarYear:
    """Mark a year's calendar official (exactly its entered rows: the State Council's notice) or computed (the
    rules, with its rows on top). A year can be official only once its rest days are entered — an official year
    without them would have no holidays at all."""
    ensure_covers_all_projects(actor)
    if official and not CalendarDay.objects.filter(date__year=year, kind=DayKind.REST).exists():
        message = _("Enter the rest days of the State Council's notice for this year before marking it official.")
        raise _refuse("official", message, ErrorCode.OFFICIAL_YEAR_EMPTY)
    record, created = CalendarYear.objects.select_for_update().get_or_create(year=year)
    changes = apply_changes(record, {"official": official, "note": note})
    if created or changes:
        record.updated_by = actor
        record.save()
        record_event(
            target=record,
            type=CommonEvent.CREATED if created else CommonEvent.UPDATED,
            actor=actor,
            changes=changes,
            data={"year": year, "official": official},
        )
    return record


@transaction.atomic
def update_working_hours(*, actor: Any, values: dict[str, Any]) -> Any:
    ensure_covers_all_projects(actor)
    hours = WorkingHours.objects.select_for_update().first() or WorkingHours()
    apply_changes(hours, values)
    hours.save()
    return hours


@transaction.atomic
def delete_policy(*, actor: Any, policy: SlaPolicy) -> None:
    """Delete a project's policy; the company-wide one can be changed but not deleted."""
    if policy.project_id is None:
        message = _("The company-wide policy can be changed but not deleted.")
        raise ApplicationError(ErrorCode.DEFAULT_POLICY, message)
    policy.delete()
