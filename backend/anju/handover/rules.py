"""Pure rules of the handover (domain rules §3): the notice lead time (R3.5/R3.6), the days and windows of a batch
and the unit's handover slots as the notices propose them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

STATUTORY_NOTICE_DAYS = 10  # GF-2014 第十一条: at least 10 days' written notice


@dataclass(frozen=True)
class LeadTime:
    required_days: int  # the contract's figure (≥ 10): sending later is refused unless a supervisor overrides
    planned_days: int  # max(contract, project setting): when the notice should go out
    latest_send_on: datetime.date  # handover date − required days
    planned_send_on: datetime.date


def lead_time(*, handover_on: datetime.date, contract_days: int, project_days: int) -> LeadTime:
    required = max(contract_days, STATUTORY_NOTICE_DAYS)
    planned = max(required, project_days)
    return LeadTime(
        required_days=required,
        planned_days=planned,
        latest_send_on=handover_on - datetime.timedelta(days=required),
        planned_send_on=handover_on - datetime.timedelta(days=planned),
    )


def is_late(*, sent_on: datetime.date, lead: LeadTime) -> bool:
    """A notice sent on ``sent_on`` gives fewer days than the contract promises."""
    return sent_on > lead.latest_send_on


def days_of(starts_on: datetime.date, ends_on: datetime.date) -> Iterator[datetime.date]:
    day = starts_on
    while day <= ends_on:
        yield day
        day += datetime.timedelta(days=1)


def spread(
    count: int, *, starts_on: datetime.date, ends_on: datetime.date, windows: Sequence[str], capacity: int
) -> list[tuple[datetime.date, str]]:
    """The proposed (day, window) of ``count`` units, filling each window to capacity in order; past the last day the
    remaining units share the last window (the batch is too small: staff move them when booking)."""
    places = [(day, window) for day in days_of(starts_on, ends_on) for window in windows for _ in range(capacity)]
    if not places:
        return []
    return [places[i] if i < len(places) else places[-1] for i in range(count)]


def valid_window(value: str) -> bool:
    try:
        start, end = value.split("-")
        return datetime.time.fromisoformat(start) < datetime.time.fromisoformat(end) and len(value) == 11
    except ValueError:
        return False
