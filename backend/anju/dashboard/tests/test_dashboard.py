from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from anju.customers.services.contacts import create_appointment, create_follow_up
from anju.properties.models import Unit
from conftest import World


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


@pytest.mark.django_db
def test_figures_are_counted_within_scope(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    sales = world.user("sales1", role="sales_consultant", projects=[world.project_a])
    agent = world.user("agent1", role="service_agent", projects=[world.project_a])
    create_appointment(
        actor=agent,
        customer=world.customer_a,
        project=world.project_a,
        consultant=sales,
        starts_at=_at(today, 10),
        ends_at=_at(today, 11),
    )
    create_follow_up(
        actor=agent,
        customer=world.customer_a,
        method="phone",
        content="回电确认交房时间",
        next_step="再次致电",
        next_follow_up_on=today - datetime.timedelta(days=1),
    )
    Unit.objects.filter(pk=world.unit_a.pk).update(status="delivered")

    body = client_for(agent).get("/api/v1/dashboard/").json()

    assert body["customers"] == {"total": 1, "new_this_month": 1}
    assert body["units"]["total"] == 1
    assert body["units"]["by_status"] == {"available": 0, "subscribed": 0, "contracted": 0, "delivered": 1}
    assert body["appointments_today"]["count"] == 1
    assert body["appointments_today"]["items"][0]["customer_name"] == "张三"
    assert body["follow_ups_due"] == {
        "count": 1,
        "overdue": 1,
        "items": [
            {
                "id": body["follow_ups_due"]["items"][0]["id"],
                "customer": world.customer_a.id,
                "customer_name": "张三",
                "next_step": "再次致电",
                "next_follow_up_on": (today - datetime.timedelta(days=1)).isoformat(),
            }
        ],
    }

    other = world.user("agent_b", role="service_agent", projects=[world.project_b])
    body_b = client_for(other).get("/api/v1/dashboard/").json()
    assert body_b["customers"]["total"] == 1  # only 李四
    assert body_b["appointments_today"]["count"] == 0
    assert body_b["follow_ups_due"]["count"] == 0  # someone else's follow-up is not "mine"


@pytest.mark.django_db
def test_sections_without_permission_are_null(world: World, client_for: Any) -> None:
    nobody = world.user("plain", permissions=[])
    body = client_for(nobody).get("/api/v1/dashboard/").json()
    assert body["customers"] is None
    assert body["units"] is None
    assert body["appointments_today"] is None
    assert body["follow_ups_due"] is None
    assert body["work_orders"] is None
    assert body["date"] == timezone.localdate().isoformat()


@pytest.mark.django_db
def test_consultants_are_limited_to_shared_projects(world: World, client_for: Any) -> None:
    in_a = world.user("sales_a", role="sales_consultant", projects=[world.project_a])
    in_b = world.user("sales_b", role="sales_consultant", projects=[world.project_b])
    gone = world.user("sales_gone", role="sales_consultant", projects=[world.project_a])
    gone.is_active = False
    gone.save()
    world.user("not_sales", role="service_agent", projects=[world.project_a])
    agent_a = world.user("agent_a", role="service_agent", projects=[world.project_a])

    names = [u["username"] for u in client_for(agent_a).get("/api/v1/consultants/").json()]
    assert names == ["sales_a"]
    assert client_for(agent_a).get(f"/api/v1/consultants/?project={world.project_b.id}").json() == []
    everyone = [u["username"] for u in client_for(world.admin).get("/api/v1/consultants/").json()]
    assert sorted(everyone) == ["sales_a", "sales_b"]
    only_b = client_for(world.admin).get(f"/api/v1/consultants/?project={world.project_b.id}").json()
    assert [u["id"] for u in only_b] == [in_b.id]
    assert in_a.id not in [u["id"] for u in only_b]


@pytest.mark.django_db
def test_one_project_of_the_scope(world: World, client_for: Any) -> None:
    admin = client_for(world.admin)
    assert admin.get(f"/api/v1/dashboard/?project={world.project_b.id}").json()["customers"]["total"] == 1
    assert admin.get("/api/v1/dashboard/").json()["customers"]["total"] == 2
    agent_a = world.user("agent_a", role="service_agent", projects=[world.project_a])
    other = client_for(agent_a).get(f"/api/v1/dashboard/?project={world.project_b.id}")
    assert other.status_code == 404
    bad = client_for(agent_a, language="en").get("/api/v1/dashboard/?project=abc")
    assert bad.status_code == 400
    assert bad.json()["fields"]["project"] == ["Give the project as its numeric id."]


@pytest.mark.django_db
def test_work_order_figures(world: World, client_for: Any) -> None:
    from anju.workorders.models import Category
    from anju.workorders.services.orders import create_work_order

    agent = world.user("agent_wo", role="service_agent", projects=[world.project_a])
    category = Category.objects.get(code="water_supply")
    for _ in range(2):
        create_work_order(actor=agent, type="repair", unit=world.unit_a, category=category, description="漏水")
    figures = client_for(agent).get("/api/v1/dashboard/").json()["work_orders"]
    assert figures == {"pending_dispatch": 2, "open": 0, "mine_open": 0, "created_today": 2, "completed_today": 0}
    other = world.user("agent_wo_b", role="service_agent", projects=[world.project_b])
    assert client_for(other).get("/api/v1/dashboard/").json()["work_orders"]["pending_dispatch"] == 0


def test_given_sections_when_the_home_figures_are_asked_then_only_those_are_computed(world: Any, client_for: Any) -> None:
    """The web home asks only for what it draws besides the tiles: the others are null and run no query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = client_for(world.admin)
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/dashboard/", {"sections": "units"}).json()
    assert body["units"] is not None
    assert body["customers"] is None and body["work_orders"] is None and body["follow_ups_due"] is None
    assert not any("workorders_workorder" in q["sql"] for q in queries.captured_queries)
    full = api.get("/api/v1/dashboard/").json()
    assert full["customers"] is not None and full["work_orders"] is not None
    for language, words in (("zh-hans", "units"), ("en", "units")):
        bad = client_for(world.admin, language=language).get("/api/v1/dashboard/", {"sections": "units,bogus"})
        assert bad.status_code == 400 and words in bad.json()["fields"]["sections"][0]
