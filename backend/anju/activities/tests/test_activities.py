"""会员活动 (issue 17 §4): staff create and check in, owners sign up and cancel within capacity, history on the
customer's timeline, participation figures; capacity holds under concurrency."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import close_old_connections, connection
from django.utils import timezone

from anju.activities import services
from anju.activities.models import Registration
from anju.activities.tests import factories
from anju.core.errors import ConflictError
from anju.core.models import Event
from anju.customers.models import Tag

pytestmark = pytest.mark.django_db


def test_staff_create_an_activity_and_bad_input_names_the_field(world: Any, client_for: Any) -> None:
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    client = client_for(supervisor)
    start = timezone.now() + datetime.timedelta(days=3)
    body = {
        "project": world.project_a.id,
        "title": "端午包粽子",
        "place": "会所",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
        "capacity": 30,
    }
    response = client.post("/api/v1/activities/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["taken"] == 0 and response.json()["audience"] == "project_owners"
    backwards = client.post("/api/v1/activities/", {**body, "ends_at": start.isoformat()}, format="json")
    assert backwards.status_code == 400 and backwards.json()["fields"]["ends_at"]
    group = client.post("/api/v1/activities/", {**body, "audience": "group"}, format="json")
    assert group.status_code == 400 and group.json()["fields"]["group"]
    other = client.post("/api/v1/activities/", {**body, "project": world.project_b.id}, format="json")
    assert other.status_code == 400 and "project" in other.json()["fields"]
    assert client.get("/api/v1/activities/").json()["count"] == 1


def test_an_owner_signs_up_cancels_and_signs_up_again(world: Any, owner_client: Any) -> None:
    activity = factories.activity(world, capacity=2)
    owner = owner_client(world.customer_a)
    listed = owner.get("/api/v1/owner/activities/").json()
    assert [(a["id"], a["places_left"], a["my_status"]) for a in listed] == [(activity.id, 2, "")]
    response = owner.post(f"/api/v1/owner/activities/{activity.id}/sign-up/")
    assert response.status_code == 201 and response.json()["my_status"] == "registered"
    assert response.json()["places_left"] == 1
    assert owner.post(f"/api/v1/owner/activities/{activity.id}/sign-up/").status_code == 409
    cancelled = owner.post(f"/api/v1/owner/activities/{activity.id}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["my_status"] == "cancelled" and cancelled.json()["places_left"] == 2
    assert owner.post(f"/api/v1/owner/activities/{activity.id}/sign-up/").status_code == 201
    on_customer = Event.objects.filter(
        links__content_type=ContentType.objects.get_for_model(world.customer_a), links__object_id=world.customer_a.id
    )
    types = list(on_customer.values_list("type", flat=True))
    assert types.count("activity.signed_up") == 2 and "activity.sign_up_cancelled" in types


def test_who_may_join(world: Any, owner_client: Any) -> None:
    other_project = factories.activity(world, project=world.project_b)
    vip = Tag.objects.create(name="VIP业主")
    group_only = factories.activity(world, audience="group", group=vip)
    owner = owner_client(world.customer_a)
    assert [a["id"] for a in owner.get("/api/v1/owner/activities/").json()] == []
    assert owner.post(f"/api/v1/owner/activities/{other_project.id}/sign-up/").status_code == 404
    assert owner.post(f"/api/v1/owner/activities/{group_only.id}/sign-up/").status_code == 404
    world.customer_a.tags.add(vip)
    assert [a["id"] for a in owner.get("/api/v1/owner/activities/").json()] == [group_only.id]
    assert owner.post(f"/api/v1/owner/activities/{group_only.id}/sign-up/").status_code == 201
    # another owner cannot cancel this registration: the activity is not theirs to see
    assert owner_client(world.customer_b).post(f"/api/v1/owner/activities/{group_only.id}/cancel/").status_code == 404


def test_a_full_activity_says_so_and_a_cancelled_one_takes_no_one(world: Any, owner_client: Any) -> None:
    first, second = factories.owners(world, 2)
    activity = factories.activity(world, capacity=1)
    assert owner_client(first).post(f"/api/v1/owner/activities/{activity.id}/sign-up/").status_code == 201
    full = owner_client(second).post(f"/api/v1/owner/activities/{activity.id}/sign-up/")
    assert full.status_code == 409 and full.json()["code"] == "activity.full"
    services.cancel_activity(actor=world.admin, activity=activity, version=activity.version, reason="天气原因")
    assert owner_client(second).post(f"/api/v1/owner/activities/{activity.id}/sign-up/").status_code == 404


def test_staff_check_people_in_and_see_the_participation(world: Any, owner_client: Any, client_for: Any) -> None:
    agent = world.user("agent", role="service_agent", projects=[world.project_a])
    activity = factories.activity(world, capacity=3)
    registration = services.sign_up(customer=world.customer_a, activity_id=activity.id)
    client = client_for(agent)
    rows = client.get(f"/api/v1/activities/{activity.id}/registrations/").json()
    assert [(r["customer_name"], r["mobile"], r["status"]) for r in rows] == [("张三", "138****8000", "registered")]
    response = client.post(f"/api/v1/activity-registrations/{registration.id}/check-in/")
    assert response.status_code == 200 and response.json()["status"] == "checked_in"
    assert client.post(f"/api/v1/activity-registrations/{registration.id}/check-in/").status_code == 409
    figures = client.get(f"/api/v1/activities/{activity.id}/").json()
    assert (figures["taken"], figures["checked_in"], figures["cancelled"]) == (1, 1, 0)
    outsider = world.user("agent_b", role="service_agent", projects=[world.project_b])
    assert client_for(outsider).post(f"/api/v1/activity-registrations/{registration.id}/check-in/").status_code == 404


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_twenty_owners_at_once_for_five_places_exactly_five_get_in(world: Any) -> None:
    people = factories.owners(world, 20)
    activity = factories.activity(world, capacity=5)
    barrier = threading.Barrier(len(people))
    results: list[Any] = []
    lock = threading.Lock()

    def worker(customer: Any) -> None:
        try:
            barrier.wait()
            outcome: Any = services.sign_up(customer=customer, activity_id=activity.id).pk
        except ConflictError as exc:
            outcome = exc.code
        except BaseException as exc:  # noqa: BLE001
            outcome = exc
        finally:
            close_old_connections()
            connection.close()
        with lock:
            results.append(outcome)

    pool = [threading.Thread(target=worker, args=(c,)) for c in people]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert sum(isinstance(r, int) for r in results) == 5, results
    assert [str(r) for r in results].count("activity.full") == 15, results
    assert Registration.objects.filter(activity=activity, status="registered").count() == 5
