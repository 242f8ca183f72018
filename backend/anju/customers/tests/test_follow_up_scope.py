"""Follow-up lists filtered by project never reveal that a shared customer is known in a project the reader cannot
see, count a follow-up under the project it is about, and pick "the latest per customer" among visible ones only
(found by the attacker check of the role homes)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from anju.customers.services.contacts import create_follow_up
from anju.customers.services.customers import create_customer
from conftest import World

pytestmark = pytest.mark.django_db


def _shared(world: World) -> Any:
    return create_customer(
        actor=world.admin, name="共享客户", mobiles=["13700137000"], projects=[world.project_a, world.project_b]
    )


def _ids(api: Any, path: str, **query: Any) -> list[int]:
    response = api.get(path, query)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_given_a_shared_customer_when_a_one_project_user_filters_by_the_other_project_then_nothing_is_confirmed(
    world: World, client_for: Any
) -> None:
    customer = _shared(world)
    b_only = world.user("agent_b", role="service_agent", projects=[world.project_b])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    mine = create_follow_up(
        actor=b_only, customer=customer, method="phone", content="回访", next_follow_up_on=yesterday, project=None
    )
    api = client_for(b_only)
    assert mine.pk in _ids(api, "/api/v1/follow-ups/")
    for path in ("/api/v1/follow-ups/", "/api/v1/follow-ups/due/"):
        assert _ids(api, path, project=world.project_a.pk) == [], path
        assert mine.pk in _ids(api, path, project=world.project_b.pk), path
    # ids that do not exist are no rows, not a 400 that tells them apart from ids out of scope
    assert _ids(api, "/api/v1/follow-ups/due/", customer=999_999) == []
    assert _ids(api, "/api/v1/follow-ups/due/", owner=999_999) == []


def test_given_follow_ups_about_each_project_when_filtered_by_one_then_only_that_projects_and_the_general_ones(
    world: World, client_for: Any
) -> None:
    customer = _shared(world)
    sales = world.user("sales_ab", role="sales_consultant", projects=[world.project_a, world.project_b])
    about_b = create_follow_up(actor=sales, customer=customer, method="phone", content="B 的跟进", project=world.project_b)
    general = create_follow_up(actor=sales, customer=customer, method="phone", content="总体跟进", project=None)
    api = client_for(sales)
    under_a = _ids(api, "/api/v1/follow-ups/", project=world.project_a.pk)
    assert about_b.pk not in under_a and general.pk in under_a
    assert {about_b.pk, general.pk} <= set(_ids(api, "/api/v1/follow-ups/", project=world.project_b.pk))


def test_given_a_newer_follow_up_out_of_scope_when_the_due_list_is_read_then_my_reminder_stays(
    world: World, client_for: Any
) -> None:
    customer = _shared(world)
    b_only = world.user("agent_b2", role="service_agent", projects=[world.project_b])
    sales = world.user("sales_a", role="sales_consultant", projects=[world.project_a])
    now = timezone.now()
    mine = create_follow_up(
        actor=b_only,
        customer=customer,
        method="phone",
        content="回访",
        next_follow_up_on=timezone.localdate() - datetime.timedelta(days=1),
        occurred_at=now - datetime.timedelta(hours=2),
        project=world.project_b,
    )
    create_follow_up(actor=sales, customer=customer, method="phone", content="A 的跟进", occurred_at=now, project=world.project_a)
    assert _ids(client_for(b_only), "/api/v1/follow-ups/due/") == [mine.pk]


def test_given_a_customer_of_two_projects_when_filtered_by_one_then_each_follow_up_is_listed_once(
    world: World, client_for: Any
) -> None:
    customer = _shared(world)
    sales = world.user("sales_twice", role="sales_consultant", projects=[world.project_a, world.project_b])
    general = create_follow_up(actor=sales, customer=customer, method="phone", content="总体跟进", project=None)
    api = client_for(sales)
    for project in (world.project_a, world.project_b):
        ids = _ids(api, "/api/v1/follow-ups/", project=project.pk, customer=customer.pk)
        assert ids.count(general.pk) == 1, ids


def test_given_a_new_number_that_masks_like_the_old_when_saved_then_it_is_versioned_and_on_the_timeline(
    world: World, client_for: Any
) -> None:
    from anju.core.models import Event

    api = client_for(world.admin)
    customer = world.customer_a
    before = api.get(f"/api/v1/customers/{customer.pk}/").json()
    events = Event.objects.filter(target_id=customer.pk).count()
    response = api.patch(
        f"/api/v1/customers/{customer.pk}/", {"mobiles": ["13800558000"], "version": before["version"]}, format="json"
    )  # 138****8000 like 13800138000
    assert response.status_code == 200, response.content
    assert response.json()["version"] == before["version"] + 1
    assert Event.objects.filter(target_id=customer.pk).count() == events + 1
    stale = api.patch(
        f"/api/v1/customers/{customer.pk}/", {"mobiles": ["13800668000"], "version": before["version"]}, format="json"
    )
    assert stale.status_code == 409
