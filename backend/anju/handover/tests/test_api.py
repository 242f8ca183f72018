"""The handover API: bad input is a 400 with field errors and writes nothing; the batch page, the PDFs, the queue
board; a 置业顾问 sees only their own buyers' notices; the unpaid items never hide the inspection's buttons."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from anju.handover.choices import SlotStatus
from anju.handover.models import HandoverBatch, HandoverSlot, Inspection
from anju.handover.services import slots
from anju.handover.tests import factories
from anju.workorders.models import WorkOrder
from conftest import World


@pytest.fixture
def agent(world: World) -> Any:
    return world.user("ho_api_agent", role="service_agent", projects=[world.project_a])


def _create_body(world: World, **changes: Any) -> dict[str, Any]:
    start = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    body = {
        "project": world.project_a.id,
        "name": "一期入伙",
        "buildings": [world.building_a.id],
        "starts_on": start,
        "ends_on": start,
        "windows": ["09:00-12:00", "13:30-17:30"],
        "capacity_per_window": 8,
        "place": "会所",
    }
    return {**body, **changes}


@pytest.mark.django_db
def test_a_batch_is_created_with_its_tasks_and_team(world: World, client_for: Any, agent: Any) -> None:
    engineer = world.user("ho_engineer", role="service_agent", projects=[world.project_a])
    body = _create_body(world, members=[{"user": engineer.id, "role": "engineering"}])
    response = client_for(agent).post("/api/v1/handover-batches/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "preparing" and len(data["tasks"]) == 6
    owners = {t["code"]: t["owner"] for t in data["tasks"]}
    assert owners["area_survey"] == engineer.id and owners["site_setup"] == agent.id
    assert data["members"][0]["role"] == "engineering"


@pytest.mark.django_db
def test_a_team_member_or_task_owner_must_work_in_the_batch_project(world: World, client_for: Any) -> None:
    """A manager of both projects sees colleagues of project B; they cannot join or own tasks of a project-A batch."""
    manager = world.user("ho_both", role="service_supervisor", projects=[world.project_a, world.project_b])
    only_b = world.user("ho_only_b", role="service_agent", projects=[world.project_b])
    client = client_for(manager)
    refused = client.post(
        "/api/v1/handover-batches/", _create_body(world, members=[{"user": only_b.id, "role": "engineering"}]), format="json"
    )
    assert refused.status_code == 400 and "members" in refused.json()["fields"], refused.content
    assert HandoverBatch.objects.count() == 0
    created = client.post("/api/v1/handover-batches/", _create_body(world), format="json").json()
    task = created["tasks"][0]
    response = client.post(
        f"/api/v1/handover-batches/{created['id']}/tasks/",
        {"task": task["id"], "owner": only_b.id, "version": created["version"]},
        format="json",
    )
    assert response.status_code == 400 and "owner" in response.json()["fields"], response.content
    assert HandoverBatch.objects.get().tasks.get(pk=task["id"]).owner_id == manager.id


@pytest.mark.django_db
def test_the_team_is_replaced_from_the_project_staff_and_the_change_is_on_the_timeline(
    world: World, client_for: Any, agent: Any
) -> None:
    engineer = world.user("ho_team_eng", role="service_agent", projects=[world.project_a])
    outsider = world.user("ho_team_b", role="service_agent", projects=[world.project_b])
    client = client_for(agent)
    batch = client.post("/api/v1/handover-batches/", _create_body(world), format="json").json()
    staff = client.get(f"/api/v1/handover-batches/{batch['id']}/staff/").json()
    names = {row["id"] for row in staff}
    assert engineer.id in names and agent.id in names and outsider.id not in names
    team = [{"user": agent.id, "role": "leader"}, {"user": engineer.id, "role": "engineering"}]
    response = client.patch(
        f"/api/v1/handover-batches/{batch['id']}/", {"members": team, "version": batch["version"]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert [(m["user"], m["role"]) for m in response.json()["members"]] == [(agent.id, "leader"), (engineer.id, "engineering")]
    timeline = client.get(f"/api/v1/handover-batches/{batch['id']}/timeline/").json()["results"]
    assert any("members" in (e["changes"] or {}) for e in timeline)
    twice = [{"user": engineer.id, "role": "leader"}, {"user": engineer.id, "role": "engineering"}]
    again = client.patch(
        f"/api/v1/handover-batches/{batch['id']}/", {"members": twice, "version": response.json()["version"]}, format="json"
    )
    assert again.status_code == 400 and "members" in again.json()["fields"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"windows": ["12:00-09:00"]}, "windows"),
        ({"capacity_per_window": 0}, "capacity_per_window"),
        ({"buildings": []}, "buildings"),
        ({"ends_on": "2020-01-01"}, "ends_on"),
        ({"name": ""}, "name"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_a_bad_batch_is_a_400_naming_the_field_and_writes_nothing(
    world: World, client_for: Any, agent: Any, changes: dict[str, Any], field: str
) -> None:
    response = client_for(agent).post("/api/v1/handover-batches/", _create_body(world, **changes), format="json")
    assert response.status_code == 400, response.content
    assert any(key.startswith(field) for key in response.json()["fields"]), response.json()
    assert HandoverBatch.objects.count() == 0


@pytest.mark.django_db
def test_a_building_of_another_project_is_a_400(world: World, client_for: Any, agent: Any) -> None:
    response = client_for(agent).post(
        "/api/v1/handover-batches/", _create_body(world, buildings=[world.building_b.id]), format="json"
    )
    assert response.status_code == 400 and "buildings" in response.json()["fields"]


@pytest.mark.django_db
def test_a_late_notice_is_a_400_with_the_date_and_nothing_is_sent(world: World, client_for: Any, agent: Any) -> None:
    notice = factories.notice(world, starts_in=5)
    response = client_for(agent).post(
        f"/api/v1/handover-notices/{notice.id}/send/", {"channels": ["in_person"], "version": notice.version}, format="json"
    )
    assert response.status_code == 400 and response.json()["code"] == "handover.notice_too_late"
    assert "sent_on" in response.json()["fields"]
    notice.refresh_from_db()
    assert notice.status == "draft"


@pytest.mark.django_db
def test_the_notice_pdf_opens_inline_with_chinese_text(world: World, client_for: Any, agent: Any) -> None:
    notice = factories.notice(world)
    response = client_for(agent).get(f"/api/v1/handover-notices/{notice.id}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "入伙通知书" in text and "张三" in text


@pytest.mark.django_db
def test_a_sales_consultant_sees_only_the_notices_of_their_buyers(world: World, client_for: Any) -> None:
    batch = factories.notifying(world, units=2)
    mine, other = batch.notices.order_by("id")
    consultant = world.user("ho_consultant", role="sales_consultant", projects=[world.project_a])
    type(mine.contract).objects.filter(pk=mine.contract_id).update(consultant=consultant)
    client = client_for(consultant)
    ids = [row["id"] for row in client.get("/api/v1/handover-notices/").json()["results"]]
    assert ids == [mine.id]
    assert client.get(f"/api/v1/handover-notices/{other.id}/").status_code == 404
    assert client.get("/api/v1/handover-batches/").status_code == 403


@pytest.mark.django_db
def test_the_batch_units_show_unpaid_items_and_the_inspection_still_offers_acceptance(
    world: World, client_for: Any, agent: Any
) -> None:
    """GF-2014 第十一条: the unpaid price and fees are shown, the buttons to inspect and accept are not withheld."""
    batch = factories.notifying(world)
    client = client_for(agent)
    rows = client.get(f"/api/v1/handover-batches/{batch.id}/units/").json()
    unpaid = {item["code"] for item in rows[0]["notice"]["unpaid"]}
    assert {"price_balance", "deed_tax", "maintenance_fund"} <= unpaid
    started = client.post("/api/v1/handover-inspections/", {"notice": rows[0]["notice"]["id"]}, format="json")
    assert started.status_code == 201, started.content
    assert {a["action"] for a in started.json()["allowed_actions"]} == {"accept", "defer"}
    assert started.json()["unpaid"]


@pytest.mark.django_db
def test_two_defects_make_two_orders_and_a_bad_category_writes_nothing(world: World, client_for: Any, agent: Any) -> None:
    inspection = factories.inspection(world)
    client = client_for(agent)
    url = f"/api/v1/handover-inspections/{inspection.id}/defects/"
    category = factories.category()
    for room in ("客厅", "主卧"):
        response = client.post(url, {"room": room, "description": "墙面裂缝", "category": category.id}, format="multipart")
        assert response.status_code == 201, response.content
    bad = client.post(url, {"room": "厨房", "description": "漏水", "category": 999999}, format="multipart")
    assert bad.status_code == 400 and "category" in bad.json()["fields"]
    assert WorkOrder.objects.filter(channel="handover_inspection").count() == 2
    assert response.json()["progress"] == {"total": 2, "open": 2, "fixed": 0, "cancelled": 0}


@pytest.mark.django_db
def test_an_unknown_checklist_entry_is_a_400(world: World, client_for: Any, agent: Any) -> None:
    inspection = factories.inspection(world)
    response = client_for(agent).patch(
        f"/api/v1/handover-inspections/{inspection.id}/",
        {"version": inspection.version, "results": {"车库/墙面": "ok"}},
        format="json",
    )
    assert response.status_code == 400 and "results" in response.json()["fields"]
    assert Inspection.objects.get(pk=inspection.pk).results == {}


@pytest.mark.django_db
def test_the_accept_endpoint_delivers_the_unit(world: World, client_for: Any, agent: Any) -> None:
    inspection = factories.inspection(world)
    response = client_for(agent).post(
        f"/api/v1/handover-inspections/{inspection.id}/accept/",
        {"version": inspection.version, "keys_count": 2, "water_reading": "1.00", "electricity_reading": "3.50"},
        format="json",
    )
    assert response.status_code == 200, response.content
    unit = client_for(world.admin).get(f"/api/v1/units/{inspection.unit_id}/").json()
    assert unit["status"] == "delivered" and unit["delivery_date"] == timezone.localdate().isoformat()


@pytest.mark.django_db
def test_the_queue_board_lists_the_days_slots_by_column(world: World, client_for: Any, agent: Any) -> None:
    slot = factories.slot(world, today=True)
    slots.check_in(actor=world.admin, slot=slot, version=slot.version)
    board = client_for(agent).get(f"/api/v1/handover-batches/{slot.batch_id}/board/").json()
    assert [row["id"] for row in board["checked_in"]] == [slot.id] and board["booked"] == []
    assert HandoverSlot.objects.get(pk=slot.pk).status == SlotStatus.CHECKED_IN


@pytest.mark.django_db
def test_the_batch_pdf_has_every_notice(world: World, client_for: Any, agent: Any) -> None:
    batch = factories.notifying(world, units=2)
    response = client_for(agent).get(f"/api/v1/handover-batches/{batch.id}/notices-pdf/")
    reader = PdfReader(io.BytesIO(response.content))
    assert sum("入伙通知书" in page.extract_text() for page in reader.pages) == 2


@pytest.mark.django_db
def test_the_unit_list_notice_list_and_slot_calendar_cost_the_same_queries_for_two_units_or_five(
    world: World, client_for: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from anju.handover.services import slots
    from anju.handover.tests import factories

    client = client_for(world.admin)

    def cost(units: int) -> list[int]:
        batch = factories.notifying(world, units=units, starts_in=30)
        for notice in batch.notices.order_by("id")[: units - 1]:
            slots.book(actor=world.admin, notice=notice, day=notice.handover_on, window=notice.window)
        counts = []
        for url in (
            f"/api/v1/handover-batches/{batch.id}/units/",
            f"/api/v1/handover-notices/?batch={batch.id}",
            f"/api/v1/handover-batches/{batch.id}/capacity/",
            f"/api/v1/handover-batches/{batch.id}/board/?day={batch.starts_on.isoformat()}",
        ):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, response.content
            counts.append(len(queries))
        return counts

    assert cost(2) == cost(5)
