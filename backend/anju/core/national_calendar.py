"""The national rest days, as far as the law needs them: 民法典 第二百零三条 moves the last day of a period that falls
on a statutory rest day (法定休假日) to the first day after it.

Rest days are Saturdays and Sundays (公休日) and the statutory holidays, except the make-up working days (调休上班)
the State Council announces. The sla app owns that editable table and registers a reader here when it starts, so
lower apps (warranty) can ask without importing it. This is the national calendar, not the service centre's
opening hours: a desk that works on Saturdays does not shorten anybody's legal period.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

Reader = Callable[[datetime.date, datetime.date], dict[datetime.date, bool]]
_readers: list[Reader] = []


def register(reader: Reader) -> None:
    """``reader(first, last)`` → {day: is_rest_day} for the table's entries between the two days (the last one wins)."""
    _readers[:] = [reader]


def last_day_of_period(day: datetime.date) -> datetime.date:
    """``day`` itself, or the first day after the rest days it falls on (民法典 第二百零三条)."""
    horizon = day + datetime.timedelta(days=40)  # longer than any run of rest days (Spring Festival ≈ 9)
    table = _readers[0](day, horizon) if _readers else {}
    while day < horizon:
        rest = table.get(day, day.isoweekday() >= 6)
        if not rest:
            return day
        day += datetime.timedelta(days=1)
    return day
