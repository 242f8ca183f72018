"""SLA reads: the calendar in force, the policy for an order, and how each clock stands."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from anju.core.national_calendar import CalendarEntry, NationalCalendar, NationalDay
from anju.core.national_calendar import DayKind as NationalKind
from anju.core.prepared import Prepared
from anju.properties.scope import visible_project_ids
from anju.sla.calendar import TWENTY_FOUR_SEVEN, WorkingTime, business_minutes_between
from anju.sla.models import CalendarDay, CalendarYear, SlaClock, SlaPolicy, WorkingHours
from anju.workorders.models import WorkOrder
from anju.workorders.selectors import complaint_stages, list_work_orders


def working_hours() -> WorkingHours:
    """The company's working hours (the defaults until someone saves them)."""
    return WorkingHours.objects.first() or WorkingHours()


def national_calendar(first: datetime.date | None = None, last: datetime.date | None = None) -> NationalCalendar:
    """The one combined calendar: the table's rows and official years (between two days, or all of them — the
    table is a few dozen rows a year), and the rules for every other year.

    Two queries per window (the rows, the official years), none per day. (A UNION of the two was one query, but
    MariaDB refuses to mix the collations of a text column and a cast.)
    """
    rows = CalendarDay.objects.order_by()
    years = CalendarYear.objects.filter(official=True).order_by()
    if first is not None and last is not None:
        rows = rows.filter(date__range=(first, last))
        years = years.filter(year__range=(first.year, last.year))
    entered = {day: NationalDay(day, NationalKind(kind), name) for day, kind, name in rows.values_list("date", "kind", "name")}
    official = set(years.values_list("year", flat=True))
    return NationalCalendar(entered=entered, official_years=frozenset(official))


# The working calendar changes a few times a year and is read by every create, detail screen, SLA board and sweep:
# each process keeps the one it read for ``CALENDAR_CACHE_SECONDS`` (a ``WorkingTime`` is immutable). A change
# through a model save or delete drops the copy of the process that made it at once (``sla.receivers``); another
# server process sees it when its copy expires. 0 turns the copy off.
CALENDAR_CACHE_SECONDS = 60.0
_kept: tuple[float, WorkingTime] | None = None


def working_time() -> WorkingTime:
    """The working periods, the company's weekend and the national calendar (all years: a clock may run far)."""
    global _kept  # noqa: PLW0603 - the process's copy, see CALENDAR_CACHE_SECONDS
    kept = _kept
    now = time.monotonic()
    if kept is not None and now - kept[0] < CALENDAR_CACHE_SECONDS:
        return kept[1]
    hours = working_hours()
    fresh = WorkingTime(
        periods=((hours.morning_start, hours.morning_end), (hours.afternoon_start, hours.afternoon_end)),
        weekend=frozenset(int(d) for d in hours.weekend_days),
        national=national_calendar(),
        zone=settings.TIME_ZONE,
    )
    _kept = (now, fresh)
    return fresh


def forget_working_time() -> None:
    """Drop this process's copy of the calendar (after a change to the hours, a calendar day or a year)."""
    global _kept  # noqa: PLW0603
    _kept = None


def clock_time(clock: SlaClock, wt: WorkingTime) -> WorkingTime:
    return TWENTY_FOUR_SEVEN if clock.around_the_clock else wt


def _policy_candidates(project: int, order_type: str, priority: str) -> QuerySet[SlaPolicy]:
    candidates = SlaPolicy.objects.filter(
        Q(project_id=project) | Q(project__isnull=True), order_type=order_type, priority=priority
    )
    # One query: the project's row (if any) sorts before the company-wide one (NULL project last on every database).
    return candidates.order_by(F("project_id").asc(nulls_last=True), "pk")[:1]


_POLICY = Prepared(_policy_candidates, project=int, order_type=str, priority=str)  # read on every create


def policy_for(order: WorkOrder) -> SlaPolicy | None:
    """The project's own policy for the order's type and priority, else the company-wide one."""
    return _POLICY.one(project=order.project_id, order_type=order.type, priority=order.priority)


def describe(clock: SlaClock, wt: WorkingTime, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Due time, business minutes left (negative = overdue), whether it was met on time, and whether it is paused."""
    now = now or timezone.now()
    time = clock_time(clock, wt)
    state: str
    left: int | None = None
    if clock.stopped_at:
        state = "stopped"
    elif clock.met_at:
        state = "met" if clock.met_at <= clock.due_at else "met_late"
    elif clock.paused_since:
        state = "paused"
        left = business_minutes_between(clock.paused_since, clock.due_at, time)
    elif now <= clock.due_at:
        left = business_minutes_between(now, clock.due_at, time)
        elapsed = clock.minutes - left
        warn = clock.policy.warn_percent if clock.policy_id and clock.policy else 80
        state = "warning" if clock.minutes and elapsed * 100 >= clock.minutes * warn else "running"
    else:
        state = "overdue"
        left = -business_minutes_between(clock.due_at, now, time)
    return {
        "target": clock.target,
        "due_at": clock.due_at,
        "met_at": clock.met_at,
        "minutes": clock.minutes,
        "around_the_clock": clock.around_the_clock,
        "working_day_minutes": working_day_minutes(time),
        "state": state,
        "minutes_left": left,
    }


def working_day_minutes(time: WorkingTime) -> int:
    """Minutes in one working day of ``time`` (1440 around the clock): what "1 个工作日" of a target means."""
    if time.always:
        return 24 * 60
    total = 0
    for start, end in time.periods:
        total += (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return max(total, 1)


def list_policies(*, actor: Any) -> QuerySet[SlaPolicy]:
    """The company-wide policies and those of the actor's projects."""
    queryset = SlaPolicy.objects.select_related("project")
    ids = visible_project_ids(actor)
    if ids is None:
        return queryset
    return queryset.filter(Q(project__isnull=True) | Q(project_id__in=ids))


def list_calendar_days() -> QuerySet[CalendarDay]:
    """Not scoped: the business calendar (statutory rest days, 调休 working days) is company-wide."""
    return CalendarDay.objects.all()


def clocks_of(*, actor: Any, work_order_ids: list[int]) -> QuerySet[SlaClock]:
    """The clocks of those of the given orders the actor can see."""
    visible = list_work_orders(actor=actor).filter(pk__in=work_order_ids).values("pk")
    return SlaClock.objects.filter(work_order__in=visible).select_related("policy").order_by("work_order_id", "id")


_CLOCKS_OF_ORDER = Prepared(  # on every detail screen
    lambda order: SlaClock.objects.filter(work_order_id=order).select_related("policy").order_by("work_order_id", "id"),
    order=int,
)


def clocks_of_fetched_order(order: Any) -> list[SlaClock]:
    """The clocks of an order the caller has already fetched through the work-order selectors (not scoped again)."""
    return _CLOCKS_OF_ORDER.all(order=order.pk)


def board_clocks(*, actor: Any, project_id: int | None = None, overdue_only: bool = False) -> QuerySet[SlaClock]:
    """Running clocks on the orders the actor can see, the soonest (or most overdue) first."""
    visible = list_work_orders(actor=actor, project=project_id).values("pk")
    clocks = (
        SlaClock.objects.filter(work_order__in=visible, met_at__isnull=True, stopped_at__isnull=True)
        .select_related("policy", "work_order__project", "work_order__assignee")
        .order_by("due_at", "id")
    )
    if overdue_only:
        clocks = clocks.filter(due_at__lt=timezone.now(), paused_since__isnull=True)
    return clocks


def board_rows(clocks: Iterable[SlaClock], wt: WorkingTime) -> list[dict[str, Any]]:
    clocks = list(clocks)
    stages = complaint_stages([clock.work_order_id for clock in clocks])
    rows = []
    for clock in clocks:
        order = clock.work_order
        assignee = order.assignee
        rows.append(
            {
                "work_order": order.pk,
                **describe(clock, wt),
                "number": order.number,
                "order_type": order.type,
                "status": order.status,
                "complaint_stage": stages.get(order.pk),
                "priority": order.priority,
                "description": order.description[:100],
                "project_name": order.project.name,
                "assignee_name": (assignee.display_name or assignee.username) if assignee else None,
            }
        )
    return rows


def national_rest_days(first: datetime.date, last: datetime.date) -> dict[datetime.date, bool]:
    """The reader of ``core.national_calendar``: the combined calendar's exceptions between two days, statutory rest
    (True) or make-up working day (False) — the same calendar the SLA clocks use."""
    national = working_time().national  # the process's copy (see CALENDAR_CACHE_SECONDS): no query when it is fresh
    assert national is not None
    return national.window(first, last)


YEARS_AHEAD = 2  # the calendar screen lists this year, last year and the next two, and every year with data


def calendar_years() -> list[dict[str, Any]]:
    """Not scoped (the calendar is company-wide): each year's status — official or computed — and its counts."""
    records = {row.year: row for row in CalendarYear.objects.select_related("updated_by")}
    calendar = national_calendar()
    this_year = timezone.localdate().year
    known = {*records, *(day.year for day in calendar.entered), this_year - 1, this_year + YEARS_AHEAD}
    return [_year_status(year, records.get(year), calendar) for year in range(min(known), max(known) + 1)]


def _year_status(year: int, record: CalendarYear | None, calendar: NationalCalendar) -> dict[str, Any]:
    days = calendar.days(year)
    user = record.updated_by if record else None
    return {
        "year": year,
        "official": bool(record and record.official),
        "note": record.note if record else "",
        "rest_days": sum(1 for day in days if day.kind == NationalKind.REST),
        "make_up_days": sum(1 for day in days if day.kind == NationalKind.MAKE_UP),
        "entered_days": sum(1 for day in calendar.entered if day.year == year),
        "updated_by_name": (user.display_name or user.username) if user else None,
        "updated_at": record.updated_at if record else None,
    }


def calendar_year(year: int) -> dict[str, Any]:
    """One year's status (a year never saved is computed)."""
    record = CalendarYear.objects.select_related("updated_by").filter(year=year).first()
    return _year_status(year, record, national_calendar(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))


def calendar_year_days(year: int) -> list[CalendarEntry]:
    """Not scoped (company-wide): the days of ``year`` that depart from the weekly pattern, as every period sees
    them, each with its source (computed by the rules, an official row, or a row entered in a computed year)."""
    return national_calendar(datetime.date(year, 1, 1), datetime.date(year, 12, 31)).days(year)
