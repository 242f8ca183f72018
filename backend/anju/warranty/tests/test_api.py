"""Warranty API: the check endpoint, policies (never shorter than the law), contractors and responsibilities."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from anju.warranty.models import Contractor, WarrantyPolicy, WarrantyResponsibility

pytestmark = pytest.mark.django_db


def test_check_answers_the_worked_example(world: Any, client_for: Any) -> None:
    body = {
        "warranty_item": "decoration",
        "delivery_date": "2024-02-29",
        "reported_on": "2026-02-28",
        "project": world.project_a.id,
    }
    assert client_for(world.admin).post("/api/v1/warranty/check/", body, format="json").json() == {
        "warranty_item": "decoration",
        "expires_on": "2026-02-28",
        "in_warranty": True,
    }
    late = client_for(world.admin).post("/api/v1/warranty/check/", {**body, "reported_on": "2026-03-01"}, format="json").json()
    assert late["in_warranty"] is False


@pytest.mark.parametrize(
    ("delivered", "last_day"),
    [
        ("2024-10-01", "2026-10-08"),  # 2 years end on National Day: the period runs through the holiday (to 10-08)
        ("2024-11-28", "2026-11-30"),  # ends on a Saturday: Monday
        ("2024-10-10", "2026-10-10"),  # ends on the 调休 Saturday 2026-10-10, a working day: no extension
        ("2024-06-30", "2026-06-30"),  # a Tuesday
    ],
)
def test_a_period_ending_on_a_rest_day_runs_to_the_next_working_day(
    world: Any, client_for: Any, delivered: str, last_day: str
) -> None:
    """民法典 第二百零三条: the last day of a period that is a statutory rest day moves to the day after it."""
    client = client_for(world.admin)
    body = {"warranty_item": "decoration", "delivery_date": delivered, "project": world.project_a.id}
    on_last_day = client.post("/api/v1/warranty/check/", {**body, "reported_on": last_day}, format="json").json()
    assert (on_last_day["expires_on"], on_last_day["in_warranty"]) == (last_day, True)
    after = dt.date.fromisoformat(last_day) + dt.timedelta(days=1)
    late = client.post("/api/v1/warranty/check/", {**body, "reported_on": after.isoformat()}, format="json").json()
    assert late["in_warranty"] is False


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "报修日期不能早于交付日期。"), ("en", "The report date cannot be before delivery.")],
)
def test_check_refuses_bad_input(world: Any, client_for: Any, language: str, message: str) -> None:
    client = client_for(world.admin, language=language)
    body = {"warranty_item": "decoration", "delivery_date": "2024-06-30", "reported_on": "2024-01-01"}
    response = client.post("/api/v1/warranty/check/", body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["reported_on"] == [message]
    unknown = client.post("/api/v1/warranty/check/", {**body, "warranty_item": "garden"}, format="json")
    assert unknown.status_code == 400 and "warranty_item" in unknown.json()["fields"]


def test_a_policy_cannot_be_shorter_than_the_law(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    current = client.get(f"/api/v1/warranty/policies/{world.project_a.id}/").json()
    assert current["is_default"] is True and current["leakage_months"] == 60
    periods = {k: v for k, v in current.items() if k not in ("project", "is_default", "updated_at")}
    response = client.put(f"/api/v1/warranty/policies/{world.project_a.id}/", {**periods, "leakage_months": 12}, format="json")
    assert response.status_code == 400 and "leakage_months" in response.json()["fields"]
    assert not WarrantyPolicy.objects.exists()
    longer = client.put(f"/api/v1/warranty/policies/{world.project_a.id}/", {**periods, "leakage_months": 96}, format="json")
    assert longer.status_code == 200 and longer.json()["is_default"] is False


def test_contractor_names_are_unique_and_responsibilities_stay_in_scope(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    assert client.post("/api/v1/contractors/", {"name": "防水公司"}, format="json").status_code == 201
    duplicate = client.post("/api/v1/contractors/", {"name": "防水公司"}, format="json")
    assert duplicate.status_code == 400 and duplicate.json()["code"] == "contractor.duplicate"
    assert Contractor.objects.count() == 1
    agent_b = world.user("warranty_b", role="service_supervisor", projects=[world.project_b])
    body = {"building": world.building_a.id, "item": "leakage", "contractor": Contractor.objects.get().id}
    outside = client_for(agent_b).post("/api/v1/warranty/responsibilities/", body, format="json")
    assert outside.status_code == 400 and "building" in outside.json()["fields"]
    assert not WarrantyResponsibility.objects.exists()
