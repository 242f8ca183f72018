"""The national calendar by the rules (《全国年节及纪念日放假办法》, 2024 revision) and 民法典 第二百零三条, worked
examples: the law-fixed days of 2026-2035, lunar dates checked against the published calendars, 补假 (第六条), the
rules before 2025, an official year overriding the rules, and periods ending on a holiday."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from anju.core import national_calendar as nc
from anju.core.national_calendar import DayKind, NationalCalendar, NationalDay, Source, statutory_days

D = dt.date
YEARS = range(2026, 2036)


def rest(year: int) -> dict[dt.date, str]:
    return {day.date: day.name for day in statutory_days(year)}


@pytest.fixture
def rules_alone() -> Iterator[None]:
    """No table registered: ``last_day_of_period`` falls back to the rules."""
    saved = list(nc._readers)
    nc._readers.clear()
    yield
    nc._readers[:] = saved


@pytest.mark.parametrize("year", YEARS)
def test_the_days_the_law_fixes_by_the_gregorian_calendar(year: int) -> None:
    days = rest(year)
    for month, day in [(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)]:
        assert D(year, month, day) in days, (year, month, day)
    assert "元旦" in days[D(year, 1, 1)]
    assert "劳动节" in days[D(year, 5, 2)]
    assert all(d.kind == DayKind.REST for d in statutory_days(year))


@pytest.mark.parametrize("year", YEARS)
def test_spring_festival_is_four_days_from_new_years_eve(year: int) -> None:
    days = rest(year)
    festival = sorted(day for day, name in days.items() if name.startswith("春节") and not name.endswith("补假"))
    assert len(festival) == 4
    assert festival == [festival[0] + dt.timedelta(days=k) for k in range(4)]
    assert days[festival[0]] == "春节（除夕）"


@pytest.mark.parametrize("year", YEARS)
def test_every_holiday_on_a_weekend_is_made_up_on_a_working_day(year: int) -> None:
    holidays = nc.holidays(year)
    owed = sum(1 for day, _ in holidays if day.isoweekday() >= 6)
    owed += len(holidays) - len({day for day, _ in holidays})  # two holidays on one date (中秋 on 国庆)
    in_lieu = [day for day in statutory_days(year) if day.name.endswith("补假")]
    assert len(in_lieu) == owed
    assert all(day.date.isoweekday() <= 5 for day in in_lieu)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 2, 17), "春节"),  # 正月初一 2026
        (D(2027, 2, 6), "春节"),
        (D(2028, 1, 26), "春节"),
        (D(2028, 1, 25), "春节（除夕）"),
        (D(2033, 9, 8), "中秋节"),
        (D(2030, 4, 5), "清明节"),
        (D(2028, 4, 4), "清明节"),
        (D(2027, 6, 9), "端午节"),
        (D(2027, 9, 15), "中秋节"),
    ],
)
def test_lunar_and_solar_term_dates(day: dt.date, name: str) -> None:
    assert rest(day.year)[day] == name


def test_labour_day_on_a_weekend_is_made_up_on_the_next_monday_and_tuesday() -> None:
    days = rest(2027)  # 5-1 Saturday, 5-2 Sunday
    assert days[D(2027, 5, 3)] == days[D(2027, 5, 4)] == "劳动节补假"
    assert D(2027, 5, 5) not in days


def test_a_weekend_in_the_middle_of_a_holiday_is_made_up_after_the_whole_block() -> None:
    days = rest(2027)  # 春节: 除夕 Friday 2-5, 初一 Saturday, 初二 Sunday, 初三 Monday 2-8
    assert [days[D(2027, 2, d)] for d in range(5, 11)] == ["春节（除夕）", "春节", "春节", "春节", "春节补假", "春节补假"]
    assert D(2027, 2, 11) not in days


def test_new_years_day_on_a_saturday_is_made_up_on_monday() -> None:
    days = rest(2028)
    assert days[D(2028, 1, 3)] == "元旦补假"
    assert D(2028, 1, 2) not in days  # Sunday stays an ordinary weekend day


def test_mid_autumn_on_national_day_is_kept_as_a_day_of_its_own() -> None:
    days = rest(2031)  # 中秋 = 10-1 (Wednesday): four holidays on three dates
    assert days[D(2031, 10, 1)] == "中秋节、国庆节"
    assert days[D(2031, 10, 6)] == "国庆节补假"  # Monday after the weekend that follows 10-3
    assert len([d for d in days if d.month == 10]) == 4


def test_before_2025_the_2013_rules_apply() -> None:
    days = rest(2024)  # 春节 初一 2-10 … 初三 2-12 (除夕 2-9 was not a statutory holiday); 劳动节 5-1 only
    assert {d for d, n in days.items() if n == "春节"} == {D(2024, 2, 10), D(2024, 2, 11), D(2024, 2, 12)}
    assert D(2024, 2, 9) not in days
    assert D(2024, 5, 2) not in days
    assert days[D(2024, 2, 13)] == days[D(2024, 2, 14)] == "春节补假"  # 初一 Saturday and 初二 Sunday


def test_before_2014_new_years_eve_counted_and_before_2008_nothing_is_computed() -> None:
    days = rest(2010)  # 除夕 Saturday 2-13, 初一 Sunday 2-14, 初二 Monday 2-15 → 补假 Tuesday and Wednesday
    assert [days.get(D(2010, 2, d)) for d in range(13, 19)] == ["春节（除夕）", "春节", "春节", "春节补假", "春节补假", None]
    assert statutory_days(2007) == ()


def test_an_official_year_uses_only_its_rows() -> None:
    official = {D(2026, 10, d): NationalDay(D(2026, 10, d), DayKind.REST, "国庆节") for d in range(1, 8)}
    official[D(2026, 10, 10)] = NationalDay(D(2026, 10, 10), DayKind.MAKE_UP, "国庆节调休")
    calendar = NationalCalendar(entered=official, official_years=frozenset({2026}))
    assert calendar.is_rest_day(D(2026, 10, 7))
    assert not calendar.is_rest_day(D(2026, 10, 10))  # a Saturday worked
    assert not calendar.is_rest_day(D(2026, 6, 19))  # the rules' 端午 is not in the rows: the rows decide
    assert calendar.is_rest_day(D(2027, 6, 9))  # 2027 is not official: the rules
    assert {e.source for e in calendar.days(2026)} == {Source.OFFICIAL}
    assert calendar.exception(D(2027, 6, 9)) == (D(2027, 6, 9), DayKind.REST, "端午节", Source.COMPUTED)


def test_a_row_entered_in_a_computed_year_wins_on_its_date() -> None:
    worked = NationalDay(D(2027, 9, 26), DayKind.MAKE_UP, "国庆节调休")  # a Sunday worked, entered ahead of the notice
    moved = NationalDay(D(2027, 10, 5), DayKind.MAKE_UP, "改为上班")
    calendar = nc.rules_only([worked, moved])
    assert not calendar.is_rest_day(D(2027, 9, 26))
    assert not calendar.is_rest_day(D(2027, 10, 5))
    assert calendar.is_rest_day(D(2027, 10, 4))
    sources = {e.date: e.source for e in calendar.days(2027)}
    assert sources[D(2027, 9, 26)] == sources[D(2027, 10, 5)] == Source.ENTERED
    assert sources[D(2027, 10, 4)] == Source.COMPUTED


@pytest.mark.usefixtures("rules_alone")
def test_a_roof_delivered_at_the_end_of_2023_expires_after_new_years_day_2029() -> None:
    # 5 years from 2023-12-31 → Sunday 2028-12-31; Monday 2029-01-01 is 元旦 → the period ends Tuesday 2029-01-02.
    assert nc.last_day_of_period(D(2028, 12, 31)) == D(2029, 1, 2)


@pytest.mark.usefixtures("rules_alone")
def test_ninety_days_from_a_delivery_ending_on_a_sunday_move_to_monday() -> None:
    end = D(2024, 5, 20) + dt.timedelta(days=90)
    assert end == D(2024, 8, 18)
    assert nc.last_day_of_period(end) == D(2024, 8, 19)


@pytest.mark.usefixtures("rules_alone")
def test_a_period_ending_in_the_spring_festival_of_2030_runs_to_the_first_working_day() -> None:
    # 2030: 除夕 2-2 Saturday, 初一 2-3 Sunday, 初二 Monday, 初三 Tuesday → 补假 Wednesday 2-6 and Thursday 2-7.
    assert nc.last_day_of_period(D(2030, 2, 2)) == D(2030, 2, 8)
    assert nc.last_day_of_period(D(2030, 2, 8)) == D(2030, 2, 8)


def test_the_computation_is_cached_per_year() -> None:
    statutory_days.cache_clear()
    statutory_days(2031)
    statutory_days(2031)
    assert statutory_days.cache_info().hits == 1
