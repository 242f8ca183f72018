"""Planned care visits (定期回访): plan dates, the generator (idempotent, windowed), outcomes and the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from anju.core.errors import ApplicationError
from anju.core.models import Event
from anju.customers.models import Tag, UnitOwnership
from anju.customers.services.customers import create_customer
from anju.notifications.models import Notification
from anju.properties.models import Unit
from anju.visits import care, services
from anju.visits.models import CarePlan, ReturnVisit

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
D = dt.date


def _unit(world: Any, room: str, delivered: dt.date | None, owner: Any = "new") -> Unit:
    unit = Unit.objects.create(
        project=world.project_a,
        building=world.building_a,
        room_number=room,
        floor=int(room[:-2]),
        stack=room[-2:],
        predicted_gross_area=Decimal("90.00"),
        predicted_internal_area=Decimal("70.00"),
        delivery_date=delivered,
    )
    if owner == "new":
        owner = create_customer(
            actor=world.admin, name=f"业主{room}", mobiles=[f"137{int(room):08d}"], projects=[world.project_a]
        )
    if owner is not None:
        UnitOwnership.objects.create(unit=unit, customer=owner, role="primary")
    return unit


def _handover_plan(world: Any, **values: Any) -> CarePlan:
    defaults = {
        "project": world.project_a,
        "name": "交付关怀",
        "basis": "handover",
        "offsets": [7, 30],
        "repeat_months": 12,
        "starts_on": D(2026, 1, 1),
        "script": "您好，交房一周了，住得还习惯吗？",
    }
    defaults.update(values)
    plan = CarePlan(**defaults)
    plan.save()
    return plan


# --- dates -----------------------------------------------------------------------------------------------------


def test_plan_dates_after_handover_and_every_year_with_month_ends() -> None:
    delivered = D(2024, 2, 29)
    assert care.occurrences(delivered, [7, 30], 12, D(2024, 1, 1), D(2027, 12, 31)) == [
        D(2024, 3, 7),
        D(2024, 3, 30),
        D(2025, 2, 28),  # no 29 February in 2025: the month's last day
        D(2026, 2, 28),
        D(2027, 2, 28),
    ]
    assert care.occurrences(delivered, [7, 30], None, D(2024, 3, 8), D(2024, 3, 30)) == [D(2024, 3, 30)]
    assert care.occurrences(delivered, [], 12, D(2026, 3, 1), D(2027, 1, 1)) == []


def test_a_visit_on_a_rest_day_is_due_at_the_end_of_the_next_working_day() -> None:
    assert care.due_on(D(2026, 11, 27)) == dt.datetime(2026, 11, 27, 18, tzinfo=TZ)  # Friday
    assert care.due_on(D(2026, 11, 28)) == dt.datetime(2026, 11, 30, 18, tzinfo=TZ)  # Saturday → Monday
    assert care.due_on(D(2026, 10, 3)) == dt.datetime(2026, 10, 8, 18, tzinfo=TZ)  # National Day → first working day


# --- generation -------------------------------------------------------------------------------------------------


def test_handover_plan_creates_t7_t30_and_anniversary_visits_once(world: Any) -> None:
    today = D(2026, 11, 27)
    seven = _unit(world, "201", today - dt.timedelta(days=7))
    thirty = _unit(world, "301", today - dt.timedelta(days=30))
    year = _unit(world, "401", D(2025, 11, 27))
    _unit(world, "501", today - dt.timedelta(days=8))  # its T+7 was yesterday: generated yesterday (see below)
    _unit(world, "601", today - dt.timedelta(days=7), owner=None)  # nobody to call yet
    plan = _handover_plan(world)
    # world.unit_a was delivered 2024-06-30: nothing falls due now; "301" gets T+30 today and its T+7 (23 days ago,
    # inside the catch-up window, as when the plan was just set up)
    assert care.generate(today=today) == 5
    late = Unit.objects.get(room_number="501")
    dates = {(v.unit_id, v.occurs_on) for v in ReturnVisit.objects.filter(plan=plan)}
    assert dates == {
        (seven.id, today),
        (thirty.id, today),
        (thirty.id, today - dt.timedelta(days=23)),
        (year.id, today),
        (late.id, today - dt.timedelta(days=1)),
    }
    visit = ReturnVisit.objects.get(plan=plan, unit=seven)
    assert (visit.kind, visit.status, visit.occurs_on, visit.project_id) == ("care", "pending", today, world.project_a.id)
    assert visit.customer == seven.ownerships.get().customer
    assert visit.due_at == dt.datetime(2026, 11, 27, 18, tzinfo=TZ)
    assert ReturnVisit.objects.get(plan=plan, unit=thirty, occurs_on=today - dt.timedelta(days=23)).due_at == dt.datetime(
        2026, 11, 4, 18, tzinfo=TZ
    )
    assert care.generate(today=today) == 0  # idempotent
    assert care.generate(today=today + dt.timedelta(days=1)) == 0  # nothing new tomorrow for these units


def test_the_generator_catches_up_thirty_days_and_never_before_the_plan_starts(world: Any) -> None:
    today = D(2026, 11, 27)
    _unit(world, "201", today - dt.timedelta(days=7 + care.CATCH_UP_DAYS))  # T+7 exactly 30 days ago: still made
    _unit(world, "301", today - dt.timedelta(days=7 + care.CATCH_UP_DAYS + 1))  # 31 days ago: too late
    plan = _handover_plan(world, repeat_months=None, offsets=[7])
    assert care.generate(today=today) == 1
    late = _handover_plan(world, name="新计划", repeat_months=None, offsets=[7], starts_on=today)
    assert care.generate(today=today, plan=late) == 0
    assert ReturnVisit.objects.filter(plan=plan).get().occurs_on == today - dt.timedelta(days=care.CATCH_UP_DAYS)


def test_an_inactive_plan_generates_nothing(world: Any) -> None:
    _unit(world, "201", D(2026, 11, 20))
    _handover_plan(world, active=False)
    assert care.generate(today=D(2026, 11, 27)) == 0


def test_a_group_plan_calls_the_groups_customers_of_the_project(world: Any) -> None:
    vip = Tag.objects.create(name="VIP")
    world.customer_a.tags.add(vip)
    world.customer_b.tags.add(vip)  # project B: not this plan's
    plan = CarePlan.objects.create(
        project=world.project_a,
        name="VIP 季度关怀",
        basis="group",
        tag=vip,
        offsets=[0],
        repeat_months=3,
        starts_on=D(2026, 9, 1),
    )
    assert care.generate(today=D(2026, 9, 1)) == 1
    visit = ReturnVisit.objects.get(plan=plan)
    assert (visit.customer, visit.unit, visit.occurs_on) == (world.customer_a, world.unit_a, D(2026, 9, 1))
    later = create_customer(actor=world.admin, name="王五", mobiles=["13600136000"], projects=[world.project_a])
    later.tags.add(vip)
    assert care.generate(today=D(2026, 11, 30)) == 0  # the next date is 12-01
    assert care.generate(today=D(2026, 12, 1)) == 2
    assert sorted(ReturnVisit.objects.filter(occurs_on=D(2026, 12, 1)).values_list("customer__name", flat=True)) == [
        "张三",
        "王五",
    ]


def test_the_scheduler_runs_the_generator(world: Any) -> None:
    _unit(world, "201", timezone.localdate() - dt.timedelta(days=7))
    _handover_plan(world, starts_on=D(2020, 1, 1))
    call_command("run_scheduler", "--once", "--only", "care-visits")
    assert ReturnVisit.objects.filter(kind="care").count() == 1


# --- plans ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"basis": "group"}, "tag"),
        ({"offsets": [], "repeat_months": None}, "offsets"),
        ({"offsets": [-1]}, "offsets"),
    ],
)
def test_plan_rules(world: Any, values: dict[str, Any], field: str) -> None:
    base = {"project": world.project_a, "name": "计划", "basis": "handover", "offsets": [7], "starts_on": D(2026, 1, 1)}
    with pytest.raises(ApplicationError) as caught:
        care.create_plan(actor=world.admin, values={**base, **values})
    assert field in caught.value.fields
    assert not CarePlan.objects.exists()


def test_the_assignee_must_make_visits_in_the_project(desk: Any) -> None:
    values = {"project": desk.world.project_a, "name": "计划", "basis": "handover", "offsets": [7]}
    with pytest.raises(ApplicationError) as caught:
        care.create_plan(actor=desk.supervisor, values={**values, "assignee": desk.plumber_user})
    assert "assignee" in caught.value.fields
    plan = care.create_plan(actor=desk.supervisor, values={**values, "assignee": desk.agent})
    assert plan.starts_on is not None and plan.assignee == desk.agent


def test_saving_a_plan_generates_its_due_visits_for_the_assignee(desk: Any, today: dt.date) -> None:
    unit = _unit(desk.world, "201", today - dt.timedelta(days=7))
    plan = care.create_plan(
        actor=desk.supervisor,
        values={
            "project": desk.world.project_a,
            "name": "交付关怀",
            "basis": "handover",
            "offsets": [30, 7, 7],
            "starts_on": today,
            "assignee": desk.agent,
        },
    )
    assert plan.offsets == [7, 30]
    visit = ReturnVisit.objects.get(plan=plan)
    assert (visit.unit, visit.assignee) == (unit, desk.agent)
    assert Event.objects.filter(type="record.created", target_id=plan.id).exists()


# --- outcomes ---------------------------------------------------------------------------------------------------


def _care_visit(desk: Any, today: dt.date) -> ReturnVisit:
    _unit(desk.world, "201", today - dt.timedelta(days=7))
    plan = _handover_plan(desk.world, starts_on=today - dt.timedelta(days=1))
    care.generate(today=today)
    return ReturnVisit.objects.get(plan=plan)


def test_a_happy_care_visit_is_recorded_on_the_customer_and_unit_timelines(desk: Any, today: dt.date) -> None:
    visit = services.record_outcome(actor=desk.agent, visit=_care_visit(desk, today), satisfaction=5, comment="一切都好")
    assert (visit.status, visit.outcome_action, visit.resolved) == ("done", "recorded", None)
    events = Event.objects.filter(type="return_visit.outcome_recorded")
    assert events.count() == 1
    assert not Notification.objects.exists()


def test_an_unhappy_care_visit_tells_the_supervisors(desk: Any, today: dt.date) -> None:
    visit = services.record_outcome(
        actor=desk.agent, visit=_care_visit(desk, today), satisfaction=4, resolved=False, comment="阳台门关不严"
    )
    assert visit.outcome_action == "flagged"
    note = Notification.objects.get(recipient=desk.supervisor)
    assert note.kind == "care_visit_flagged" and "阳台门关不严" in note.body


def test_three_unanswered_care_calls_end_the_visit(desk: Any, today: dt.date) -> None:
    visit = _care_visit(desk, today)
    for _i in range(3):
        visit = services.record_attempt(actor=desk.agent, visit=visit)
    assert (visit.status, visit.attempts) == ("unreachable", 3)


def test_a_service_visit_needs_resolved(desk: Any) -> None:
    from anju.visits.tests.test_visits import _completed

    visit = ReturnVisit.objects.get(work_order=_completed(desk))
    with pytest.raises(ApplicationError) as caught:
        services.record_outcome(actor=desk.agent, visit=visit, satisfaction=5)
    assert "resolved" in caught.value.fields
    assert ReturnVisit.objects.get(pk=visit.pk).status == "pending"


# --- API --------------------------------------------------------------------------------------------------------


def test_api_create_list_patch_and_visits(desk: Any, client_for: Any, today: dt.date) -> None:
    _unit(desk.world, "201", today - dt.timedelta(days=7))
    client = client_for(desk.supervisor)
    body = {"project": desk.world.project_a.id, "name": "交付关怀", "basis": "handover", "offsets": [7, 30], "repeat_months": 12}
    created = client.post("/api/v1/care-plans/", body, format="json")
    assert created.status_code == 201, created.data
    assert (created.data["pending"], created.data["done"], created.data["starts_on"]) == (1, 0, today.isoformat())
    plan_id = created.data["id"]
    visits = client_for(desk.agent).get(f"/api/v1/return-visits/?kind=care&plan={plan_id}&mine=true")
    assert visits.status_code == 200 and visits.data["count"] == 1
    row = visits.data["results"][0]
    assert (row["kind"], row["number"], row["plan_name"], row["unit_label"]) == ("care", None, "交付关怀", "1号楼 201")
    assert row["script"] == "" and row["customer_name"] == "业主201"
    outcome = client_for(desk.agent).post(
        f"/api/v1/return-visits/{row['id']}/outcome/", {"satisfaction": 5, "version": row["version"]}, format="json"
    )
    assert outcome.status_code == 200 and outcome.data["status"] == "done"
    stale = client.patch(f"/api/v1/care-plans/{plan_id}/", {"active": False, "version": 9}, format="json")
    assert stale.status_code == 409
    patched = client.patch(f"/api/v1/care-plans/{plan_id}/", {"active": False, "version": 1}, format="json")
    assert patched.status_code == 200 and (patched.data["active"], patched.data["done"]) == (False, 1)
    listed = client.get("/api/v1/care-plans/?active=false")
    assert [p["id"] for p in listed.data["results"]] == [plan_id]
    assignees = client.get(f"/api/v1/care-plans/assignees/?project={desk.world.project_a.id}")
    assert {row["name"] for row in assignees.data} >= {"desk_agent", "desk_supervisor"}
    assert "plumber" not in {row["name"] for row in assignees.data}


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "客户分组"), ("en", "customer group")])
def test_api_bad_plan_is_a_400_with_field_errors_in_both_languages(desk: Any, client_for: Any, language: str, text: str) -> None:
    client = client_for(desk.supervisor, language=language)
    body = {"project": desk.world.project_a.id, "name": "VIP", "basis": "group", "offsets": [0]}
    response = client.post("/api/v1/care-plans/", body, format="json")
    assert response.status_code == 400
    assert text in response.data["fields"]["tag"][0]
    assert not CarePlan.objects.exists()
    bad = client.post("/api/v1/care-plans/", {**body, "offsets": ["x"], "basis": "monthly"}, format="json")
    assert bad.status_code == 400 and {"offsets.0", "basis"} <= set(bad.data["fields"])
    other = client.post("/api/v1/care-plans/", {**body, "project": desk.world.project_b.id}, format="json")
    assert other.status_code == 400 and "project" in other.data["fields"]
    nothing = client.get("/api/v1/care-plans/assignees/")
    assert nothing.status_code == 400 and "project" in nothing.data["fields"]


def test_api_service_outcome_without_resolved_is_a_400(desk: Any, client_for: Any) -> None:
    from anju.visits.tests.test_visits import _completed

    visit = ReturnVisit.objects.get(work_order=_completed(desk))
    response = client_for(desk.agent).post(
        f"/api/v1/return-visits/{visit.id}/outcome/", {"satisfaction": 3, "version": visit.version}, format="json"
    )
    assert response.status_code == 400 and "resolved" in response.data["fields"]


def test_the_generator_does_not_query_per_visit(world: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anju.sla.selectors import forget_working_time

    vip = Tag.objects.create(name="VIP")

    def run(customers: int, day: dt.date) -> int:
        for index in range(customers):
            person = create_customer(
                actor=world.admin,
                name=f"VIP{day.day}{index}",
                mobiles=[f"136{day.day:02d}{index:06d}"],
                projects=[world.project_a],
            )
            person.tags.add(vip)
        plan = CarePlan.objects.create(
            project=world.project_a, name=f"VIP {day}", basis="group", tag=vip, offsets=[0], starts_on=day
        )
        forget_working_time()  # both runs read the calendar (the process keeps a copy for a minute)
        with CaptureQueriesContext(connection) as queries:
            created = care.generate(today=day, plan=plan)
        assert created == ReturnVisit.objects.filter(plan=plan).count() > 0
        return len(queries)

    assert run(2, D(2026, 11, 2)) == run(8, D(2026, 11, 3))
