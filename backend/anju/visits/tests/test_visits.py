"""Return visits: scheduled on completion for the next working day, three attempts, outcomes close or reopen."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from anju.core.errors import ConflictError
from anju.core.models import Event
from anju.visits import services
from anju.visits.events import VisitEvent
from anju.visits.models import ReturnVisit
from anju.workorders.choices import Status
from anju.workorders.models import ServiceSettings, WorkOrder
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _completed(desk: Any) -> WorkOrder:
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    return transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="修好",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )


def test_due_at_the_end_of_the_next_working_day() -> None:
    friday = dt.datetime(2026, 11, 27, 15, tzinfo=TZ)
    assert services.due_after_working_days(friday, 1) == dt.datetime(2026, 11, 30, 18, tzinfo=TZ)  # Monday
    before_holiday = dt.datetime(2026, 9, 30, 10, tzinfo=TZ)
    assert services.due_after_working_days(before_holiday, 1) == dt.datetime(2026, 10, 8, 18, tzinfo=TZ)
    assert services.due_after_working_days(dt.datetime(2026, 10, 9, 10, tzinfo=TZ), 1) == dt.datetime(2026, 10, 10, 18, tzinfo=TZ)


def test_completion_schedules_one_visit_for_the_agent_who_took_the_call(desk: Any) -> None:
    order = _completed(desk)
    visit = ReturnVisit.objects.get(work_order=order)
    assert (visit.status, visit.assignee) == ("pending", desk.agent)
    assert visit.due_at > timezone.now()
    assert services.schedule(order) is None  # never two open visits


def test_the_visit_is_scheduled_after_the_completion_on_the_timeline(desk: Any) -> None:
    """The workflow records the action's event before its signal: the reaction comes after its cause."""
    order = _completed(desk)
    events = list(
        Event.objects.filter(target_id=order.pk, type__in=["work_order.completed", VisitEvent.VISIT_SCHEDULED])
        .order_by("occurred_at", "id")
        .values_list("type", flat=True)
    )
    assert events == ["work_order.completed", VisitEvent.VISIT_SCHEDULED]


def test_a_happy_owner_closes_the_order(desk: Any) -> None:
    order = _completed(desk)
    visit = ReturnVisit.objects.get(work_order=order)
    visit = services.record_outcome(actor=desk.agent, visit=visit, resolved=True, satisfaction=5, comment="很满意")
    assert (visit.status, visit.outcome_action) == ("done", "closed")
    assert WorkOrder.objects.get(pk=order.pk).status == Status.CLOSED
    with pytest.raises(ConflictError):
        services.record_outcome(actor=desk.agent, visit=visit, resolved=True, satisfaction=5)


@pytest.mark.parametrize(("resolved", "score"), [(True, 2), (False, 5), (True, 1)])
def test_a_low_score_or_unresolved_reopens_the_order(desk: Any, resolved: bool, score: int) -> None:
    order = _completed(desk)
    visit = services.record_outcome(
        actor=desk.agent, visit=ReturnVisit.objects.get(work_order=order), resolved=resolved, satisfaction=score, comment="还在漏"
    )
    assert visit.outcome_action == "reopened"
    reopened = WorkOrder.objects.get(pk=order.pk)
    assert (reopened.status, reopened.reopen_count) == (Status.PENDING_DISPATCH, 1)
    # the reason is on the order (its technician reads it): the owner's score and words stay on the visit
    assert "还在漏" not in reopened.last_reason and f"{score}/5" not in reopened.last_reason


def test_the_project_may_only_record_low_scores(desk: Any) -> None:
    ServiceSettings.objects.create(project=desk.world.project_a, low_score_reopens=False)
    order = _completed(desk)
    visit = services.record_outcome(
        actor=desk.agent, visit=ReturnVisit.objects.get(work_order=order), resolved=False, satisfaction=1
    )
    assert visit.outcome_action == "recorded"
    assert WorkOrder.objects.get(pk=order.pk).status == Status.COMPLETED


def test_three_unanswered_calls_close_as_unreachable(desk: Any) -> None:
    order = _completed(desk)
    visit = ReturnVisit.objects.get(work_order=order)
    for _ in range(2):
        visit = services.record_attempt(actor=desk.agent, visit=visit, note="无人接听")
        assert visit.status == "pending"
    visit = services.record_attempt(actor=desk.agent, visit=visit)
    assert (visit.status, visit.attempts, visit.outcome_action) == ("unreachable", 3, "closed")
    assert WorkOrder.objects.get(pk=order.pk).status == Status.CLOSED


def test_cancelling_cancels_open_visits_and_api_scope(desk: Any, client_for: Any) -> None:
    order = _completed(desk)
    client = client_for(desk.agent)
    rows = client.get("/api/v1/return-visits/?mine=true&status=pending").json()["results"]
    assert [r["number"] for r in rows] == [order.number]
    outsider = desk.world.user("visit_outsider", role="service_agent", projects=[desk.world.project_b])
    assert client_for(outsider).get("/api/v1/return-visits/").json()["count"] == 0
    bad = client_for(desk.agent, language="en").post(
        f"/api/v1/return-visits/{rows[0]['id']}/outcome/",
        {"resolved": True, "satisfaction": 9, "version": rows[0]["version"]},
        format="json",
    )
    assert bad.status_code == 400 and "satisfaction" in bad.json()["fields"]
    assert ReturnVisit.objects.get(pk=rows[0]["id"]).status == "pending"
    done = client.post(
        f"/api/v1/return-visits/{rows[0]['id']}/outcome/",
        {"resolved": True, "satisfaction": 4, "version": rows[0]["version"]},
        format="json",
    )
    assert done.status_code == 200 and done.json()["outcome_action"] == "closed"


def test_quality_rollup_per_technician_and_project(desk: Any, client_for: Any) -> None:
    happy, unhappy = _completed(desk), _completed(desk)
    services.record_outcome(actor=desk.agent, visit=ReturnVisit.objects.get(work_order=happy), resolved=True, satisfaction=5)
    services.record_outcome(actor=desk.agent, visit=ReturnVisit.objects.get(work_order=unhappy), resolved=False, satisfaction=2)
    client = client_for(desk.supervisor)
    rows = client.get("/api/v1/quality/rollup/?by=technician").json()
    plumber = next(r for r in rows if r["id"] == desk.plumber_user.id)
    # The plumber did both orders and is credited with both, although the unhappy one was reopened and has no assignee
    # now: the happy order's respond, on-site and resolution targets and the unhappy order's respond target (its
    # on-site and resolution clocks run again after the reopen), and both visits.
    assert (plumber["finished"], plumber["on_time"], plumber["on_time_percent"]) == (4, 4, "100.0")
    assert (plumber["visits"], plumber["unresolved"], plumber["satisfaction"]) == (2, 1, "3.50")
    assert WorkOrder.objects.get(pk=unhappy.pk).assignee is None
    assert not [r for r in rows if r["id"] is None]
    by_project = client.get("/api/v1/quality/rollup/?by=project").json()
    assert [r["name"] for r in by_project] == [desk.world.project_a.name]
    outsider = desk.world.user("rollup_outsider", role="service_supervisor", projects=[desk.world.project_b])
    assert client_for(outsider).get("/api/v1/quality/rollup/?by=project").json() == []
    assert client.get("/api/v1/quality/rollup/?by=moon").status_code == 400
    assert client.get("/api/v1/quality/rollup/?by=project&from=2026-02-30").status_code == 400


def test_a_project_may_open_a_complaint_instead(desk: Any) -> None:
    from anju.complaints.models import Complaint

    ServiceSettings.objects.create(project=desk.world.project_a, low_score_opens_complaint=True)
    order = _completed(desk)
    visit = services.record_outcome(
        actor=desk.agent, visit=ReturnVisit.objects.get(work_order=order), resolved=False, satisfaction=1, comment="根本没修好"
    )
    assert visit.outcome_action == "complaint"
    complaint = WorkOrder.objects.get(type="complaint", customer=desk.world.customer_a)
    assert order.number in complaint.description and "根本没修好" in complaint.description
    assert Complaint.objects.get(work_order=complaint).owner == desk.agent
    assert WorkOrder.objects.get(pk=order.pk).status == Status.COMPLETED


def test_quality_rollup_per_team_category_and_building(desk: Any, client_for: Any) -> None:
    from anju.workorders.models import Team

    team = Team.objects.create(name="水电班")
    desk.plumber.team = team
    desk.plumber.save()
    order = _completed(desk)
    services.record_outcome(actor=desk.agent, visit=ReturnVisit.objects.get(work_order=order), resolved=True, satisfaction=4)
    client = client_for(desk.supervisor)
    by_team = {r["name"]: r for r in client.get("/api/v1/quality/rollup/?by=team").json()}
    assert (by_team["水电班"]["finished"], by_team["水电班"]["visits"], by_team["水电班"]["satisfaction"]) == (3, 1, "4.00")
    by_category = {r["name"]: r for r in client.get("/api/v1/quality/rollup/?by=category").json()}
    assert by_category["给水管道"]["visits"] == 1
    by_building = {r["name"]: r for r in client.get("/api/v1/quality/rollup/?by=building").json()}
    assert by_building["1号楼"]["finished"] == 3


def test_low_scores_are_counted_at_the_projects_threshold(desk: Any, client_for: Any) -> None:
    """The reports' low scores and the visit list's ``low_score`` filter use the threshold the outcome used."""
    from anju.visits.rollups import rollup

    settings = ServiceSettings.objects.create(project=desk.world.project_a, low_score_reopens=False)
    visit = services.record_outcome(
        actor=desk.agent, visit=ReturnVisit.objects.get(work_order=_completed(desk)), resolved=True, satisfaction=3
    )
    client = client_for(desk.supervisor)

    def counted() -> tuple[int, int, int]:
        (row,) = rollup(actor=desk.supervisor, dimension="project")
        low = client.get("/api/v1/return-visits/?low_score=true").json()["count"]
        not_low = client.get("/api/v1/return-visits/?low_score=false&status=done").json()["count"]
        return row["low_scores"], low, not_low

    assert visit.outcome_action == "closed"  # 3 is above the default threshold (2)
    assert counted() == (0, 0, 1)
    settings.low_score_threshold = 3
    settings.save()
    assert counted() == (1, 1, 0)  # the project counts 3 as low from now on


def test_the_visit_list_takes_several_statuses_and_kinds(desk: Any, client_for: Any) -> None:
    order = _completed(desk)
    services.record_outcome(actor=desk.agent, visit=ReturnVisit.objects.get(work_order=order), resolved=True, satisfaction=5)
    _completed(desk)  # a second order: its visit is pending
    client = client_for(desk.supervisor)

    def count(query: str) -> int:
        response = client.get(f"/api/v1/return-visits/?{query}")
        assert response.status_code == 200, response.content
        return int(response.json()["count"])

    assert (count("status=pending"), count("status=done"), count("status=pending,done")) == (1, 1, 2)
    assert count("status=pending&status=done") == 2  # repeated, as every list takes it
    assert (count("kind=service,care"), count("kind=care")) == (2, 0)
    bad = client_for(desk.supervisor, language="en").get("/api/v1/return-visits/?status=pending,nonsense")
    assert bad.status_code == 400
    assert "status" in bad.json()["fields"]


def test_the_owners_visit_feedback_is_not_on_the_technicians_timeline(desk: Any, client_for: Any) -> None:
    """A service visit's events sit on its order's timeline; only readers of return visits see them (attacker check)."""
    order = _completed(desk)
    visit = ReturnVisit.objects.get(work_order=order)
    services.record_outcome(actor=desk.agent, visit=visit, resolved=True, satisfaction=4, comment="下次别派这个师傅")
    plumber = client_for(desk.plumber_user)
    assert plumber.get(f"/api/v1/return-visits/{visit.pk}/").status_code == 403
    for path in (f"/api/v1/work-orders/{order.pk}/timeline/", f"/api/v1/customers/{order.customer_id}/timeline/"):
        answer = plumber.get(path)
        if answer.status_code == 200:
            assert "return_visit." not in str(answer.json()) and "下次别派这个师傅" not in str(answer.json()), path
    included = plumber.get(f"/api/v1/work-orders/{order.pk}/?include=timeline").json()["included"]["timeline"]
    assert not [e for e in included["results"] if e["type"].startswith("return_visit.")]
    # the agent, who may read return visits, still sees the outcome on the order's timeline
    agent_timeline = client_for(desk.agent).get(f"/api/v1/work-orders/{order.pk}/timeline/").json()["results"]
    assert any(e["type"] == "return_visit.outcome_recorded" and "下次别派这个师傅" in e["note"] for e in agent_timeline)


def test_a_reopening_visit_does_not_hand_the_owners_words_to_the_technician(desk: Any, client_for: Any) -> None:
    """Attacker check: the reopen reason (the order's event note and last reason) used to quote the owner."""
    order = _completed(desk)
    visit = ReturnVisit.objects.get(work_order=order)
    services.record_outcome(actor=desk.agent, visit=visit, resolved=False, satisfaction=1, comment="师傅私下收费")
    order = transitions.dispatch(actor=desk.supervisor, order=WorkOrder.objects.get(pk=order.pk), technician=desk.plumber)
    plumber = client_for(desk.plumber_user)
    for path in (
        f"/api/v1/work-orders/{order.pk}/",
        f"/api/v1/work-orders/{order.pk}/timeline/",
        f"/api/v1/customers/{order.customer_id}/timeline/",
    ):
        answer = plumber.get(path)
        assert answer.status_code in (200, 403), path
        assert "师傅私下收费" not in answer.content.decode() and "1/5" not in answer.content.decode(), path
    timeline = plumber.get(f"/api/v1/work-orders/{order.pk}/timeline/").json()["results"]
    reopened = [e for e in timeline if e["type"] == "work_order.reopened"]
    assert reopened and "回访" in reopened[0]["note"]
