"""The send times and periods of scheduled reports (reports.schedule): the worked examples of its docstring."""

from __future__ import annotations

import datetime as dt

import pytest

from anju.reports.schedule import due_period, period_before, period_containing
from anju.reports.tests.factories import at

D = dt.date


@pytest.mark.parametrize(
    ("schedule", "now", "period", "send_day"),
    [
        ("daily", at(12, 7, 7, 59), (D(2026, 12, 5), D(2026, 12, 5)), D(2026, 12, 6)),
        ("daily", at(12, 7, 8, 0), (D(2026, 12, 6), D(2026, 12, 6)), D(2026, 12, 7)),
        ("weekly", at(12, 7, 9), (D(2026, 11, 30), D(2026, 12, 6)), D(2026, 12, 7)),
        ("weekly", at(12, 7, 7), (D(2026, 11, 23), D(2026, 11, 29)), D(2026, 11, 30)),
        ("weekly", at(12, 6, 23), (D(2026, 11, 23), D(2026, 11, 29)), D(2026, 11, 30)),
        ("monthly", at(12, 1, 8), (D(2026, 11, 1), D(2026, 11, 30)), D(2026, 12, 1)),
        ("monthly", at(12, 31, 23), (D(2026, 11, 1), D(2026, 11, 30)), D(2026, 12, 1)),
        ("monthly", at(12, 1, 7, 59), (D(2026, 10, 1), D(2026, 10, 31)), D(2026, 11, 1)),
        ("monthly", at(1, 1, 9, year=2027), (D(2026, 12, 1), D(2026, 12, 31)), D(2027, 1, 1)),
    ],
)
def test_the_period_due_at_a_moment(schedule: str, now: dt.datetime, period: tuple[D, D], send_day: D) -> None:
    due = due_period(schedule, now)
    assert (due.date_from, due.date_to) == period
    assert due.send_at == at(send_day.month, send_day.day, 8, year=send_day.year)


def test_weeks_and_months_containing_a_day_and_the_one_before() -> None:
    assert period_containing("week", D(2026, 12, 3)) == (D(2026, 11, 30), D(2026, 12, 6))
    assert period_containing("month", D(2026, 2, 14)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert period_before("week", D(2026, 11, 30)) == (D(2026, 11, 23), D(2026, 11, 29))
    assert period_before("month", D(2026, 3, 1)) == (D(2026, 2, 1), D(2026, 2, 28))


def test_an_unknown_schedule_is_refused() -> None:
    with pytest.raises(ValueError):
        due_period("hourly", at(12, 7, 9))
    with pytest.raises(ValueError):
        period_containing("year", D(2026, 1, 1))
