"""A customer known in two projects: each project sees its own side only (security review, issue 10 §1, §2, §5)."""

from __future__ import annotations

import json
from typing import Any

from anju.core.models import AccessLog, Event
from anju.customers.models import Customer, CustomerProject
from anju.customers.services.customers import create_customer
from conftest import VALID_IDS, World, xlsx_upload


def _only_in_a(world: World) -> Customer:
    return create_customer(
        actor=world.admin, name="甲方客户", mobiles=["13712345678"], id_number=VALID_IDS[1], projects=[world.project_a]
    )


def test_given_a_number_registered_only_in_project_a_when_a_project_b_agent_registers_it_then_nobody_is_named(
    world: World, client_for: Any
) -> None:
    existing = _only_in_a(world)
    agent2 = client_for(world.user("dup_agent2", role="service_agent", projects=[world.project_b]), language="en")
    by_mobile = agent2.post(
        "/api/v1/customers/", {"name": "x", "mobiles": ["13712345678"], "projects": [world.project_b.id]}, format="json"
    )
    assert by_mobile.status_code == 400
    body = by_mobile.json()
    assert body["code"] == "customer.duplicate_mobile_elsewhere" and "existing_customer_code" not in body
    assert existing.code not in by_mobile.content.decode() and "supervisor" in body["fields"]["mobiles"][0]
    by_id = agent2.post(
        "/api/v1/customers/",
        {"name": "x", "mobiles": ["13712340000"], "id_number": VALID_IDS[1], "projects": [world.project_b.id]},
        format="json",
    )
    assert by_id.status_code == 400 and by_id.json()["code"] == "customer.duplicate_id_number_elsewhere"
    assert existing.code not in by_id.content.decode()
    # through an edit of one of project B's customers
    mine = world.customer_b
    edit = agent2.patch(f"/api/v1/customers/{mine.id}/", {"mobiles": ["13712345678"], "version": mine.version}, format="json")
    assert edit.status_code == 400 and existing.code not in edit.content.decode()
    # through the Excel import
    buffer = xlsx_upload([["姓名", "手机号码", "项目编码"], ["王五", "13712345678", "PB"]])
    supervisor_b = client_for(world.user("dup_supervisor_b", role="service_supervisor", projects=[world.project_b]))
    imported = supervisor_b.post("/api/v1/customers/import/", {"file": buffer}, format="multipart")
    assert imported.status_code == 400 and existing.code not in imported.content.decode()
    assert Customer.objects.count() == 3  # nothing written


def test_given_an_in_scope_match_when_registering_again_then_the_existing_customer_is_named(
    world: World, client_for: Any
) -> None:
    existing = _only_in_a(world)
    agent = client_for(world.user("dup_agent", role="service_agent", projects=[world.project_a]))
    response = agent.post(
        "/api/v1/customers/", {"name": "x", "mobiles": ["13712345678"], "projects": [world.project_a.id]}, format="json"
    )
    assert response.status_code == 400 and response.json()["existing_customer_code"] == existing.code


def test_given_a_customer_of_project_a_when_a_project_b_supervisor_links_them_then_they_join_project_b_audited(
    world: World, client_for: Any
) -> None:
    existing = _only_in_a(world)
    supervisor_b = world.user("link_supervisor", role="service_supervisor", projects=[world.project_b])
    agent_b = world.user("link_agent", role="service_agent", projects=[world.project_b])
    body = {"project": world.project_b.id, "mobile": "13712345678", "reason": "业主在本项目再次购房"}
    assert client_for(agent_b).post("/api/v1/customers/link/", body, format="json").status_code == 403
    assert client_for(agent_b).get(f"/api/v1/customers/{existing.id}/").status_code == 404
    linked = client_for(supervisor_b).post("/api/v1/customers/link/", body, format="json")
    assert linked.status_code == 200 and linked.json()["code"] == existing.code
    assert [p["id"] for p in linked.json()["projects"]] == [world.project_b.id]  # project A is not shown to them
    assert CustomerProject.objects.filter(customer=existing).count() == 2
    assert client_for(agent_b).get(f"/api/v1/customers/{existing.id}/").status_code == 200
    log = AccessLog.objects.get(object_id=existing.id, fields=["link"])
    assert (log.actor, log.purpose) == (supervisor_b, "业主在本项目再次购房")
    assert Event.objects.filter(type="customer.linked_to_project", target_id=existing.id).count() == 1
    # into a project outside their scope, or with an unknown number: refused, nothing written
    other = client_for(supervisor_b).post("/api/v1/customers/link/", {**body, "project": world.project_a.id}, format="json")
    assert other.status_code == 400 and "project" in other.json()["fields"]
    unknown = client_for(supervisor_b).post("/api/v1/customers/link/", {**body, "mobile": "13799999999"}, format="json")
    assert unknown.status_code == 400 and "mobile" in unknown.json()["fields"]
    neither = client_for(supervisor_b, language="en").post(
        "/api/v1/customers/link/", {"project": world.project_b.id, "reason": "原因"}, format="json"
    )
    assert neither.status_code == 400 and "mobile" in neither.json()["fields"]


def test_given_a_shared_customer_when_a_project_b_supervisor_copies_their_data_then_only_project_b_is_in_it(
    world: World, client_for: Any
) -> None:
    from anju.customers.services.contacts import create_consultation

    shared = create_customer(actor=world.admin, name="共享", mobiles=["13612345678"], projects=[world.project_a, world.project_b])
    create_consultation(
        actor=world.admin, customer=shared, project=world.project_a, channel="phone", category="price", content="甲项目咨询"
    )
    create_consultation(
        actor=world.admin, customer=shared, project=world.project_b, channel="phone", category="price", content="乙项目咨询"
    )
    supervisor_b = world.user("copy_supervisor", role="service_supervisor", projects=[world.project_b])
    response = client_for(supervisor_b).post(
        f"/api/v1/customers/{shared.id}/personal-data/", {"purpose": "本人申请"}, format="json"
    )
    data = json.loads(response.content)
    assert [c["content"] for c in data["consultations"]] == ["乙项目咨询"]
    assert data["customer"]["projects"] == ["项目B"] and data["complete"] is False
    full = json.loads(
        client_for(world.admin)
        .post(f"/api/v1/customers/{shared.id}/personal-data/", {"purpose": "本人申请"}, format="json")
        .content
    )
    assert len(full["consultations"]) == 2 and full["complete"] is True


def test_given_a_shared_customer_when_a_one_project_admin_erases_them_then_it_is_refused(world: World, client_for: Any) -> None:
    shared = create_customer(actor=world.admin, name="共享", mobiles=["13612345678"], projects=[world.project_a, world.project_b])
    admin_b = world.user("erase_admin_b", role="system_admin", projects=[world.project_b])
    response = client_for(admin_b).post(
        f"/api/v1/customers/{shared.id}/erase/", {"reason": "本人申请", "version": shared.version}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "customer.outside_scope"
    assert Customer.objects.get(pk=shared.pk).name == "共享"


def test_given_a_technician_of_two_projects_when_a_project_b_supervisor_edits_them_then_project_a_stays(
    world: World, client_for: Any
) -> None:
    from anju.workorders.models import Technician

    user = world.user("two_project_tech", role="technician", projects=[world.project_a, world.project_b])
    technician = Technician.objects.create(user=user)
    technician.projects.add(world.project_a, world.project_b)
    technician.buildings.add(world.building_a, world.building_b)
    supervisor_b = client_for(world.user("tech_supervisor_b", role="service_supervisor", projects=[world.project_b]))
    response = supervisor_b.patch(
        f"/api/v1/technicians/{technician.id}/",
        {"projects": [world.project_b.id], "buildings": [], "version": technician.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["projects"] == [world.project_b.id] and response.json()["buildings"] == []
    technician.refresh_from_db()
    assert set(technician.projects.values_list("id", flat=True)) == {world.project_a.id, world.project_b.id}
    assert list(technician.buildings.values_list("id", flat=True)) == [world.building_a.id]


def test_given_a_shared_customer_when_project_b_reads_her_history_then_project_a_is_left_out_and_projects_are_named(
    world: World, client_for: Any
) -> None:
    shared = create_customer(actor=world.admin, name="共享", mobiles=["13612340000"], projects=[world.project_a, world.project_b])
    agent_b = client_for(world.user("history_agent_b", role="service_agent", projects=[world.project_b]))
    events = agent_b.get(f"/api/v1/customers/{shared.id}/timeline/").json()["results"]
    created = next(e for e in events if e["type"] == "record.created")
    assert created["changes"]["projects"] == [None, ["项目B"]]
    full = client_for(world.admin).get(f"/api/v1/customers/{shared.id}/timeline/").json()["results"]
    assert next(e for e in full if e["type"] == "record.created")["changes"]["projects"] == [None, ["项目A", "项目B"]]
