"""Server errors that Schemathesis found (`make fuzz`, security target I1), each kept here as a regression test."""

from __future__ import annotations

from typing import Any

import pytest

from anju.customers.models import Tag
from anju.visits.models import CarePlan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/work-orders/null%2Cnull/",
        "/api/v1/work-orders/abc/timeline/",
        "/api/v1/customers/1.5/",
        "/api/v1/work-order-categories/null/",
    ],
)
def test_an_id_that_is_not_a_number_is_a_404(world: Any, client_for: Any, path: str) -> None:
    response = client_for(world.admin).get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_year_out_of_range_is_a_400(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    for year in ("0", "99999", "x"):
        response = client.get(f"/api/v1/sla/calendar/?year={year}")
        assert response.status_code == 400 and "year" in response.data["fields"], year
    assert client.get("/api/v1/sla/calendar/?year=2026").status_code == 200


def test_a_customer_group_in_use_by_a_care_plan_is_not_deleted(world: Any, client_for: Any) -> None:
    tag = Tag.objects.create(name="VIP")
    CarePlan.objects.create(project=world.project_a, name="VIP 关怀", basis="group", tag=tag, offsets=[0], starts_on="2026-01-01")
    response = client_for(world.admin).delete(f"/api/v1/tags/{tag.id}/")
    assert response.status_code == 409 and response.data["code"] == "tag.in_use"
    assert Tag.objects.filter(pk=tag.pk).exists()


@pytest.mark.parametrize("query", ["stage=a%00b", "a%00=1", "q=%00"])
def test_a_nul_character_in_the_query_string_is_a_400(world: Any, client_for: Any, query: str) -> None:
    response = client_for(world.admin).get(f"/api/v1/complaints/?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_an_unknown_api_address_is_a_404_for_every_method(anon: Any) -> None:
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    for method in ("get", "post", "patch", "delete"):
        response = getattr(client, method)("/api/v1/work-orders/AAA/resolve/")
        assert response.status_code == 404, method
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/return-visits/?plan=55780039415817673113600",
        "/api/v1/care-plans/?project=99999999999999999999999",
        "/api/v1/complaints/?work_order=99999999999999999999",
        "/api/v1/warranty/responsibilities/?building=99999999999999999999",
        "/api/v1/sla/board/?project=99999999999999999999",
        "/api/v1/customers/?project=%C2%B2",  # "²" is a digit to str.isdigit() but not to int()
    ],
)
def test_an_id_too_large_for_the_database_is_ignored_or_refused_never_a_500(world: Any, client_for: Any, path: str) -> None:
    response = client_for(world.admin).get(path)
    assert response.status_code in (200, 400), response.content


@pytest.mark.parametrize("path", ["/api/v1/work-orders/?project=99999999999999999999", "/api/v1/dashboard/?project=1e9"])
def test_a_bad_id_filter_is_a_400(world: Any, client_for: Any, path: str) -> None:
    assert client_for(world.admin).get(path).status_code == 400


def test_numbers_too_large_for_the_database_in_a_body_are_a_400(world: Any, client_for: Any) -> None:
    client = client_for(world.user("fuzz_supervisor", role="service_supervisor", projects=[world.project_a]))
    body = {"orders": [1771713657330752552960], "technicians": [1]}
    response = client.post("/api/v1/work-orders/batch-dispatch/", body, format="json")
    assert response.status_code == 400 and "orders.0" in response.data["fields"]
    plan = {"project": world.project_a.id, "name": "x", "basis": "group", "tag": 10**25, "offsets": [0]}
    response = client.post("/api/v1/care-plans/", plan, format="json")  # a foreign key: no field error to give
    assert response.status_code == 400
