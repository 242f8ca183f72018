"""When scheduled reports go out and which period each send covers (Asia/Shanghai, the project time zone).

Every schedule sends at 08:00 local time the period that has just ended:

- daily: on each day, yesterday;
- weekly: on Mondays, the week Monday … Sunday before;
- monthly: on the 1st, the month before.

``due_period`` answers "at this moment, which is the latest period whose send time has come?" — the scheduler runs
hourly and sends that period unless it was sent already (``ScheduledSend``), so a missed hour, a stopped worker or a
restart catches up once and never twice. A subscription made after a period's send time waits for the next period.

Worked examples (all 08:00 sends):
- daily, now 2026-12-07 07:59 → 2026-12-05 (sent 12-06 08:00); now 08:00 → 2026-12-06.
- weekly, now Monday 2026-12-07 09:00 → 2026-11-30 … 12-06; now Sunday 12-06 → 11-23 … 11-29.
- monthly, now 2026-12-01 08:00 → 2026-11-01 … 11-30; now 2026-12-31 → the same November.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

SEND_TIME = datetime.time(8, 0)


@dataclass(frozen=True)
class Period:
    date_from: datetime.date
    date_to: datetime.date
    send_at: datetime.datetime  # aware, local 08:00 of the day after ``date_to``


def _at_eight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, SEND_TIME))


def due_period(schedule: str, now: datetime.datetime) -> Period:
    """The latest period of ``schedule`` (daily, weekly, monthly) whose send time is at or before ``now``."""
    local = timezone.localtime(now)
    today = local.date()
    if schedule == "daily":
        send_day = today if local.time() >= SEND_TIME else today - datetime.timedelta(days=1)
        day = send_day - datetime.timedelta(days=1)
        return Period(day, day, _at_eight(send_day))
    if schedule == "weekly":
        monday = today - datetime.timedelta(days=today.weekday())
        if today == monday and local.time() < SEND_TIME:
            monday -= datetime.timedelta(days=7)
        return Period(monday - datetime.timedelta(days=7), monday - datetime.timedelta(days=1), _at_eight(monday))
    if schedule == "monthly":
        first = today.replace(day=1)
        if today == first and local.time() < SEND_TIME:
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        last = first - datetime.timedelta(days=1)
        return Period(last.replace(day=1), last, _at_eight(first))
    raise ValueError(f"unknown schedule {schedule!r}")


def period_containing(kind: str, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The week (Monday … Sunday) or calendar month that contains ``day``."""
    if kind == "week":
        start = day - datetime.timedelta(days=day.weekday())
        return start, start + datetime.timedelta(days=6)
    if kind == "month":
        start = day.replace(day=1)
        following = (start + datetime.timedelta(days=32)).replace(day=1)
        return start, following - datetime.timedelta(days=1)
    raise ValueError(f"unknown period {kind!r}")


def period_before(kind: str, date_from: datetime.date) -> tuple[datetime.date, datetime.date]:
    return period_containing(kind, date_from - datetime.timedelta(days=1))
