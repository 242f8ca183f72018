"""Business-time maths: the worked examples (weekend, holiday, 调休 Saturday, lunch break, pause, 24x7)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from anju.sla.calendar import TWENTY_FOUR_SEVEN, WorkingTime, add_business_minutes, business_minutes_between

TZ = ZoneInfo("Asia/Shanghai")
D = dt.date
# 2026 National Day: 10-01…10-07 off, Saturday 10-10 worked (调休); Mid-Autumn 09-25…09-27 off, Sunday 09-20 worked.
CAL = WorkingTime(
    rest_days=frozenset({D(2026, 10, d) for d in range(1, 8)} | {D(2026, 9, d) for d in (25, 26, 27)}),
    make_up_days=frozenset({D(2026, 9, 20), D(2026, 10, 10)}),
)


def at(y: int, m: int, d: int, h: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=TZ)


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        (at(2026, 11, 27, 17), 120, at(2026, 11, 30, 10)),  # Friday 17:00 + 2 h → Monday 10:00 (weekend skipped)
        (at(2026, 11, 26, 11, 30), 60, at(2026, 11, 26, 13, 30)),  # lunch break 12:00–13:00 skipped
        (at(2026, 9, 30, 17), 120, at(2026, 10, 8, 10)),  # National Day holiday skipped
        (at(2026, 10, 9, 17), 120, at(2026, 10, 10, 10)),  # Saturday 10-10 is a 调休 working day
        (at(2026, 9, 24, 17), 120, at(2026, 9, 28, 10)),  # Mid-Autumn Friday to Sunday off
        (at(2026, 9, 18, 17), 120, at(2026, 9, 20, 10)),  # Sunday 09-20 is worked
        (at(2026, 11, 26, 7), 30, at(2026, 11, 26, 9, 30)),  # before work starts
        (at(2026, 11, 29, 15), 0, at(2026, 11, 30, 9)),  # due "now" on a Sunday → when work starts
        (at(2026, 11, 26, 9), 72 * 60, at(2026, 12, 8, 18)),  # 72 working hours = 9 working days of 8 h
    ],
)
def test_due_time(start: dt.datetime, minutes: int, due: dt.datetime) -> None:
    assert add_business_minutes(start, minutes, CAL) == due


def test_elapsed_business_time_across_a_weekend_and_a_pause() -> None:
    # Paused Friday 16:00, resumed Monday 10:00: 2 h on Friday + 1 h on Monday.
    assert business_minutes_between(at(2026, 11, 27, 16), at(2026, 11, 30, 10), CAL) == 180
    # Within one day across lunch.
    assert business_minutes_between(at(2026, 11, 26, 11), at(2026, 11, 26, 14), CAL) == 120
    # A whole holiday week counts nothing.
    assert business_minutes_between(at(2026, 10, 1, 0), at(2026, 10, 8, 0), CAL) == 0
    assert business_minutes_between(at(2026, 11, 26, 14), at(2026, 11, 26, 11), CAL) == 0


def test_adding_elapsed_time_back_gives_the_same_due_time() -> None:
    start = at(2026, 9, 29, 10)
    due = add_business_minutes(start, 600, CAL)
    assert business_minutes_between(start, due, CAL) == 600


def test_twenty_four_seven_counts_every_minute() -> None:
    assert add_business_minutes(at(2026, 11, 28, 23), 120, TWENTY_FOUR_SEVEN) == at(2026, 11, 29, 1)
    assert business_minutes_between(at(2026, 10, 1, 0), at(2026, 10, 2, 0), TWENTY_FOUR_SEVEN) == 1440


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        add_business_minutes(dt.datetime(2026, 11, 26, 9), 10, CAL)
