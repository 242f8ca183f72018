"""The technician-efficiency report's SQL path (``worktimes.span_figures``) gives the figures of the old per-order
computation — counts, averages and P90 of the response, arrival and resolution in working minutes — on a seeded set
of a few hundred orders whose spans cross the National Day holiday (10-01 … 10-07) and its 调休 working Sunday and
Saturday (09-27 and 10-10), whatever the state of the stored rows: all current, none, some stale, a changed holiday
table. The reference below is the report's code before the SQL path, computing every order from its moments."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from anju.reports import worktimes
from anju.reports.models import OrderWorkTime
from anju.reports.tests.factories import at
from anju.sla.calendar import business_minutes_between
from anju.sla.models import CalendarDay
from anju.sla.selectors import working_time
from anju.workorders.choices import Status
from anju.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2026-09-01", "date_to": "2026-11-30"}
SPANS = ("respond", "arrive", "resolve")
COUNTS = {"completed": Count("id"), "reopened": Count("id", filter=Q(reopen_count__gt=0))}


def _nearest_rank_p90(values: list[int]) -> int | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def _seed(desk: Any, count: int = 240) -> list[WorkOrder]:
    """``count`` completed repair orders of project A for the plumber, the painter and nobody (an order completed and
    left without an assignee), created from 09-20 to 11-25 — many across the holiday — some never accepted."""
    rng = random.Random(16)
    world = desk.world
    people = [desk.plumber_user.pk, desk.painter_user.pk, None]
    orders = []
    for index in range(count):
        # half of them created in the fortnight around the holiday, the rest spread until late November
        start, days = (at(9, 24, 8), 12) if index % 2 == 0 else (at(9, 20, 8), 66)
        created = start + dt.timedelta(minutes=rng.randrange(0, days * 24 * 60))
        dispatched = created + dt.timedelta(minutes=rng.randrange(0, 3 * 24 * 60))
        wait = rng.randrange(0, (12 if index % 4 == 0 else 3) * 24 * 60)  # a quarter wait up to 12 days
        accepted = None if index % 11 == 0 else dispatched + dt.timedelta(minutes=wait)
        started = (accepted or dispatched) + dt.timedelta(minutes=rng.randrange(0, 2 * 24 * 60))
        completed = started + dt.timedelta(minutes=rng.randrange(1, 24 * 60))
        orders.append(
            WorkOrder(
                number=f"FP{index:06d}",
                type="repair",
                status=Status.CLOSED if index % 3 else Status.COMPLETED,
                project=world.project_a,
                building=world.building_a,
                unit=world.unit_a,
                customer=world.customer_a,
                category=desk.water,
                description="渗水",
                assignee_id=people[index % 3] if index % 17 else None,
                reopen_count=1 if index % 7 == 0 else 0,
                created_at=created,
                dispatched_at=dispatched,
                accepted_at=accepted,
                started_at=started,
                completed_at=completed,
            )
        )
    return WorkOrder.objects.bulk_create(orders)


def _reference(orders: Any) -> tuple[dict[Any, dict[str, Any]], dict[str, Any]]:
    """The old computation: every order's three spans on the business calendar, in Python, grouped by assignee."""
    wt = working_time()
    per: dict[Any, dict[str, Any]] = {}
    every: dict[str, list[int]] = {name: [] for name in SPANS}
    for order in orders.values("assignee_id", "reopen_count", *worktimes.MOMENTS).order_by("assignee_id", "id"):
        entry = per.setdefault(order["assignee_id"], {"completed": 0, "reopened": 0, **{n: [] for n in SPANS}})
        entry["completed"] += 1
        entry["reopened"] += 1 if order["reopen_count"] else 0
        for name, (start, end) in worktimes.SPANS.items():
            a, b = order[start], order[end]
            if a and b:
                minutes = business_minutes_between(a, b, wt)
                entry[name].append(minutes)
                every[name].append(minutes)

    def figures(lists: dict[str, list[int]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in SPANS:
            values = lists[name]
            out[f"{name}_avg"] = round(sum(values) / len(values), 1) if values else None
            out[f"{name}_p90"] = _nearest_rank_p90(values)
        return out

    groups = {key: {"completed": e["completed"], "reopened": e["reopened"], **figures(e)} for key, e in per.items()}
    return groups, {"completed": sum(e["completed"] for e in per.values()), **figures(every)}


def _fast(orders: Any) -> tuple[dict[Any, dict[str, Any]], dict[str, Any]]:
    per, every = worktimes.span_figures(orders, "assignee_id", COUNTS, working_time(), worktimes.calendar_stamp())

    def flat(figures: worktimes.Figures) -> dict[str, Any]:
        out = dict(figures.counts)
        for name in SPANS:
            out[f"{name}_avg"] = figures.spans[name].avg
            out[f"{name}_p90"] = figures.spans[name].p90
        return out

    totals = flat(every)
    totals.pop("reopened")
    return {key: flat(figures) for key, figures in per.items()}, totals


def _orders() -> Any:
    return WorkOrder.objects.filter(number__startswith="FP", completed_at__gte=at(9, 1, 0), completed_at__lt=at(12, 1, 0))


def _report(client: Any) -> dict[str, Any]:
    response = client.get("/api/v1/reports/technician_efficiency/", PERIOD)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_seed_crosses_the_holiday_so_working_and_calendar_time_differ(desk: Any) -> None:
    _seed(desk)
    wt = working_time()
    assert not wt.is_working_day(dt.date(2026, 10, 3)) and wt.is_working_day(dt.date(2026, 10, 10))  # 国庆, 调休
    across = [
        o for o in _orders() if o.dispatched_at.date() < dt.date(2026, 10, 1) and o.completed_at.date() > dt.date(2026, 10, 7)
    ]
    assert len(across) >= 5


def test_the_sql_figures_equal_the_per_order_computation_with_every_row_current(desk: Any, monkeypatch: Any) -> None:
    _seed(desk)
    expected = _reference(_orders())
    worktimes.rebuild(dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    assert OrderWorkTime.objects.count() >= _orders().count()

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("computed live although every row is current")

    monkeypatch.setattr(worktimes, "compute", refuse)
    assert _fast(_orders()) == expected
    groups, totals = expected
    assert len(groups) == 3 and totals["completed"] == _orders().count()
    assert {g["respond_p90"] for g in groups.values()} != {None}


def test_the_sql_figures_equal_the_per_order_computation_without_rows(desk: Any) -> None:
    _seed(desk)
    OrderWorkTime.objects.all().delete()
    assert _fast(_orders()) == _reference(_orders())


def test_some_stale_rows_are_computed_and_merged_exactly(desk: Any) -> None:
    orders = _seed(desk)
    worktimes.rebuild(dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    # queryset updates send no signal: these rows keep the old moments, a few others lose their row
    moved = [o.pk for o in orders[::9]]
    WorkOrder.objects.filter(pk__in=moved).update(accepted_at=None)
    WorkOrder.objects.filter(pk__in=[o.pk for o in orders[1::13]]).update(started_at=at(11, 28, 9))
    OrderWorkTime.objects.filter(pk__in=[o.pk for o in orders[2::10]]).delete()
    assert _fast(_orders()) == _reference(_orders())


def test_a_changed_holiday_table_is_followed(desk: Any) -> None:
    _seed(desk)
    worktimes.rebuild(dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    before = _fast(_orders())
    CalendarDay.objects.create(date=dt.date(2026, 11, 2), kind="rest", name="停工")
    after = _fast(_orders())
    assert after == _reference(_orders())
    assert after != before


def test_the_report_shows_the_reference_figures(desk: Any, client_for: Any) -> None:
    _seed(desk)
    worktimes.rebuild(dt.date(2026, 9, 1), dt.date(2026, 10, 31))  # November's rows missing: computed
    groups, totals = _reference(_orders())
    body = _report(client_for(desk.supervisor))
    names = {desk.plumber_user.pk: desk.plumber_user, desk.painter_user.pk: desk.painter_user}
    assert len(body["rows"]) == 3
    for row in body["rows"]:
        key = int(row["key"]) if row["key"] != "—" else None
        want = groups[key]
        assert {k: row[k] for k in want} == want
        assert row["rework_percent"] == round(want["reopened"] * 100 / want["completed"], 1)
        if key is not None:
            assert row["label"] in (names[key].display_name, names[key].username)
    assert {k: body["totals"][k] for k in totals} == totals
    assert [r["completed"] for r in body["rows"]] == sorted((r["completed"] for r in body["rows"]), reverse=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the percentile is taken in SQL on PostgreSQL only")
def test_on_postgresql_current_rows_are_read_in_two_grouped_queries(desk: Any) -> None:
    _seed(desk)
    worktimes.rebuild(dt.date(2026, 9, 1), dt.date(2026, 11, 30))
    expected = _reference(_orders())
    with CaptureQueriesContext(connection) as queries:
        figures = _fast(_orders())
    assert figures == expected
    spans = [q["sql"] for q in queries.captured_queries if "PERCENTILE_DISC" in q["sql"]]
    assert len(spans) == 2  # per assignee, and the totals; no per-order rows read
