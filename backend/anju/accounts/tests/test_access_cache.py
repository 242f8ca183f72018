"""A user's permissions and project scope are kept between requests (``anju.accounts.access``) and every change of
roles, permissions or scope takes effect on the very next request, through a token (a fresh user row per request)
as through a session or a test client holding its user object."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from anju.accounts import access
from anju.accounts.models import User
from anju.properties.models import Project, UserScope
from anju.properties.scope import visible_project_ids
from anju.properties.services import set_user_scope

PASSWORD = "correct-horse-battery"
LIST = "/api/v1/work-orders/"


def token_client(user: Any) -> APIClient:
    client = APIClient()
    answer = client.post("/api/v1/auth/token/", {"username": user.username, "password": PASSWORD}, format="json")
    assert answer.status_code == 200, answer.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
    return client


def _projects_listed(client: APIClient) -> set[int]:
    response = client.get(LIST)
    assert response.status_code == 200
    return {row["project"] for row in response.json()["results"]}


@pytest.fixture
def orders(world: Any) -> dict[str, Any]:
    from anju.workorders.models import Category
    from anju.workorders.services.orders import create_work_order

    water = Category.objects.get_or_create(code="water_supply", defaults={"name": "给水管道", "warranty_item": "leakage"})[0]
    made = {}
    for key, unit, customer in (("a", world.unit_a, world.customer_a), ("b", world.unit_b, world.customer_b)):
        made[key] = create_work_order(
            actor=world.admin, type="repair", unit=unit, customer=customer, category=water, description="厨房水管漏水"
        )
    return made


def test_a_warm_request_reads_no_permission_or_scope_table(world: Any, orders: Any) -> None:
    """Given a supervisor's token, when the list is asked twice, then the second request reads neither the
    permission tables nor the data-scope tables (the token query brings the user and their stamp)."""
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    client = token_client(supervisor)
    assert client.get(LIST).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    touched = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("auth_permission", "auth_group", "properties_userscope"):
        assert table not in touched, table


def test_a_role_taken_away_is_refused_on_the_next_request(world: Any, orders: Any) -> None:
    from anju.accounts.services import update_user

    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    client = token_client(supervisor)
    assert client.get(LIST).status_code == 200
    update_user(actor=world.admin, user=supervisor, roles=["sales_consultant"])
    assert client.get(LIST).status_code == 403
    update_user(actor=world.admin, user=supervisor, roles=["service_supervisor"])
    assert client.get(LIST).status_code == 200


def test_a_role_changed_through_the_api_takes_effect_for_its_holder(world: Any, orders: Any, client_for: Any) -> None:
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    client = token_client(supervisor)
    assert client.get(LIST).status_code == 200
    admin = client_for(world.admin)
    changed = admin.patch(f"/api/v1/users/{supervisor.pk}/", {"roles": ["sales_consultant"]}, format="json")
    assert changed.status_code == 200, changed.content
    assert client.get(LIST).status_code == 403


def test_a_permission_removed_from_a_role_is_refused_to_its_members(world: Any, orders: Any) -> None:
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    client = token_client(supervisor)
    assert client.get(LIST).status_code == 200
    role = Group.objects.get(name="service_supervisor")
    view = Permission.objects.get(content_type__app_label="workorders", codename="view_workorder")
    role.permissions.remove(view)
    assert client.get(LIST).status_code == 403
    view.group_set.add(role)  # from the permission's side
    assert client.get(LIST).status_code == 200


def test_a_role_joined_from_the_group_side_counts_on_the_next_request(world: Any, orders: Any) -> None:
    clerk = world.user("clerk", role=None, projects=[world.project_a])
    client = token_client(clerk)
    assert client.get(LIST).status_code == 403
    Group.objects.get(name="service_supervisor").user_set.add(clerk)
    assert client.get(LIST).status_code == 200
    Group.objects.get(name="service_supervisor").user_set.clear()
    assert client.get(LIST).status_code == 403


def test_a_scope_change_shows_the_other_project_on_the_next_request(world: Any, orders: Any, client_for: Any) -> None:
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    token = token_client(supervisor)
    held = client_for(supervisor)  # a client that keeps the same user object between requests
    assert _projects_listed(token) == {world.project_a.pk} == _projects_listed(held)
    answer = client_for(world.admin).put(
        f"/api/v1/users/{supervisor.pk}/scope/",
        {"all_projects": False, "city_companies": [], "projects": [world.project_b.pk]},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    assert _projects_listed(token) == {world.project_b.pk}
    assert token.get(f"/api/v1/work-orders/{orders['a'].pk}/").status_code == 404
    set_user_scope(actor=world.admin, user=supervisor, all_projects=False, city_companies=[], projects=[world.project_a])
    assert _projects_listed(token) == {world.project_a.pk}


def test_a_new_project_of_the_users_city_company_is_seen_at_once(world: Any) -> None:
    supervisor = world.user("sup", role="service_supervisor", projects=[])
    set_user_scope(actor=world.admin, user=supervisor, all_projects=False, city_companies=[world.company], projects=[])
    fresh = User.objects.get(pk=supervisor.pk)
    assert visible_project_ids(fresh) == {world.project_a.pk, world.project_b.pk}
    later = Project.objects.create(city_company=world.company, code="PC", name="项目C")
    assert visible_project_ids(User.objects.get(pk=supervisor.pk)) == {world.project_a.pk, world.project_b.pk, later.pk}
    from anju.properties.models import CityCompany

    elsewhere = CityCompany.objects.create(code="BJ", name="北京城市公司")
    later.city_company = elsewhere
    later.save()
    assert visible_project_ids(User.objects.get(pk=supervisor.pk)) == {world.project_a.pk, world.project_b.pk}


def test_a_scope_row_edited_directly_is_seen_by_the_user_object_it_was_loaded_with(world: Any) -> None:
    user = world.user("sup", role="service_supervisor", projects=[world.project_a])
    assert visible_project_ids(user) == {world.project_a.pk}
    scope = UserScope.objects.select_related("user").get(user=user)
    scope.projects.add(world.project_b)
    assert visible_project_ids(scope.user) == {world.project_a.pk, world.project_b.pk}
    assert visible_project_ids(User.objects.get(pk=user.pk)) == {world.project_a.pk, world.project_b.pk}


def test_a_stale_user_object_saved_later_cannot_restore_the_old_access(world: Any, orders: Any) -> None:
    """Given a user object loaded before their role changed, when it is saved afterwards (a display-name edit),
    then the new stamp stays and the old role's permissions do not come back."""
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    stale = User.objects.get(pk=supervisor.pk)
    client = token_client(supervisor)
    assert client.get(LIST).status_code == 200
    supervisor.groups.set([Group.objects.get(name="sales_consultant")])
    stale.display_name = "改名"
    stale.save()
    assert User.objects.get(pk=supervisor.pk).display_name == "改名"
    assert client.get(LIST).status_code == 403


def test_deactivation_and_superuser_are_part_of_the_key(world: Any) -> None:
    user = world.user("sup", role="service_supervisor", projects=[world.project_a])
    assert user.has_perm("workorders.view_workorder")
    User.objects.filter(pk=user.pk).update(is_superuser=True)
    promoted = User.objects.get(pk=user.pk)
    assert promoted.has_perm("accounts.deactivate_user")
    User.objects.filter(pk=user.pk).update(is_superuser=False, is_active=False)
    assert not User.objects.get(pk=user.pk).has_perm("workorders.view_workorder")


def test_the_cache_is_bounded(monkeypatch: Any) -> None:
    monkeypatch.setattr(access, "MAX_ENTRIES", 3)
    access.clear()

    class Someone:
        is_active = True
        is_superuser = False

        def __init__(self, pk: int) -> None:
            self.pk = pk
            self.access_stamp = access.new_stamp()

    computed = []
    people = [Someone(n) for n in range(5)]
    for person in people:
        access.cached(person, "x", lambda p=person: computed.append(p.pk) or p.pk)
    assert access.cached(people[-1], "x", lambda: -1) == 4  # kept
    assert access.cached(people[0], "x", lambda: -1) == -1  # dropped, computed again
    access.clear()
