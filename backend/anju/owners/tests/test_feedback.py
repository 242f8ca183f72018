"""在线反馈 (issue 17 §2): the owner's order enters the normal workflow, shows owner-facing progress only, and the
owner's confirmation and stars are the order's return visit."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from anju.visits.models import ReturnVisit
from anju.workorders.models import ServiceSettings, WorkOrder
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _png(name: str = "leak.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def _report(client: Any, world: Any, desk: Any, **overrides: Any) -> Any:
    body = {"unit": world.unit_a.id, "type": "repair", "category": desk.water.id, "description": "厨房水管漏水"}
    body.update(overrides)
    return client.post("/api/v1/owner/orders/", body, format="json")


def _finish(desk: Any, order_id: int) -> WorkOrder:
    order = WorkOrder.objects.get(pk=order_id)
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    return transitions.complete(
        actor=desk.plumber_user,
        order=order,
        work_done="换了阀门",
        lines=[],
        owner_confirmed_name="张三",
        free_reason="免费：上门检查，未更换配件",
    )


def test_a_reported_leak_is_a_normal_work_order_the_centre_sees(
    world: Any, desk: Any, owner_client: Any, client_for: Any
) -> None:
    owner = owner_client(world.customer_a)
    response = _report(owner, world, desk)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("BX") and body["step"] == "received"
    order = WorkOrder.objects.get(pk=body["id"])
    assert order.channel == "owner_portal" and order.customer_id == world.customer_a.id and order.unit_id == world.unit_a.id
    assert order.in_warranty is not None  # warranty applied from the category and the delivery date
    assert order.sla_clocks.exists()  # the SLA clocks started as for any order
    staff = client_for(desk.agent).get("/api/v1/work-orders/", {"channel": "owner_portal"}).json()["results"]
    assert [row["number"] for row in staff] == [order.number]


def test_photos_go_through_the_checked_upload_and_only_the_owner_sees_them(world: Any, desk: Any, owner_client: Any) -> None:
    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    response = owner.post(f"/api/v1/owner/orders/{order_id}/photos/", {"file": _png()}, format="multipart")
    assert response.status_code == 201, response.content
    photo = response.json()
    assert owner.get(photo["url"]).status_code == 200
    thumb = owner.get(photo["thumbnail_url"])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    fake = SimpleUploadedFile("x.png", b"not a png at all", content_type="image/png")
    refused = owner.post(f"/api/v1/owner/orders/{order_id}/photos/", {"file": fake}, format="multipart")
    assert refused.status_code == 400 and refused.json()["fields"]["file"]
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    assert owner.post(f"/api/v1/owner/orders/{order_id}/photos/", {"file": pdf}, format="multipart").status_code == 400
    # another owner: the order, its photos and the upload are all 404
    stranger = owner_client(world.customer_b)
    assert stranger.get(f"/api/v1/owner/orders/{order_id}/").status_code == 404
    assert stranger.get(photo["url"]).status_code == 404
    assert stranger.post(f"/api/v1/owner/orders/{order_id}/photos/", {"file": _png()}, format="multipart").status_code == 404
    assert stranger.get("/api/v1/owner/orders/").json()["results"] == []


def test_at_most_nine_photos(world: Any, desk: Any, owner_client: Any) -> None:
    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    for _ in range(9):
        assert owner.post(f"/api/v1/owner/orders/{order_id}/photos/", {"file": _png()}, format="multipart").status_code == 201
    tenth = owner.post(f"/api/v1/owner/orders/{order_id}/photos/", {"file": _png()}, format="multipart")
    assert tenth.status_code == 400 and tenth.json()["code"] == "file.too_many"


def test_an_owner_cannot_report_on_another_owners_home(world: Any, desk: Any, owner_client: Any) -> None:
    response = _report(owner_client(world.customer_a), world, desk, unit=world.unit_b.id)
    assert response.status_code == 400 and "unit" in response.json()["fields"]
    assert not WorkOrder.objects.exists()
    assert owner_client(world.customer_a).get(f"/api/v1/owner/homes/{world.unit_b.id}/").status_code == 404


def test_bad_input_names_the_field_and_writes_nothing(world: Any, desk: Any, owner_client: Any) -> None:
    owner = owner_client(world.customer_a)
    assert _report(owner, world, desk, category=None).json()["fields"]["category"]
    assert _report(owner, world, desk, type="consultation").json()["fields"]["type"]
    assert _report(owner, world, desk, description="").json()["fields"]["description"]
    assert _report(owner, world, desk, category=999999).json()["fields"]["category"]
    late = _report(owner, world, desk, preferred_start="2026-12-05T10:00:00+08:00", preferred_end="2026-12-05T09:00:00+08:00")
    assert late.status_code == 400 and late.json()["fields"]["preferred_end"]
    english = owner_client(world.customer_a, language="en")
    message = _report(english, world, desk, category=None).json()["fields"]["category"][0]
    assert message == "Choose what needs repairing."
    assert not WorkOrder.objects.exists()


def test_the_owner_sees_owner_steps_and_no_internal_notes_or_staff_phones(world: Any, desk: Any, owner_client: Any) -> None:
    from anju.workorders.services.orders import add_follow_up

    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    order = WorkOrder.objects.get(pk=order_id)
    add_follow_up(actor=desk.agent, order=order, method="phone", content="内部备注：业主脾气不好 13912345678")
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber, note="给老王 13912345678")
    detail = owner.get(f"/api/v1/owner/orders/{order_id}/").json()
    assert detail["step"] == "dispatched"
    assert detail["technician"] == "plumber"  # the display name only
    assert [e["step"] for e in detail["timeline"]] == ["received", "dispatched"]
    text = str(detail)
    assert "内部备注" not in text and "13912345678" not in text and "老王" not in text
    assert "desk_supervisor" not in text and "desk_agent" not in text


def test_confirm_and_five_stars_close_the_order_as_its_return_visit(world: Any, desk: Any, owner_client: Any) -> None:
    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    early = owner.post(f"/api/v1/owner/orders/{order_id}/rate/", {"stars": 5, "resolved": True}, format="json")
    assert early.status_code == 409
    _finish(desk, order_id)
    detail = owner.get(f"/api/v1/owner/orders/{order_id}/").json()
    assert detail["step"] == "to_confirm" and detail["can_rate"] is True
    response = owner.post(
        f"/api/v1/owner/orders/{order_id}/rate/", {"stars": 5, "resolved": True, "comment": "很快"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["step"] == "done" and response.json()["rating"] == {"stars": 5, "resolved": True}
    visit = ReturnVisit.objects.get(work_order_id=order_id)
    assert visit.status == "done" and visit.satisfaction == 5 and visit.outcome_action == "closed"
    assert WorkOrder.objects.get(pk=order_id).status == "closed"
    assert [e["step"] for e in response.json()["timeline"]] == [
        "received",
        "dispatched",
        "accepted",
        "in_progress",
        "to_confirm",
        "done",
        "rated",
    ]
    again = owner.post(f"/api/v1/owner/orders/{order_id}/rate/", {"stars": 5, "resolved": True}, format="json")
    assert again.status_code == 409


def test_a_low_score_reopens_per_the_projects_setting(world: Any, desk: Any, owner_client: Any) -> None:
    ServiceSettings.objects.update_or_create(
        project=world.project_a, defaults={"low_score_reopens": True, "low_score_opens_complaint": False}
    )
    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    _finish(desk, order_id)
    response = owner.post(f"/api/v1/owner/orders/{order_id}/rate/", {"stars": 1, "resolved": False}, format="json")
    assert response.status_code == 200, response.content
    assert ReturnVisit.objects.get(work_order_id=order_id).outcome_action == "reopened"
    assert WorkOrder.objects.get(pk=order_id).status != "closed"


def test_a_low_score_opens_a_complaint_when_the_project_says_so(world: Any, desk: Any, owner_client: Any) -> None:
    ServiceSettings.objects.update_or_create(project=world.project_a, defaults={"low_score_opens_complaint": True})
    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    _finish(desk, order_id)
    assert owner.post(f"/api/v1/owner/orders/{order_id}/rate/", {"stars": 2, "resolved": False}, format="json").status_code == 200
    assert WorkOrder.objects.filter(type="complaint", customer=world.customer_a).count() == 1


def test_a_complaint_follows_the_complaint_workflow_and_shows_its_stage(world: Any, desk: Any, owner_client: Any) -> None:
    owner = owner_client(world.customer_a)
    response = _report(owner, world, desk, type="complaint", category=None, description="物业态度差")
    assert response.status_code == 201, response.content
    detail = response.json()
    assert detail["number"].startswith("TS")
    assert detail["complaint"]["stage"] == "received" and detail["complaint"]["reply"] == ""


def test_rating_input_is_checked(world: Any, desk: Any, owner_client: Any) -> None:
    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    _finish(desk, order_id)
    bad = owner.post(f"/api/v1/owner/orders/{order_id}/rate/", {"stars": 6, "resolved": True}, format="json")
    assert bad.status_code == 400 and bad.json()["fields"]["stars"]
    assert ReturnVisit.objects.get(work_order_id=order_id).status == "pending"


def test_the_owner_is_texted_when_their_order_moves(
    world: Any, desk: Any, owner_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.notifications.models import OutboxMessage

    owner = owner_client(world.customer_a)
    order_id = _report(owner, world, desk).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        _finish(desk, order_id)
    texts = list(OutboxMessage.objects.filter(to="13800138000").order_by("id").values_list("body", flat=True))
    number = WorkOrder.objects.get(pk=order_id).number
    assert len(texts) == 2 and all(number in t for t in texts)  # dispatched, completed
    assert "师傅" in texts[0] and "评价" in texts[1]
    # an order the centre took by phone is not texted from here
    with django_capture_on_commit_callbacks(execute=True):
        transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    assert OutboxMessage.objects.filter(to="13800138000").count() == 2
