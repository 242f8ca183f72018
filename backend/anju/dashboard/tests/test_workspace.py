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


def test_given_the_demo_data_when_sales_or_a_manager_opens_the_home_then_each_linked_figure_is_its_lists_count(
    settings: Any, client_for: Any
) -> None:
    """The figures under the tiles link to their lists (the web app's ``figureLinks``): the same count, whole scope or
    one project. 房源总数 and 今日看房预约 have no such list and stay plain text."""
    from django.core.management import call_command

    from anju.accounts.models import User
    from anju.dashboard.workspace import OPEN
    from anju.properties.models import Project

    settings.DEMO_PASSWORD = "demo-password-for-tests"
    call_command("seed_demo")
    for username in ("sales", "manager"):
        user = User.objects.get(username=username)
        api = client_for(user)
        project = Project.objects.order_by("id").values_list("id", flat=True).first()
        for scope in ({}, {"project": project} if project else {}):
            body = api.get("/api/v1/dashboard/", scope).json()
            customers = api.get("/api/v1/customers/", scope).json()["count"]
            assert body["customers"]["total"] == customers, (username, scope)
            if not scope:  # the due list has no project filter: only the whole scope links
                due = api.get("/api/v1/follow-ups/due/").json()["count"]
                assert body["follow_ups_due"]["count"] == due, username
            if user.has_perm("workorders.view_all_workorders") or user.has_perm("workorders.dispatch_workorder"):
                orders = api.get("/api/v1/work-orders/", {"status": OPEN, **scope}).json()["count"]
                assert body["work_orders"]["open"] == orders, (username, scope)
                assert body["work_orders"]["open"], "the demo data has work orders in progress"
