"""Role homes: each figure is the count of the list its link opens, within scope; lists a role cannot open are
left out; a technician sees today's jobs in appointment order."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from anju.workorders.models import WorkOrder
from anju.workorders.tests.conftest import Desk
from conftest import World

pytestmark = pytest.mark.django_db


def _tiles(response: Any, role: str) -> dict[str, dict[str, Any]]:
    section = next(s for s in response.json()["sections"] if s["role"] == role)
    return {t["key"]: t for t in section["tiles"]}


def _list_count(api: Any, tile: dict[str, Any]) -> int:
    response = api.get(_api_path(tile), tile["query"])
    assert response.status_code == 200, response.content
    return int(response.json()["count"])


def _api_path(tile: dict[str, Any]) -> str:
    return {
        "/work-orders": "/api/v1/work-orders/",
        "/m/orders": "/api/v1/work-orders/",
        "/return-visits": "/api/v1/return-visits/",
        "/incidents": "/api/v1/incidents/",
        "/inbox": "/api/v1/notifications/",
        "/sales/subscriptions": "/api/v1/subscriptions/",
        "/sales/contracts": "/api/v1/contracts/",
        "/sales/collections": "/api/v1/overdue-receivables/",
        "/mortgage-cases": "/api/v1/mortgage-cases/",
        "/handover/notices": "/api/v1/handover-notices/",
        "/area-settlements": "/api/v1/area-settlements/",
        "/certificates": "/api/v1/certificate-cases/",
        "/customers": "/api/v1/customers/",
        "/units": "/api/v1/units/",
        "/appointments": "/api/v1/appointments/",
        "/follow-ups/due": "/api/v1/follow-ups/due/",
    }[tile["route"]]


def test_every_figure_is_what_its_list_shows(world: World, client_for: Any) -> None:
    desk = Desk(world)
    mine = desk.repair()
    overdue = desk.repair(description="卫生间漏水")
    desk.repair(description="门锁坏了")  # left pending dispatch
    WorkOrder.objects.filter(pk__in=[mine.pk, overdue.pk]).update(status="dispatched", assignee=desk.agent)
    WorkOrder.objects.filter(pk=overdue.pk).update(sla_due_at=timezone.now() - datetime.timedelta(hours=2))
    for user, role in ((desk.agent, "service_agent"), (desk.supervisor, "service_supervisor")):
        api = client_for(user)
        response = api.get("/api/v1/workspace/")
        assert response.status_code == 200, response.content
        tiles = _tiles(response, role)
        assert tiles, role
        for tile in tiles.values():
            assert tile["count"] == _list_count(api, tile), (role, tile["key"])
    agent_tiles = _tiles(client_for(desk.agent).get("/api/v1/workspace/"), "service_agent")
    assert agent_tiles["myOpenOrders"]["count"] == 2
    assert agent_tiles["myOverdueOrders"]["count"] == 1 and agent_tiles["myOverdueOrders"]["tone"] == "danger"
    supervisor_tiles = _tiles(client_for(desk.supervisor).get("/api/v1/workspace/"), "service_supervisor")
    assert supervisor_tiles["unassigned"]["count"] == 1
    assert supervisor_tiles["overdue"]["count"] == 1


def test_a_role_sees_only_the_lists_it_may_open(world: World, client_for: Any) -> None:
    desk = Desk(world)
    response = client_for(desk.plumber_user).get("/api/v1/workspace/")
    body = response.json()
    assert body["roles"] == ["technician"]
    assert set(_tiles(response, "technician")) == {"myOpenOrders", "myOverdueOrders"}
    assert body["worst_buildings"] is None and body["satisfaction"] is None
    consultant = world.user("ws_sales", role="sales_consultant")
    tiles = _tiles(client_for(consultant).get("/api/v1/workspace/"), "sales_consultant")
    assert "myUnfiled" in tiles and all(t["route"].startswith("/sales/") for t in tiles.values())


def test_technician_jobs_in_appointment_order(world: World, client_for: Any) -> None:
    desk = Desk(world)
    today = timezone.localdate()
    later, sooner, unbooked = desk.repair(), desk.repair(description="二"), desk.repair(description="三")
    at = lambda hour: timezone.make_aware(datetime.datetime.combine(today, datetime.time(hour)))  # noqa: E731
    WorkOrder.objects.filter(pk__in=[later.pk, sooner.pk, unbooked.pk]).update(status="accepted", assignee=desk.plumber_user)
    WorkOrder.objects.filter(pk=later.pk).update(appointment_start=at(15), appointment_end=at(17))
    WorkOrder.objects.filter(pk=sooner.pk).update(appointment_start=at(9), appointment_end=at(11))
    jobs = client_for(desk.plumber_user).get("/api/v1/workspace/").json()["jobs"]
    assert [j["id"] for j in jobs][:2] == [sooner.pk, later.pk]
    assert unbooked.pk in [j["id"] for j in jobs]
    assert jobs[0]["category"] == "给水管道" and "项目A" in jobs[0]["address"]


def test_another_projects_id_is_404_and_anonymous_is_401(world: World, client_for: Any, anon: Any) -> None:
    agent = world.user("ws_agent", role="service_agent", projects=[world.project_a])
    assert client_for(agent).get("/api/v1/workspace/", {"project": world.project_b.id}).status_code == 404
    assert client_for(agent).get("/api/v1/workspace/", {"project": world.project_a.id}).status_code == 200
    assert anon.get("/api/v1/workspace/").status_code == 401


DEMO_LOGINS = {
    "agent": "service_agent",
    "supervisor": "service_supervisor",
    "tech": "technician",
    "sales": "sales_consultant",
    "mortgage": "mortgage_officer",
    "finance": "finance",
    "manager": "management",
}
POST_SALE = {
    "service_supervisor": {"handoverNoticesToSend", "handoverDefectsOpen", "settlementsToReview", "certificatesAtRisk"},
    "mortgage_officer": {"certificatesAtRisk"},
    "finance": {
        "settlementsToApprove",
        "settlementsToNotify",
        "settlementsToPost",
        "overdueAreaDifference",
        "certificatesAtRisk",
    },
    "management": {"handoverDefectsOpen", "settlementsOpen", "overdueAreaDifference", "certificatesAtRisk"},
}


def test_given_the_demo_data_when_each_role_opens_its_home_then_every_figure_is_its_lists_count(
    settings: Any, client_for: Any
) -> None:
    from django.core.management import call_command

    from anju.accounts.models import User

    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("seed_demo")
    nonzero: set[str] = set()
    for username, role in DEMO_LOGINS.items():
        api = client_for(User.objects.get(username=username))
        body = api.get("/api/v1/workspace/").json()
        tiles = _tiles_of(body, role)
        assert POST_SALE.get(role, set()) <= set(tiles), (role, POST_SALE.get(role, set()) - set(tiles))
        for tile in tiles.values():
            assert tile["count"] == _list_count(api, tile), (role, tile["key"], tile["query"])
            if tile["count"]:
                nonzero.add(tile["key"])
        if role == "management":
            assert body["worst_buildings"], "the demo history finishes targets in every building"
            assert all(row["project"] for row in body["worst_buildings"])
    # the demo data exercises the post-sale figures (a count of 0 everywhere would prove little)
    assert {"handoverDefectsOpen", "certificatesAtRisk"} <= nonzero, nonzero


def _tiles_of(body: dict[str, Any], role: str) -> dict[str, dict[str, Any]]:
    section = next(s for s in body["sections"] if s["role"] == role)
    return {t["key"]: t for t in section["tiles"]}


def test_given_the_demo_data_when_sales_or_a_manager_opens_the_home_then_each_figure_is_its_lists_count(
    settings: Any, client_for: Any
) -> None:
    """客户总数, 房源总数, 今日看房预约, 我的待跟进, 处理中的工单 …: tiles like the roles' own, each the count of the list it
    opens, for the whole scope and for one project; the satisfaction averages are the averages of the return-visit lists
    they link to."""
    from django.core.management import call_command
    from django.db.models import Avg

    from anju.accounts.models import User
    from anju.properties.models import Project
    from anju.visits.models import ReturnVisit

    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("seed_demo")
    nonzero: set[str] = set()
    for username in ("sales", "manager"):
        api = client_for(User.objects.get(username=username))
        project = Project.objects.order_by("id").values_list("id", flat=True).first()
        for scope in ({}, {"project": project}):
            body = api.get("/api/v1/workspace/", scope).json()
            assert body["figures"], (username, scope)
            for tile in body["figures"]:
                assert tile["count"] == _list_count(api, tile), (username, scope, tile["key"], tile["query"])
                assert tile["query"].get("project") == (str(project) if scope else None), tile
                if tile["count"]:
                    nonzero.add(tile["key"])
    assert {"customers", "units", "unitsAvailable", "workOrdersOpen"} <= nonzero, nonzero
    assert client_for(User.objects.get(username="agent")).get("/api/v1/workspace/").json()["figures"] is None

    api = client_for(User.objects.get(username="manager"))
    checked = 0
    pairs: list[tuple[dict[str, str], Any]] = []
    for scope in ({}, {"project": project}):  # one project chosen: the worst groups are that project's
        body = api.get("/api/v1/workspace/", scope).json()
        groups = body["worst_buildings"] + body["worst_categories"]
        pairs += [(body["satisfaction"]["query"], body["satisfaction"]["this_week"])]
        pairs += [(row["visits_query"], row["satisfaction"]) for row in groups]
        if scope:
            assert all(query.get("project") == str(project) for query, _ in pairs[-len(groups) - 1 :])
    for query, average in pairs:
        rows = api.get("/api/v1/return-visits/", {**query, "page_size": 200}).json()
        ids = [row["id"] for row in rows["results"]]
        assert rows["count"] == len(ids), "one page holds the demo's visits of a group"
        expected = ReturnVisit.objects.filter(pk__in=ids).aggregate(avg=Avg("satisfaction"))["avg"]
        if average is None:
            assert expected is None, query
        else:
            assert expected is not None and abs(float(average) - float(expected)) < 0.006, (query, average, expected)
            checked += 1
    assert checked >= 2, "the demo has answered visits in the worst groups"


def test_every_tile_route_reads_the_query_it_was_counted_with() -> None:
    """A tile links to ``route?query``: the screen at that route must take each of those parameters from the URL
    (``useLinkedQuery([...])`` or, as a starting filter, ``route.query.<name>``), or it would show other rows than the
    figure counted."""
    import re
    from pathlib import Path

    from django.test import RequestFactory
    from rest_framework.request import Request

    from anju.accounts.models import User
    from anju.dashboard import workspace

    web = Path(__file__).resolve().parents[4] / "frontend" / "src"
    routes = (web / "router" / "routes.ts").read_text(encoding="utf-8")
    components = {
        "/" + path: file
        for path, file in re.findall(r"path: '([^']*)', name: '[^']*', component: \(\) => import\('@/([^']+)'\)", routes)
    }

    def linked_keys(route: str) -> set[str]:
        source = (web / components[route]).read_text(encoding="utf-8")
        keys: set[str] = set()
        for listed in re.findall(r"useLinkedQuery\(\[([^\]]*)\]", source):
            keys |= set(re.findall(r"'([^']+)'", listed))
        keys |= set(re.findall(r"route\.query\.(\w+)", source))  # a starting filter read straight from the URL
        return keys

    request = Request(RequestFactory().get("/"))
    request.user = User(pk=1)
    now = timezone.now()
    ctx = workspace.Context(request=request, now=now, today=timezone.localdate(now), project=7)
    tiles = [tile for make in {*workspace.ROLE_TILES.values(), workspace.figure_tiles} for tile in make(ctx)]
    assert len({tile.route for tile in tiles}) >= 12
    for tile in tiles:
        missing = set(tile.query) - linked_keys(tile.route)
        assert not missing, f"{tile.key}: {tile.route} ignores {sorted(missing)}"


def test_given_a_project_that_does_not_exist_or_zero_when_the_home_is_asked_for_it_then_404(
    world: World, client_for: Any
) -> None:
    api = client_for(world.admin)  # sees every project: only existence can refuse
    for value in ("999999", "0"):
        assert api.get("/api/v1/workspace/", {"project": value}).status_code == 404, value
        assert api.get("/api/v1/dashboard/", {"project": value}).status_code == 404, value
    assert api.get("/api/v1/workspace/", {"project": world.project_a.pk}).status_code == 200


def test_given_one_project_chosen_when_any_role_opens_its_home_then_every_list_tile_carries_that_project(
    world: World, client_for: Any
) -> None:
    """The lists open on the chosen project, so the figures must count it too (the sales figures did not)."""
    from anju.accounts.roles import ROLES

    unscoped = {"openIncidents", "escalations"}  # lists with no project filter (incidents, the inbox)
    for role in ROLES:
        user = world.user(f"u_{role}", role=role, projects=[world.project_a, world.project_b])
        body = client_for(user).get("/api/v1/workspace/", {"project": world.project_a.pk}).json()
        tiles = [tile for section in body["sections"] for tile in section["tiles"]] + (body["figures"] or [])
        for tile in tiles:
            if tile["key"] not in unscoped:
                assert tile["query"].get("project") == str(world.project_a.pk), (role, tile["key"])
