"""Departments: seeded, managed by the system administrator, bad e-mails refused, mapped from categories."""

from __future__ import annotations

from typing import Any

import pytest

from anju.accounts.models import Department
from conftest import World


@pytest.mark.django_db
def test_the_five_departments_are_seeded_and_categories_map_to_engineering() -> None:
    from anju.complaints.models import ComplaintCategoryDepartment
    from anju.workorders.models import Category

    assert set(Department.objects.values_list("name", flat=True)) == {"客服部", "工程部", "物业", "营销", "设计"}
    assert not Category.objects.filter(department__isnull=True).exists()
    assert ComplaintCategoryDepartment.objects.get(category="property_management").department.code == "property"


@pytest.mark.django_db
def test_the_admin_creates_and_edits_a_department(world: World, client_for: Any) -> None:
    client = client_for(world.admin)
    made = client.post("/api/v1/departments/", {"code": "finance", "name": "财务部", "contacts": [world.admin.id]}, format="json")
    assert made.status_code == 201 and made.json()["contacts"][0]["id"] == world.admin.id
    row = made.json()
    url = f"/api/v1/departments/{row['id']}/"
    bad = client.patch(url, {"version": row["version"], "emails": ["not-an-email"]}, format="json")
    assert bad.status_code == 400 and "emails" in bad.json()["fields"]
    ok = client.patch(url, {"version": row["version"], "emails": ["fin@example.com"]}, format="json")
    assert ok.status_code == 200 and ok.json()["emails"] == ["fin@example.com"]
    duplicate = client.post("/api/v1/departments/", {"code": "finance2", "name": "工程部"}, format="json")
    assert duplicate.status_code == 400


@pytest.mark.django_db
def test_an_agent_cannot_manage_departments(world: World, client_for: Any) -> None:
    agent = world.user("dep_agent", role="service_agent", projects=[world.project_a])
    assert client_for(agent).post("/api/v1/departments/", {"code": "x", "name": "X"}, format="json").status_code == 403


@pytest.mark.django_db
def test_the_admin_maps_a_complaint_category_to_another_department(world: World, client_for: Any) -> None:
    from anju.complaints.models import ComplaintCategoryDepartment

    client = client_for(world.admin)
    rows = {r["category"]: r for r in client.get("/api/v1/complaint-category-departments/").json()}
    assert rows["sales_promise"]["department_name"] == "营销"
    design = Department.objects.get(code="design")
    answer = client.patch(
        f"/api/v1/complaint-category-departments/{rows['quality']['id']}/", {"department": design.id}, format="json"
    )
    assert answer.status_code == 200 and answer.json()["department_name"] == "设计"
    assert ComplaintCategoryDepartment.objects.get(category="quality").department == design
    bad = client.patch(f"/api/v1/complaint-category-departments/{rows['quality']['id']}/", {"department": 0}, format="json")
    assert bad.status_code == 400 and "department" in bad.json()["fields"]
