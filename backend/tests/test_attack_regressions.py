"""Regressions for what a second attack on the issue-10 fixes found (each test names the finding it guards)."""

from __future__ import annotations

import io
from typing import Any

from anju.customers.services.customers import create_customer
from conftest import World, xlsx_upload


def _technician_in_both(world: World) -> Any:
    from anju.workorders.models import Technician

    user = world.user("shared_tech", role="technician", projects=[world.project_a, world.project_b])
    technician = Technician.objects.create(user=user)
    technician.projects.add(world.project_a, world.project_b)
    return technician


def test_given_a_sheet_of_millions_of_blank_rows_when_imported_then_it_is_refused_quickly(world: World, client_for: Any) -> None:
    buffer = xlsx_upload([["姓名", "手机号码", "项目编码"]], last_row=900_000)  # declares a sheet of 900,000 rows
    supervisor = client_for(world.user("bomb_supervisor", role="service_supervisor", projects=[world.project_a]))
    response = supervisor.post("/api/v1/customers/import/", {"file": buffer}, format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "import.too_many_rows"


def test_given_a_technician_shared_with_project_a_when_a_project_b_supervisor_changes_their_setup_then_403(
    world: World, client_for: Any
) -> None:
    technician = _technician_in_both(world)
    supervisor_b = client_for(world.user("setup_supervisor_b", role="service_supervisor", projects=[world.project_b]))
    body = {"status": "inactive", "notes": "ZZB", "version": technician.version}
    response = supervisor_b.patch(f"/api/v1/technicians/{technician.id}/", body, format="json")
    assert response.status_code == 403 and response.json()["code"] == "technician.shared"
    technician.refresh_from_db()
    assert technician.status != "inactive" and technician.notes == ""
    admin = client_for(world.admin)
    assert admin.patch(f"/api/v1/technicians/{technician.id}/", body, format="json").status_code == 200


def test_given_staff_of_another_project_when_named_in_a_user_field_then_it_is_an_unknown_id(
    world: World, client_for: Any
) -> None:
    from anju.complaints.models import Incident

    staff_a = world.user("staff_only_a", role="service_agent", projects=[world.project_a])
    supervisor_b = world.user("fields_supervisor_b", role="service_supervisor", projects=[world.project_b])
    client = client_for(supervisor_b)
    created = client.post("/api/v1/technicians/", {"user": staff_a.id, "projects": [world.project_b.id]}, format="json")
    assert created.status_code == 400 and "user" in created.json()["fields"]
    assert "staff_only_a" not in created.content.decode()
    incident = Incident.objects.create(project=world.project_b, building=world.building_b, category="quality")
    owner = client.patch(f"/api/v1/incidents/{incident.id}/", {"owner": staff_a.id, "version": incident.version}, format="json")
    assert owner.status_code == 400 and "owner" in owner.json()["fields"]
    colleague = world.user("staff_b", role="service_agent", projects=[world.project_b])
    ok = client.patch(f"/api/v1/incidents/{incident.id}/", {"owner": colleague.id, "version": incident.version}, format="json")
    assert ok.status_code == 200


def test_given_a_project_filter_outside_scope_when_listing_customers_then_nothing_is_confirmed(
    world: World, client_for: Any
) -> None:
    create_customer(actor=world.admin, name="双项目", mobiles=["13611112222"], projects=[world.project_a, world.project_b])
    agent_b = client_for(world.user("filter_agent_b", role="service_agent", projects=[world.project_b]))
    assert agent_b.get("/api/v1/customers/", {"project": world.project_a.id}).json()["count"] == 0
    assert agent_b.post("/api/v1/customers/search/", {"project": world.project_a.id}, format="json").json()["count"] == 0
    assert agent_b.get("/api/v1/customers/", {"project": world.project_b.id}).json()["count"] == 2


def test_given_a_shared_customer_when_exported_by_project_b_then_only_project_b_codes_are_listed(
    world: World, client_for: Any
) -> None:
    from openpyxl import load_workbook

    create_customer(actor=world.admin, name="双项目", mobiles=["13611112222"], projects=[world.project_a, world.project_b])
    supervisor_b = client_for(world.user("export_supervisor_b", role="service_supervisor", projects=[world.project_b]))
    response = supervisor_b.get("/api/v1/customers/export/")
    values = [str(c.value) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row if c.value]
    assert "PB" in values and not any("PA" in v.split(", ") for v in values)


def test_given_a_complaint_linked_to_a_hidden_order_when_a_project_b_agent_edits_links_then_the_hidden_link_stays(
    world: World, client_for: Any
) -> None:
    from anju.complaints.models import Complaint
    from anju.workorders.services.orders import create_work_order

    hidden = create_work_order(
        actor=world.admin, type="consultation", unit=world.unit_a, customer=world.customer_a, description="甲"
    )
    visible = create_work_order(
        actor=world.admin, type="consultation", unit=world.unit_b, customer=world.customer_b, description="乙"
    )
    order = create_work_order(
        actor=world.admin, type="complaint", unit=world.unit_b, customer=world.customer_b, description="投诉"
    )
    complaint = Complaint.objects.get(work_order=order)
    complaint.linked_orders.set([hidden, visible])
    agent_b = client_for(world.user("links_agent_b", role="service_supervisor", projects=[world.project_b]))
    shown = agent_b.get(f"/api/v1/complaints/{complaint.id}/").json()
    assert shown["linked_orders"] == [visible.id] and shown["linked_numbers"] == [visible.number]
    agent_b.patch(f"/api/v1/complaints/{complaint.id}/", {"linked_orders": [], "version": complaint.version}, format="json")
    assert list(complaint.linked_orders.values_list("id", flat=True)) == [hidden.id]


def test_given_absurd_warranty_periods_when_saved_then_400(world: World, client_for: Any) -> None:
    body = {
        "design_life_years": 32767,
        "roof_waterproofing_months": 60,
        "leakage_months": 60,
        "electrical_plumbing_months": 24,
        "decoration_months": 24,
        "heating_cooling_seasons": 32767,
        "season_start_month": 11,
        "season_start_day": 15,
        "season_end_month": 3,
        "season_end_day": 15,
    }
    response = client_for(world.admin).put(f"/api/v1/warranty/policies/{world.project_a.id}/", body, format="json")
    assert response.status_code == 400
    assert {"design_life_years", "heating_cooling_seasons"} <= set(response.json()["fields"])


def test_given_if_match_when_editing_a_customer_or_unit_then_it_counts_as_the_version(world: World, client_for: Any) -> None:
    admin = client_for(world.admin)
    customer = world.customer_a
    ok = admin.patch(f"/api/v1/customers/{customer.id}/", {"notes": "x"}, format="json", HTTP_IF_MATCH=f'"{customer.version}"')
    assert ok.status_code == 200
    stale = admin.patch(f"/api/v1/customers/{customer.id}/", {"notes": "y"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409
    unbalanced = admin.patch(f"/api/v1/units/{world.unit_a.id}/", {"remarks": "x"}, format="json", HTTP_IF_MATCH='"1')
    assert unbalanced.status_code == 400 and "version" in unbalanced.json()["fields"]


def test_given_a_name_of_combining_marks_only_when_registered_then_it_is_blank(world: World, client_for: Any) -> None:
    response = client_for(world.admin, language="en").post(
        "/api/v1/customers/",
        {"name": "\u0300\u0301", "mobiles": ["13611113333"], "projects": [world.project_a.id]},
        format="json",
    )
    assert response.status_code == 400 and "name" in response.json()["fields"]


def test_given_a_mobile_and_an_id_number_of_different_customers_when_linking_then_it_is_refused(
    world: World, client_for: Any
) -> None:
    from conftest import VALID_IDS

    create_customer(
        actor=world.admin, name="身份证客户", mobiles=["13622223333"], id_number=VALID_IDS[1], projects=[world.project_a]
    )
    supervisor_b = client_for(world.user("mismatch_supervisor_b", role="service_supervisor", projects=[world.project_b]))
    body = {"project": world.project_b.id, "mobile": "13800138000", "id_number": VALID_IDS[1], "reason": "核对"}
    response = supervisor_b.post("/api/v1/customers/link/", body, format="json")
    assert response.status_code == 400 and response.json()["code"] == "customer.numbers_disagree"
