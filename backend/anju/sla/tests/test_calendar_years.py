"""The combined national calendar in the SLA app: official years (the State Council's notice as entered) override
the rules, computed years follow them, every period (SLA clocks, 第二百零三条) reads the same calendar, and the
calendar-years API lists, switches and shows the days."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.db import connection

from anju.core import national_calendar
from anju.core.events import Event
from anju.sla import services
from anju.sla.calendar import add_business_minutes, business_minutes_between
from anju.sla.models import CalendarDay, CalendarYear
from anju.sla.selectors import calendar_year_days, national_rest_days, working_time

pytestmark = pytest.mark.django_db
D = dt.date
TZ = ZoneInfo("Asia/Shanghai")


def test_the_migration_marks_2026_official_and_computes_2027() -> None:
    assert CalendarYear.objects.get(year=2026).official
    assert not CalendarYear.objects.get(year=2027).official
    assert not CalendarDay.objects.filter(date__year=2027).exists()  # the untouched estimates are now computed
    assert not CalendarDay.objects.filter(name__contains="预计").exists()
    days = {d.date: d for d in calendar_year_days(2027)}
    assert days[D(2027, 2, 10)].name == "春节补假" and days[D(2027, 2, 10)].source == "computed"


def test_the_migration_keeps_a_2027_calendar_someone_edited() -> None:
    migration = importlib.import_module("anju.sla.migrations.0010_calendar_years_2026_2027")
    CalendarYear.objects.filter(year=2027).delete()
    for day, name in migration.SEEDED_2027:
        CalendarDay.objects.create(date=day, kind="rest", name=name)
    CalendarDay.objects.filter(date=D(2027, 10, 5)).delete()  # a user decided 10-05 is worked
    migration.forward(django_apps, connection.schema_editor())
    assert CalendarDay.objects.filter(date__year=2027).count() == 18  # nothing deleted
    assert CalendarYear.objects.get(year=2027).official  # the rows stay the whole calendar, as before
    assert national_rest_days(D(2027, 10, 5), D(2027, 10, 5)) == {}


def test_the_migration_deletes_only_untouched_estimates() -> None:
    migration = importlib.import_module("anju.sla.migrations.0010_calendar_years_2026_2027")
    migration.backward(django_apps, connection.schema_editor())
    assert CalendarDay.objects.filter(date__year=2027).count() == 19
    CalendarDay.objects.create(date=D(2027, 9, 26), kind="make_up", name="国庆节调休")  # entered later: kept
    migration.forward(django_apps, connection.schema_editor())
    assert list(CalendarDay.objects.filter(date__year=2027).values_list("name", flat=True)) == ["国庆节调休"]
    assert not CalendarYear.objects.get(year=2027).official


def test_an_official_year_overrides_the_rules(desk: Any) -> None:
    # 2026 (official): the notice gives 10-1..10-7 off and 10-10 worked; the rules alone would give 10-1..10-3 and 10-5.
    assert national_rest_days(D(2026, 10, 1), D(2026, 10, 10)) == {
        **{D(2026, 10, d): True for d in range(1, 8)},
        D(2026, 10, 10): False,
    }
    assert working_time().is_working_day(D(2026, 10, 10))  # a Saturday worked (调休)
    # 2030 entered as an (imagined) notice that moves 初二 and 初三 to other days: once official, only its rows count.
    CalendarDay.objects.create(date=D(2030, 2, 1), kind="rest", name="春节")
    assert national_rest_days(D(2030, 2, 4), D(2030, 2, 4)) == {D(2030, 2, 4): True}  # still computed
    services.set_calendar_year(actor=desk.world.admin, year=2030, official=True, note="国办发明电〔2029〕1号")
    assert national_rest_days(D(2030, 2, 1), D(2030, 2, 8)) == {D(2030, 2, 1): True}
    assert working_time().is_working_day(D(2030, 2, 4))
    assert national_calendar.last_day_of_period(D(2030, 2, 1)) == D(2030, 2, 4)


def test_periods_and_clocks_read_the_same_calendar_in_a_computed_year() -> None:
    # 2030 is computed: 除夕 Saturday 2-2 … 初三 Tuesday 2-5, 补假 2-6 and 2-7.
    assert national_calendar.last_day_of_period(D(2030, 2, 3)) == D(2030, 2, 8)
    wt = working_time()
    friday = dt.datetime(2030, 2, 1, 17, tzinfo=TZ)
    assert add_business_minutes(friday, 120, wt) == dt.datetime(2030, 2, 8, 10, tzinfo=TZ)
    assert business_minutes_between(friday, dt.datetime(2030, 2, 8, 10, tzinfo=TZ), wt) == 120


def test_a_row_entered_in_a_computed_year_wins_on_its_date() -> None:
    CalendarDay.objects.create(date=D(2030, 2, 7), kind="make_up", name="上班")
    assert working_time().is_working_day(D(2030, 2, 7))
    assert national_calendar.last_day_of_period(D(2030, 2, 3)) == D(2030, 2, 7)
    sources = {d.date: d.source for d in calendar_year_days(2030)}
    assert sources[D(2030, 2, 7)] == "entered" and sources[D(2030, 2, 6)] == "computed"


def test_the_warranty_example_reads_the_sla_calendar() -> None:
    # A roof delivered 2023-12-31 (5 years) ends Sunday 2028-12-31; 2029-01-01 is 元旦 → Tuesday 2029-01-02.
    assert national_calendar.last_day_of_period(D(2028, 12, 31)) == D(2029, 1, 2)


def test_working_time_loads_the_calendar_in_a_fixed_number_of_queries(django_assert_max_num_queries: Any) -> None:
    CalendarDay.objects.create(date=D(2030, 2, 7), kind="make_up", name="上班")
    with django_assert_max_num_queries(3):  # the working hours, the calendar's rows, its official years
        wt = working_time()
    assert wt.national is not None and wt.national.official_years == {2026}
    assert wt.national.entered[D(2030, 2, 7)].kind == "make_up" and len(wt.national.entered) == 40
    with django_assert_max_num_queries(2):
        national_rest_days(D(2026, 9, 1), D(2030, 12, 31))
    start = dt.datetime(2029, 12, 20, 9, tzinfo=TZ)
    with django_assert_max_num_queries(0):
        add_business_minutes(start, 400 * 8 * 60, wt)  # more than a year and a half of working days, no query


def test_the_years_list_and_switching_a_year(desk: Any, client_for: Any) -> None:
    client = client_for(desk.world.admin)
    years = {row["year"]: row for row in client.get("/api/v1/sla/calendar-years/").json()}
    assert years[2026]["official"] and years[2026]["make_up_days"] == 6 and years[2026]["rest_days"] == 33
    assert not years[2027]["official"] and years[2027]["rest_days"] == 19 and years[2027]["make_up_days"] == 0
    empty = client.put("/api/v1/sla/calendar-years/2030/", {"official": True}, format="json")
    assert empty.status_code == 400 and empty.json()["code"] == "sla.official_year_empty"
    answer = client.put("/api/v1/sla/calendar-years/2026/", {"official": False}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["official"] is False and answer.json()["updated_by_name"]
    assert Event.objects.filter(type="record.updated", data__year=2026).exists()
    days = client.get("/api/v1/sla/calendar-years/2026/days/").json()
    by_date = {row["date"]: row for row in days}
    assert len(days) == 39 and {row["source"] for row in days} == {"entered"}  # the notice covers every computed day
    assert by_date["2026-10-10"] == {"date": "2026-10-10", "kind": "make_up", "name": "国庆节调休", "source": "entered"}
    assert client.get("/api/v1/sla/calendar-years/2030/days/").json()[0] == {
        "date": "2030-01-01",
        "kind": "rest",
        "name": "元旦",
        "source": "computed",
    }
    assert client.get("/api/v1/sla/calendar-years/1999/days/").status_code == 400


def test_only_a_user_covering_every_project_switches_a_year(desk: Any, client_for: Any) -> None:
    scoped = desk.world.user("cal_scoped", permissions=["sla.add_calendarday"], projects=[desk.world.project_a])
    response = client_for(scoped).put("/api/v1/sla/calendar-years/2027/", {"official": False}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "scope.company_wide"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_year_input_is_checked(desk: Any, client_for: Any, language: str) -> None:
    client = client_for(desk.world.admin, language=language)
    response = client.put("/api/v1/sla/calendar-years/2027/", {"official": "maybe", "extra": 1}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) >= {"official"}


def test_calendar_days_entered_and_removed_leave_events(desk: Any, client_for: Any) -> None:
    client = client_for(desk.world.admin)
    created = client.post("/api/v1/sla/calendar/", {"date": "2030-09-29", "kind": "make_up", "name": "国庆节调休"}, format="json")
    assert created.status_code == 201
    assert client.delete(f"/api/v1/sla/calendar/{created.json()['id']}/").status_code == 204
    events = Event.objects.filter(target_id=created.json()["id"], target_label__startswith="2030-09-29")
    assert sorted(events.values_list("type", flat=True)) == ["record.created", "record.deleted"]
