"""Complaints: the stage table, first-contact ownership, escalation, closing resolves the order; group-complaint alert."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from anju.complaints import services
from anju.complaints.models import Complaint, GroupAlertSettings, Incident, Stage
from anju.complaints.workflow import WORKFLOW
from anju.core.errors import ApplicationError, ConflictError
from anju.notifications.models import Notification
from anju.workorders.choices import Status
from anju.workorders.models import WorkOrder
from anju.workorders.services import transitions

EXPECTED = {
    "received": ["apologise", "escalate"],
    "apologised": ["investigate", "escalate"],
    "investigating": ["reply", "escalate"],
    "replied": ["confirm", "escalate"],
    "confirmed": ["close", "escalate"],
    "closed": ["reopen"],
}


@pytest.mark.parametrize("stage", list(Stage.values))
def test_the_stage_table(stage: str) -> None:
    assert [a for a in WORKFLOW.transitions if WORKFLOW.can_move(Complaint(stage=stage), a)] == EXPECTED[stage]
    assert set(WORKFLOW.transitions) == {"apologise", "investigate", "reply", "confirm", "close", "escalate", "reopen"}


def _complaint(desk: Any, **overrides: Any) -> Complaint:
    order = desk.repair(type="complaint", category=None, description="物业保安态度差", **overrides)
    return Complaint.objects.get(work_order=order)


@pytest.mark.django_db
def test_a_complaint_order_opens_a_case_owned_by_whoever_took_it(desk: Any) -> None:
    complaint = _complaint(desk)
    assert (complaint.owner, complaint.stage, complaint.category) == (desk.agent, "received", "other")


@pytest.mark.django_db
def test_the_full_path_closes_the_order_and_schedules_a_visit(desk: Any) -> None:
    complaint = _complaint(desk)
    for action, text in [
        ("apologise", "已致歉并说明将在24小时内答复"),
        ("investigate", ""),
        ("reply", "已约谈保安并调整岗位"),
        ("confirm", ""),
        ("close", "业主接受处理结果"),
    ]:
        complaint = services.step(actor=desk.agent, complaint=complaint, action=action, text=text)
    assert complaint.stage == "closed" and complaint.outcome == "业主接受处理结果"
    order = WorkOrder.objects.get(pk=complaint.work_order_id)
    assert order.status == Status.CLOSED
    assert order.return_visits.filter(status="pending").exists()
    with pytest.raises(ConflictError):
        services.step(actor=desk.agent, complaint=complaint, action="reply", text="x")
    complaint = services.step(actor=desk.agent, complaint=complaint, action="reopen", text="业主再次投诉")
    assert complaint.stage == "investigating"
    assert WorkOrder.objects.get(pk=order.pk).status == Status.PENDING_DISPATCH


@pytest.mark.django_db
def test_the_apology_is_the_first_response(desk: Any) -> None:
    from anju.sla.models import SlaClock

    complaint = _complaint(desk)
    respond = SlaClock.objects.get(work_order=complaint.work_order, target="respond")
    assert respond.met_at is None
    services.step(actor=desk.agent, complaint=complaint, action="apologise", text="非常抱歉，今天内给您答复")
    respond.refresh_from_db()
    assert respond.met_at is not None
    resolve = SlaClock.objects.get(work_order=complaint.work_order, target="resolve")
    assert resolve.met_at is None


@pytest.mark.django_db
def test_steps_that_need_words_refuse_without_them(desk: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        services.step(actor=desk.agent, complaint=_complaint(desk), action="apologise", text=" ")
    assert "text" in caught.value.fields


@pytest.mark.django_db
def test_escalation_goes_to_supervisors_then_management(desk: Any) -> None:
    boss = desk.world.user("complaint_boss", role="management", all_projects=True)
    complaint = _complaint(desk)
    complaint = services.step(actor=desk.agent, complaint=complaint, action="escalate", text="业主情绪激动")
    assert complaint.escalation_level == 1
    assert Notification.objects.filter(recipient=desk.supervisor, kind="complaint.escalated").count() == 1
    services.step(actor=desk.agent, complaint=complaint, action="escalate", text="业主要求见领导")
    assert Notification.objects.filter(recipient=boss, kind="complaint.escalated").count() == 1


def _quality(desk: Any, n: int, *, building: Any = None, days_ago: int = 0) -> list[Complaint]:
    made = []
    for _ in range(n):
        complaint = _complaint(desk)
        if days_ago:
            WorkOrder.objects.filter(pk=complaint.work_order_id).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
        made.append(services.update_case(actor=desk.agent, complaint=complaint, values={"category": "quality"}))
    return made


@pytest.mark.django_db
def test_group_alert_below_at_and_above_the_threshold(desk: Any) -> None:
    boss = desk.world.user("alert_boss", role="management", all_projects=True)
    _quality(desk, 4)
    assert not Incident.objects.exists()  # 4 < 5
    _quality(desk, 1)
    incident = Incident.objects.get()  # the 5th opens it
    assert (incident.category, incident.building_id, incident.complaints.count()) == ("quality", desk.world.building_a.id, 5)
    assert Notification.objects.filter(kind="complaint.group_alert", recipient__in=[desk.supervisor, boss]).count() == 2
    _quality(desk, 1)
    assert Incident.objects.count() == 1 and Incident.objects.get().complaints.count() == 6  # grows, alerts once
    assert Notification.objects.filter(kind="complaint.group_alert").count() == 2


@pytest.mark.django_db
def test_complaints_outside_the_window_do_not_count(desk: Any) -> None:
    GroupAlertSettings.objects.create(threshold=3, window_days=7)
    _quality(desk, 2, days_ago=10)
    _quality(desk, 2)
    assert not Incident.objects.exists()
    _quality(desk, 1)
    assert Incident.objects.get().complaints.count() == 3


@pytest.mark.django_db
def test_incident_representatives_and_closure(desk: Any, client_for: Any) -> None:
    _quality(desk, 5)
    incident = Incident.objects.get()
    client = client_for(desk.supervisor)
    too_many = client.patch(
        f"/api/v1/incidents/{incident.id}/",
        {"representatives": [{"name": f"代表{i}"} for i in range(6)], "version": incident.version},
        format="json",
    )
    assert too_many.status_code == 400 and "representatives" in too_many.json()["fields"]
    no_note = client.patch(f"/api/v1/incidents/{incident.id}/", {"status": "closed", "version": incident.version}, format="json")
    assert no_note.status_code == 400 and "closure_note" in no_note.json()["fields"]
    done = client.patch(
        f"/api/v1/incidents/{incident.id}/",
        {
            "owner": desk.supervisor.id,
            "version": incident.version,
            "response_plan": "一周内完成整改",
            "representatives": [{"name": "张三", "unit": "1-101"}],
            "status": "closed",
            "closure_note": "已整改并公示",
        },
        format="json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "closed" and done.json()["closed_at"]
    outsider = desk.world.user("incident_outsider", role="service_supervisor", projects=[desk.world.project_b])
    assert client_for(outsider).get(f"/api/v1/incidents/{incident.id}/").status_code == 404


@pytest.mark.django_db
def test_a_complaint_order_shows_its_stage_in_the_list_filter_detail_and_sla_board(desk: Any, client_for: Any) -> None:
    """The order stays 待派单 through the complaint's stages: lists, filters and the SLA board show the stage."""
    complaint = _complaint(desk)
    complaint = services.step(actor=desk.agent, complaint=complaint, action="apologise", text="已致歉，24小时内答复")
    complaint = services.step(actor=desk.agent, complaint=complaint, action="investigate", text="")
    repair = desk.repair()
    client = client_for(desk.supervisor)
    rows = {row["id"]: row for row in client.get("/api/v1/work-orders/?page_size=50").json()["results"]}
    assert rows[complaint.work_order_id]["complaint_stage"] == "investigating"
    assert rows[complaint.work_order_id]["status"] == Status.PENDING_DISPATCH
    assert rows[repair.pk]["complaint_stage"] is None
    found = client.get("/api/v1/work-orders/?complaint_stage=investigating,replied").json()["results"]
    assert [row["id"] for row in found] == [complaint.work_order_id]
    assert client.get("/api/v1/work-orders/?complaint_stage=received").json()["results"] == []
    bad = client.get("/api/v1/work-orders/?complaint_stage=nonsense")
    assert bad.status_code == 400 and "complaint_stage" in bad.json()["fields"]
    detail = client.get(f"/api/v1/work-orders/{complaint.work_order_id}/").json()
    assert detail["complaint_stage"] == "investigating"
    board = client.get("/api/v1/sla/board/?page_size=100").json()["results"]
    staged = [row for row in board if row["work_order"] == complaint.work_order_id]
    assert staged and all(row["complaint_stage"] == "investigating" for row in staged)
    assert all(row["complaint_stage"] is None for row in board if row["work_order"] == repair.pk)


@pytest.mark.django_db
def test_reopening_a_closed_complaint_order_reopens_the_case_once(desk: Any) -> None:
    from anju.core.models import Event

    complaint = _complaint(desk)
    for action, text in [
        ("apologise", "已致歉"),
        ("investigate", ""),
        ("reply", "已处理"),
        ("confirm", ""),
        ("close", "业主接受"),
    ]:
        complaint = services.step(actor=desk.agent, complaint=complaint, action=action, text=text)
    order = WorkOrder.objects.get(pk=complaint.work_order_id)
    transitions.reopen(actor=desk.supervisor, order=order, reason="回访不满意")
    complaint.refresh_from_db()
    assert complaint.stage == "investigating"  # the list shows the truth: under investigation again
    # and the complaint's own reopen step reopens the order without a second case reopening
    for action, text in [("reply", "再次处理"), ("confirm", ""), ("close", "业主接受")]:
        complaint = services.step(actor=desk.agent, complaint=complaint, action=action, text=text)
    before = Event.objects.filter(type="complaint.reopened").count()
    complaint = services.step(actor=desk.agent, complaint=complaint, action="reopen", text="业主再次投诉")
    assert complaint.stage == "investigating"
    assert Event.objects.filter(type="complaint.reopened").count() == before + 1
    assert WorkOrder.objects.get(pk=order.pk).status == Status.PENDING_DISPATCH


@pytest.mark.django_db
def test_the_complaints_handling_is_not_on_the_technicians_timeline(desk: Any, client_for: Any) -> None:
    """Attacker check: escalation notes, the internal outcome and compensation were readable by the technician the
    complaint's order is dispatched to, through the order's (and customer's) timeline."""
    complaint = _complaint(desk)
    complaint = services.step(actor=desk.agent, complaint=complaint, action="escalate", text="可能起诉 赔偿上限5000元")
    services.update_case(actor=desk.agent, complaint=complaint, values={"outcome": "内部结论：赔偿2000元"})
    order = transitions.dispatch(
        actor=desk.supervisor, order=WorkOrder.objects.get(pk=complaint.work_order_id), technician=desk.plumber
    )
    plumber = client_for(desk.plumber_user)
    assert plumber.get(f"/api/v1/complaints/{complaint.pk}/").status_code == 403
    for path in (f"/api/v1/work-orders/{order.pk}/timeline/", f"/api/v1/customers/{order.customer_id}/timeline/"):
        answer = plumber.get(path)
        if answer.status_code == 200:
            text = answer.content.decode()
            assert "complaint." not in text and "5000" not in text and "2000" not in text, path
    agent = client_for(desk.agent).get(f"/api/v1/work-orders/{order.pk}/timeline/").json()["results"]
    assert {"complaint.escalated", "complaint.updated"} <= {e["type"] for e in agent}


@pytest.mark.django_db
def test_linked_orders_in_the_history_show_only_the_readers_orders(desk: Any, client_for: Any) -> None:
    complaint = _complaint(desk)
    everywhere = desk.world.user("sup_all", role="service_supervisor", projects=[desk.world.project_a, desk.world.project_b])
    elsewhere = desk.repair(actor=everywhere, project=desk.world.project_b, unit=None, customer=None, description="别的项目")
    mine = desk.repair(description="本项目")
    services.update_case(actor=everywhere, complaint=complaint, values={"linked_orders": [mine, elsewhere]})
    timeline = client_for(desk.agent).get(f"/api/v1/work-orders/{complaint.work_order_id}/timeline/").json()["results"]
    linked = [e["changes"]["linked_orders"] for e in timeline if "linked_orders" in e["changes"]]
    assert linked == [[None, [mine.number]]]
    full = client_for(everywhere).get(f"/api/v1/work-orders/{complaint.work_order_id}/timeline/").json()["results"]
    linked = [e["changes"]["linked_orders"] for e in full if "linked_orders" in e["changes"]]
    assert linked == [[None, [mine.number, elsewhere.number]]]
