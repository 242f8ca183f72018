"""Planned care visits (定期回访): care plans and the generator that turns them into return-visit tasks.

A plan says when to call whom:

- ``handover``: each unit of the project with a handover (delivery) date, at delivery + each offset in days
  (T+7, T+30 ...) and, with ``repeat_months``, on every such anniversary (12 = yearly); the call goes to the
  unit's primary owner (a unit without an owner gets its visit once it has one, within the catch-up window).
- ``group``: each customer of the project in the plan's customer group (tag), at ``starts_on`` + each offset and
  every ``repeat_months`` after ``starts_on``.

The generator runs every hour (Celery beat, or ``run_scheduler`` in the embedded mode) and when a plan is saved.
It creates the visits whose date has come, at most ``CATCH_UP_DAYS`` late (a handover date entered late, a
scheduler that was down), never one dated before the plan's ``starts_on``, and never the same one twice (a unique
key per plan, unit or customer, and date). A visit is due at the end of its date, or of the next working day when
the date is a rest day.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.core.events import CommonEvent, record_event
from anju.core.records import apply_changes, ensure_version
from anju.customers.models import Customer, UnitOwnership
from anju.properties.models import Unit
from anju.properties.scope import can_see_project
from anju.sla.calendar import WorkingTime
from anju.sla.selectors import working_time
from anju.visits.errors import ErrorCode
from anju.visits.models import CareBasis, CarePlan, ReturnVisit, VisitKind
from anju.visits.services import end_of_working_day
from anju.warranty.rules import add_months

CATCH_UP_DAYS = 30
MAX_OFFSET_DAYS = 3650
MAX_OFFSETS = 12


def occurrences(
    anchor: datetime.date, offsets: Iterable[int], repeat_months: int | None, lo: datetime.date, hi: datetime.date
) -> list[datetime.date]:
    """The plan's dates for one anchor (handover date or plan start) that fall in ``[lo, hi]``."""
    found = {anchor + datetime.timedelta(days=int(d)) for d in offsets}
    if repeat_months:
        k = 1
        while (day := add_months(anchor, repeat_months * k)) <= hi:
            found.add(day)
            k += 1
    return sorted(day for day in found if lo <= day <= hi)


def due_on(day: datetime.date, wt: WorkingTime | None = None) -> datetime.datetime:
    """The end of ``day``, or of the next working day when ``day`` is a rest day."""
    wt = wt or working_time()
    for _i in range(60):
        if wt.is_working_day(day):
            break
        day += datetime.timedelta(days=1)
    return end_of_working_day(day, wt)


def _window(plan: CarePlan, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return max(plan.starts_on, today - datetime.timedelta(days=CATCH_UP_DAYS)), today


def _handover_candidates(plan: CarePlan, lo: datetime.date, hi: datetime.date) -> list[tuple[int, datetime.date]]:
    """(unit id, handover date) of the units that may have a date of the plan in ``[lo, hi]``."""
    units = Unit.objects.filter(project_id=plan.project_id, delivery_date__isnull=False)
    ranges = Q()
    for d in plan.offsets:
        shift = datetime.timedelta(days=int(d))
        ranges |= Q(delivery_date__range=(lo - shift, hi - shift))
    if plan.repeat_months:
        earliest = units.aggregate(first=Min("delivery_date"))["first"]
        k = 1
        slack = datetime.timedelta(days=3)  # month-end days: 01-31 + 1 month is 02-28
        while earliest is not None and add_months(earliest, plan.repeat_months * k) <= hi + slack:
            months = plan.repeat_months * k
            ranges |= Q(delivery_date__range=(add_months(lo, -months) - slack, add_months(hi, -months) + slack))
            k += 1
    if not ranges:
        return []
    return [(pk, day) for pk, day in units.filter(ranges).values_list("id", "delivery_date") if day is not None]


def _primary_owners(unit_ids: list[int]) -> dict[int, int]:
    """Unit id → the customer to call: the primary owner, else the first co-owner on record."""
    owners: dict[int, int] = {}
    rows = UnitOwnership.objects.filter(unit_id__in=unit_ids).order_by("unit_id", "-role", "id")  # primary > co_owner
    for unit_id, customer_id in rows.values_list("unit_id", "customer_id"):
        owners.setdefault(unit_id, customer_id)
    return owners


def _visit(
    plan: CarePlan, day: datetime.date, *, customer_id: int, unit_id: int | None, key: str, due_at: datetime.datetime
) -> ReturnVisit:
    return ReturnVisit(
        kind=VisitKind.CARE,
        project_id=plan.project_id,
        plan=plan,
        customer_id=customer_id,
        unit_id=unit_id,
        occurs_on=day,
        assignee_id=plan.assignee_id,
        due_at=due_at,
        dedupe_key=key,
    )


def _plan_visits(plan: CarePlan, today: datetime.date) -> list[ReturnVisit]:
    lo, hi = _window(plan, today)
    if lo > hi:
        return []
    wt = working_time()  # once per plan, not per visit
    due: dict[datetime.date, datetime.datetime] = {}

    def due_at(day: datetime.date) -> datetime.datetime:
        if day not in due:
            due[day] = due_on(day, wt)
        return due[day]

    visits: list[ReturnVisit] = []
    if plan.basis == CareBasis.HANDOVER:
        candidates = _handover_candidates(plan, lo, hi)
        owners = _primary_owners([unit_id for unit_id, _d in candidates])
        for unit_id, delivered in candidates:
            if unit_id not in owners:
                continue
            for day in occurrences(delivered, plan.offsets, plan.repeat_months, lo, hi):
                key = f"care:{plan.pk}:u{unit_id}:{day.isoformat()}"
                visits.append(_visit(plan, day, customer_id=owners[unit_id], unit_id=unit_id, key=key, due_at=due_at(day)))
    else:
        days = occurrences(plan.starts_on, plan.offsets, plan.repeat_months, lo, hi)
        if not days or plan.tag_id is None:
            return []
        customer_ids = list(
            Customer.objects.filter(tags=plan.tag_id, customerproject__project_id=plan.project_id)
            .values_list("id", flat=True)
            .distinct()
        )
        homes: dict[int, int] = {}  # customer → their home in the project (as primary owner first)
        for customer_id, unit_id in (
            UnitOwnership.objects.filter(customer_id__in=customer_ids, unit__project_id=plan.project_id)
            .order_by("customer_id", "-role", "id")
            .values_list("customer_id", "unit_id")
        ):
            homes.setdefault(customer_id, unit_id)
        for day in days:
            for customer_id in customer_ids:
                key = f"care:{plan.pk}:c{customer_id}:{day.isoformat()}"
                visits.append(
                    _visit(plan, day, customer_id=customer_id, unit_id=homes.get(customer_id), key=key, due_at=due_at(day))
                )
    if not visits:
        return []
    existing = set(ReturnVisit.objects.filter(plan=plan, occurs_on__range=(lo, hi)).values_list("dedupe_key", flat=True))
    return [visit for visit in visits if visit.dedupe_key not in existing]


def generate(*, today: datetime.date | None = None, plan: CarePlan | None = None) -> int:
    """Create the care visits whose date has come (all active plans, or one); returns how many were created."""
    today = today or timezone.localdate()
    plans = [plan] if plan is not None else list(CarePlan.objects.filter(active=True))
    created = 0
    for each in plans:
        if not each.active:
            continue
        new = _plan_visits(each, today)
        if new:
            # ignore_conflicts: a concurrent run (beat and a plan save) may have created some of them meanwhile
            ReturnVisit.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
            created += len(new)
    return created


# --- plans ---------------------------------------------------------------------------------------------------


def _fail(field: str, message: str, code: StrEnum = ErrorCode.CARE_PLAN_INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _check(plan: CarePlan) -> None:
    if plan.basis == CareBasis.GROUP and plan.tag_id is None:
        raise _fail("tag", _("Choose the customer group to call."))
    if plan.basis == CareBasis.HANDOVER and plan.tag_id is not None:
        raise _fail("tag", _("A plan by handover date calls every owner; leave the customer group empty."))
    offsets = [int(d) for d in plan.offsets]
    if any(d < 0 or d > MAX_OFFSET_DAYS for d in offsets):
        raise _fail("offsets", _("Days are between 0 and %(n)s.") % {"n": MAX_OFFSET_DAYS})
    if len(offsets) > MAX_OFFSETS:
        raise _fail("offsets", _("At most %(n)s dates per plan.") % {"n": MAX_OFFSETS})
    if not offsets and not plan.repeat_months:
        raise _fail("offsets", _("Give the days after the start, a repeat interval, or both."))
    plan.offsets = sorted(set(offsets))
    user = plan.assignee
    allowed = user is None or (
        user.is_active and user.has_perm("visits.change_returnvisit") and can_see_project(user, plan.project_id)
    )
    if not allowed:
        raise _fail("assignee", _("This person cannot make return visits in the project."))


@transaction.atomic
def create_plan(*, actor: Any, values: dict[str, Any]) -> CarePlan:
    plan = CarePlan(created_by=actor, **values)
    if plan.starts_on is None:
        plan.starts_on = timezone.localdate()
    _check(plan)
    plan.save()
    record_event(target=plan, type=CommonEvent.CREATED, actor=actor)
    generate(plan=plan)
    return plan


@transaction.atomic
def update_plan(*, actor: Any, plan: CarePlan, values: dict[str, Any], version: int | None = None) -> CarePlan:
    plan = CarePlan.objects.select_for_update().get(pk=plan.pk)
    ensure_version(plan, version)
    changes = apply_changes(plan, values)
    _check(plan)
    plan.version += 1
    plan.save()
    if changes:
        record_event(target=plan, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    generate(plan=plan)
    return plan
