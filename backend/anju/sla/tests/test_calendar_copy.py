"""The process's copy of the working calendar: read once, dropped on a change, expired after a while."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.sla import selectors
from anju.sla.models import CalendarDay, WorkingHours

pytestmark = pytest.mark.django_db


def test_given_a_read_calendar_when_read_again_then_no_query_runs() -> None:
    first = selectors.working_time()
    with CaptureQueriesContext(connection) as queries:
        again = selectors.working_time()
        selectors.national_rest_days(datetime.date(2026, 10, 1), datetime.date(2026, 10, 8))
    assert again is first
    assert queries.captured_queries == []


def test_given_a_read_calendar_when_a_day_is_added_then_the_next_read_sees_it() -> None:
    day = datetime.date(2031, 3, 12)  # a Wednesday
    assert selectors.working_time().is_working_day(day)
    CalendarDay.objects.create(date=day, kind="rest", name="测试休息日")
    assert not selectors.working_time().is_working_day(day)
    CalendarDay.objects.filter(date=day).get().delete()
    assert selectors.working_time().is_working_day(day)


def test_given_a_read_calendar_when_the_hours_change_then_the_next_read_sees_them() -> None:
    assert selectors.working_time().periods[0][0] == datetime.time(9, 0)
    hours = WorkingHours.objects.first() or WorkingHours()
    hours.morning_start = datetime.time(8, 30)
    hours.save()
    assert selectors.working_time().periods[0][0] == datetime.time(8, 30)


def test_given_a_copy_older_than_its_lifetime_when_read_then_it_is_read_again(monkeypatch: Any) -> None:
    first = selectors.working_time()
    now = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: now[0])
    selectors.forget_working_time()
    kept = selectors.working_time()
    now[0] += selectors.CALENDAR_CACHE_SECONDS - 1
    assert selectors.working_time() is kept
    now[0] += 2
    with CaptureQueriesContext(connection) as queries:
        fresh = selectors.working_time()
    assert fresh is not kept and (fresh.periods, fresh.weekend) == (first.periods, first.weekend)
    assert len(queries.captured_queries) == 3  # the hours, the calendar's rows, its official years
