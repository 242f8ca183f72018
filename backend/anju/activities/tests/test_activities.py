"""会员活动 (issue 17 §4): staff create and check in, owners sign up and cancel within capacity, history on the
customer's timeline, participation figures; capacity holds under concurrency."""

from __future__ import annotations

import datetime
import io
import threading
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.utils import timezone

from anju.activities import services
from anju.activities.models import Activity, Registration
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


def test_staff_edit_an_activity_but_never_below_the_places_taken(world: Any, client_for: Any) -> None:
    first, second = factories.owners(world, 2)
    activity = factories.activity(world, capacity=3)
    services.sign_up(customer=first, activity_id=activity.id)
    services.sign_up(customer=second, activity_id=activity.id)
    client = client_for(world.user("sup", role="service_supervisor", projects=[world.project_a]))
    url = f"/api/v1/activities/{activity.id}/"
    smaller = client.patch(url, {"version": activity.version, "capacity": 1}, format="json")
    assert smaller.status_code == 400 and smaller.json()["fields"]["capacity"]
    assert Activity.objects.get(pk=activity.id).capacity == 3  # nothing half-written
    changed = client.patch(url, {"version": activity.version, "capacity": 2, "place": "会所三楼"}, format="json")
    assert changed.status_code == 200, changed.content
    assert (changed.json()["capacity"], changed.json()["place"], changed.json()["version"]) == (2, "会所三楼", 2)
    stale = client.patch(url, {"version": activity.version, "place": "别处"}, format="json")
    assert stale.status_code == 409
    backwards = client.patch(url, {"version": 2, "ends_at": activity.starts_at.isoformat()}, format="json")
    assert backwards.status_code == 400 and backwards.json()["fields"]["ends_at"]
    event = Event.objects.filter(type="activity.changed").get()
    assert event.data == {"fields": ["capacity", "place"]}


def test_the_poster_is_checked_and_shown_to_staff_and_to_owners_who_may_join(
    world: Any, client_for: Any, owner_client: Any
) -> None:
    from anju.activities.tests.matrix import png

    activity = factories.activity(world)
    client = client_for(world.user("sup", role="service_supervisor", projects=[world.project_a]))
    fake = SimpleUploadedFile("poster.png", b"not an image at all", content_type="image/png")
    refused = client.post(f"/api/v1/activities/{activity.id}/poster/", {"file": fake}, format="multipart")
    assert refused.status_code == 400 and refused.json()["fields"]["file"]
    pdf = SimpleUploadedFile("poster.pdf", b"%PDF-1.4 hello", content_type="application/pdf")
    assert client.post(f"/api/v1/activities/{activity.id}/poster/", {"file": pdf}, format="multipart").status_code == 400
    assert client.get(f"/api/v1/activities/{activity.id}/poster/").status_code == 404
    uploaded = client.post(f"/api/v1/activities/{activity.id}/poster/", {"file": png()}, format="multipart")
    assert uploaded.status_code == 200 and uploaded.json()["has_poster"] is True
    image = client.get(f"/api/v1/activities/{activity.id}/poster/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    owner = owner_client(world.customer_a)
    assert owner.get("/api/v1/owner/activities/").json()[0]["has_poster"] is True
    assert owner.get(f"/api/v1/owner/activities/{activity.id}/poster/").status_code == 200
    # an owner of another project, and a staff token on the owner path, get nothing
    assert owner_client(world.customer_b).get(f"/api/v1/owner/activities/{activity.id}/poster/").status_code == 404
    assert client.get(f"/api/v1/owner/activities/{activity.id}/poster/").status_code in (401, 403)


def test_the_list_filters(world: Any, client_for: Any) -> None:
    baking = factories.activity(world, title="亲子烘焙", place="会所")
    factories.activity(world, title="中秋游园", place="中心花园")
    other = factories.activity(world, title="篮球赛", project=world.project_b)
    services.cancel_activity(actor=world.admin, activity=other, version=other.version, reason="天气")
    client = client_for(world.admin)

    def ids(query: str) -> list[int]:
        return [row["id"] for row in client.get(f"/api/v1/activities/?{query}").json()["results"]]

    assert ids("search=烘焙") == [baking.id]
    assert ids(f"search=花园&project={world.project_a.id}") != []
    assert ids("status=cancelled") == [other.id]
    assert ids(f"project={world.project_b.id}") == [other.id]
    assert client.get("/api/v1/activities/?status=nonsense").status_code == 400


def test_the_participation_report_per_activity_and_per_project(world: Any, client_for: Any) -> None:
    from openpyxl import load_workbook

    people = factories.owners(world, 3)
    vip = Tag.objects.create(name="VIP业主")
    for person in people:
        person.tags.add(vip)
    open_day = factories.activity(world, capacity=5, title="开放日")
    tea = factories.activity(world, capacity=5, title="品茶会", audience="group", group=vip)
    elsewhere = factories.activity(world, capacity=5, title="篮球赛", project=world.project_b)
    registrations = [services.sign_up(customer=p, activity_id=open_day.id) for p in people]
    services.check_in(actor=world.admin, registration=registrations[0])
    services.cancel_sign_up(customer=people[2], registration=registrations[2])
    services.sign_up(customer=people[0], activity_id=tea.id)
    services.sign_up(customer=people[1], activity_id=tea.id)
    # the tea party is over: who signed up and never came is a no-show
    Activity.objects.filter(pk=tea.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )
    agent = world.user("agent", role="service_agent", projects=[world.project_a])
    report = client_for(agent).get("/api/v1/activities/report/").json()
    by_title = {r["title"]: (r["registered"], r["attended"], r["no_show"], r["cancelled"]) for r in report["activities"]}
    assert by_title == {"品茶会": (2, 0, 2, 0), "开放日": (2, 1, 0, 1)}  # another project's activity is not counted
    assert elsewhere.title not in by_title
    totals = {(t["audience"], t["activities"], t["registered"], t["attended"], t["no_show"]) for t in report["projects"]}
    assert totals == {("project_owners", 1, 2, 1, 0), ("group", 1, 2, 0, 2)}
    only_group = client_for(agent).get("/api/v1/activities/report/?audience=group").json()
    assert [r["title"] for r in only_group["activities"]] == ["品茶会"]
    export = client_for(agent).get("/api/v1/activities/report/export/")
    assert export.status_code == 200 and export["Cache-Control"] == "no-store"
    workbook = load_workbook(io.BytesIO(export.content))
    first, second = workbook.worksheets
    assert [c.value for c in first[2]][:1] == ["品茶会"] and [c.value for c in first[2]][6:] == [2, 0, 2, 0]
    assert second.max_row == 3


def test_a_formula_in_a_title_is_written_as_text_in_the_export(world: Any, client_for: Any) -> None:
    from openpyxl import load_workbook

    factories.activity(world, title='=HYPERLINK("http://x")')
    export = client_for(world.admin).get("/api/v1/activities/report/export/")
    cell = load_workbook(io.BytesIO(export.content)).worksheets[0]["A2"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


def test_check_in_and_cancel_leave_the_history_on_the_customer_timeline(world: Any, client_for: Any) -> None:
    activity = factories.activity(world)
    registration = services.sign_up(customer=world.customer_a, activity_id=activity.id)
    services.cancel_sign_up(customer=world.customer_a, registration=registration)
    registration = services.sign_up(customer=world.customer_a, activity_id=activity.id)
    services.check_in(actor=world.admin, registration=registration)
    timeline = client_for(world.admin).get(f"/api/v1/customers/{world.customer_a.id}/timeline/")
    assert timeline.status_code == 200, timeline.content
    body = timeline.json()
    rows = body["results"] if isinstance(body, dict) else body
    types = [row["type"] for row in rows]
    for kind in ("activity.signed_up", "activity.sign_up_cancelled", "activity.checked_in"):
        assert kind in types, types


def test_an_owner_never_reaches_another_owners_registration_nor_sees_anyones_personal_data(world: Any, owner_client: Any) -> None:
    """Two owners of the same project: the second one's cancel touches only their own sign-up (there is none: 404),
    and no owner answer names the staff who made the activity or the other people who signed up."""
    neighbour = factories.owners(world, 1)[0]
    world.admin.display_name = "王管理员"
    world.admin.save()
    activity = factories.activity(world, capacity=3)
    mine = services.sign_up(customer=world.customer_a, activity_id=activity.id)
    services.check_in(actor=world.admin, registration=mine)
    theirs = owner_client(neighbour)
    assert theirs.post(f"/api/v1/owner/activities/{activity.id}/cancel/").status_code == 404
    assert Registration.objects.get(pk=mine.pk).status == "checked_in"
    signed_up = theirs.post(f"/api/v1/owner/activities/{activity.id}/sign-up/")
    assert signed_up.status_code == 201 and signed_up.json()["my_status"] == "registered"
    answers = [
        owner_client(world.customer_a).get("/api/v1/owner/activities/").content.decode(),
        theirs.get("/api/v1/owner/activities/").content.decode(),
        signed_up.content.decode(),
    ]
    assert set(signed_up.json()) == {
        "id",
        "project_name",
        "title",
        "description",
        "place",
        "starts_at",
        "ends_at",
        "capacity",
        "places_left",
        "my_status",
        "has_poster",
    }
    for text in answers:
        for secret in ("王管理员", world.admin.username, "张三", "13800138000", "138****8000", "业主0", "13500000000"):
            assert secret not in text, (secret, text)


def test_given_a_cancelled_activity_when_staff_check_a_person_in_then_409_and_nothing_changes(
    world: Any, client_for: Any
) -> None:
    from anju.activities.models import Registration, RegistrationStatus

    activity = factories.activity(world)
    registration = services.sign_up(customer=world.customer_a, activity_id=activity.pk)
    services.cancel_activity(actor=world.admin, activity=activity, version=activity.version, reason="暴雨预警")
    response = client_for(world.admin).post(f"/api/v1/activity-registrations/{registration.id}/check-in/")
    assert response.status_code == 409 and response.json()["code"] == "activity.not_open"
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.REGISTERED
