"""Business time on a Chinese working calendar, as pure functions (no database).

A ``WorkingTime`` is the working periods of a day (e.g. 09:00-12:00 and 13:00-18:00: the lunch break is the gap),
the weekend days, the statutory rest days (法定节假日 and the days off they are bridged with) and the 调休 make-up
working days (weekend days that are worked). ``always=True`` is a 24x7 clock.

``national`` is the national calendar (``core.national_calendar.NationalCalendar``: the table's rows, and for every
year not marked official the holidays computed by the rules), so a clock running into 2030 still stops for its
Spring Festival; ``rest_days`` and ``make_up_days`` are explicit exceptions checked before it.

``add_business_minutes`` finds the moment a target falls due; ``business_minutes_between`` measures elapsed business
time (used for pauses and for "80 % of the target"). Both work in the calendar's local time zone and accept and
return time-zone-aware datetimes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from anju.core.national_calendar import DayKind, NationalCalendar

DEFAULT_PERIODS = ((datetime.time(9, 0), datetime.time(12, 0)), (datetime.time(13, 0), datetime.time(18, 0)))
MAX_DAYS = 3660  # a safety stop: no target runs ten years of business time


@dataclass(frozen=True)
class WorkingTime:
    periods: tuple[tuple[datetime.time, datetime.time], ...] = DEFAULT_PERIODS
    weekend: frozenset[int] = frozenset({6, 7})  # ISO weekdays
    rest_days: frozenset[datetime.date] = field(default_factory=frozenset)
    make_up_days: frozenset[datetime.date] = field(default_factory=frozenset)
    always: bool = False
    zone: str = "Asia/Shanghai"
    national: NationalCalendar | None = None

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.make_up_days:
            return True
        if day in self.rest_days:
            return False
        entry = self.national.exception(day) if self.national is not None else None
        if entry is not None:
            return entry.kind == DayKind.MAKE_UP
        return day.isoweekday() not in self.weekend

    def windows(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
        """The working periods of ``day`` as naive local datetimes (none on a rest day)."""
        if not self.is_working_day(day):
            return []
        return [(datetime.datetime.combine(day, start), datetime.datetime.combine(day, end)) for start, end in self.periods]


TWENTY_FOUR_SEVEN = WorkingTime(always=True)


def _local(moment: datetime.datetime, wt: WorkingTime) -> datetime.datetime:
    if moment.tzinfo is None:
        raise ValueError("business time needs time-zone-aware datetimes")
    return moment.astimezone(ZoneInfo(wt.zone)).replace(tzinfo=None)


def _aware(naive: datetime.datetime, wt: WorkingTime) -> datetime.datetime:
    return naive.replace(tzinfo=ZoneInfo(wt.zone))


def add_business_minutes(start: datetime.datetime, minutes: int, wt: WorkingTime) -> datetime.datetime:
    """The moment ``minutes`` of business time after ``start``.

    Time before the first working period of a day, in the lunch break, after hours, on weekends and rest days does
    not count. A target of 0 minutes starting outside working time falls due when work next starts.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    if wt.always:
        return start + datetime.timedelta(minutes=minutes)
    cursor = _local(start, wt)
    left = datetime.timedelta(minutes=minutes)
    day = cursor.date()
    for _ in range(MAX_DAYS):
        for window_start, end in wt.windows(day):
            if end <= cursor:
                continue
            begin = max(window_start, cursor)
            if begin + left <= end:
                return _aware(begin + left, wt)
            left -= end - begin
        day += datetime.timedelta(days=1)
        cursor = datetime.datetime.combine(day, datetime.time.min)
    raise ValueError("no working time found within ten years")


def business_minutes_between(start: datetime.datetime, end: datetime.datetime, wt: WorkingTime) -> int:
    """Whole minutes of business time in ``[start, end)``; 0 when ``end`` is not after ``start``."""
    return int(business_seconds_between(start, end, wt) // 60)


def business_seconds_between(start: datetime.datetime, end: datetime.datetime, wt: WorkingTime) -> float:
    """Seconds of business time in ``[start, end)`` (the sweep's percentage steps: 80 % of a 1-minute target is 48 s,
    which whole minutes cannot tell from the breach); 0 when ``end`` is not after ``start``."""
    if end <= start:
        return 0.0
    if wt.always:
        return (end - start).total_seconds()
    a, b = _local(start, wt), _local(end, wt)
    total = datetime.timedelta()
    day = a.date()
    while day <= b.date():
        for begin, finish in wt.windows(day):
            lo, hi = max(begin, a), min(finish, b)
            if hi > lo:
                total += hi - lo
        day += datetime.timedelta(days=1)
    return total.total_seconds()
