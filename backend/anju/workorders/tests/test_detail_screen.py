"""The detail screen in one request: ``GET /work-orders/<id>/?include=follow_ups,timeline,sla`` answers the order
with what the screen's three other requests would answer."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from anju.workorders.services.orders import add_follow_up


def _busy_order(desk: Any) -> Any:
    order = desk.repair()
    for n in range(3):
        add_follow_up(actor=desk.agent, order=order, method="phone", content=f"第{n}次回访", next_step="")
    return order


def test_the_included_parts_equal_the_separate_endpoints(desk: Any, client_for: Any) -> None:
    order = _busy_order(desk)
    client = client_for(desk.supervisor)
    whole = client.get(f"/api/v1/work-orders/{order.pk}/?include=follow_ups,timeline,sla")
    assert whole.status_code == 200
    body = whole.json()
    included = body.pop("included")
    assert body == client.get(f"/api/v1/work-orders/{order.pk}/").json()
    assert included["follow_ups"] == client.get(f"/api/v1/work-orders/{order.pk}/follow-ups/").json()
    assert len(included["follow_ups"]) == 3
    timeline = client.get(f"/api/v1/work-orders/{order.pk}/timeline/?page_size=20").json()
    assert included["timeline"] == {
        "count": timeline["count"],
        "count_capped": timeline["count_capped"],
        "results": timeline["results"],
    }
    assert included["timeline"]["count"] >= 4  # created + three follow-ups
    clocks = client.get(f"/api/v1/sla/clocks/?work_order={order.pk}").json()
    assert included["sla"] == clocks and clocks


def test_without_include_the_answer_is_unchanged(desk: Any, client_for: Any) -> None:
    order = desk.repair()
    body = client_for(desk.supervisor).get(f"/api/v1/work-orders/{order.pk}/").json()
    assert "included" not in body and body["id"] == order.pk
    only = client_for(desk.supervisor).get(f"/api/v1/work-orders/{order.pk}/?include=sla").json()
    assert list(only["included"]) == ["sla"]
    nothing = client_for(desk.supervisor).get(f"/api/v1/work-orders/{order.pk}/?include=").json()
    assert nothing["included"] == {}


def test_an_unknown_part_is_a_400_naming_include(desk: Any, client_for: Any) -> None:
    order = desk.repair()
    for language, word in (("en", "Unknown parts"), ("zh-hans", "未知")):
        answer = client_for(desk.supervisor, language=language).get(f"/api/v1/work-orders/{order.pk}/?include=sla,bogus")
        assert answer.status_code == 400
        assert list(answer.json()["fields"]) == ["include"] and word in answer.json()["fields"]["include"][0]


def test_a_part_the_caller_may_not_see_is_left_out(desk: Any, world: Any, client_for: Any) -> None:
    order = desk.repair()
    reader = world.user(
        "reader", permissions=["workorders.view_workorder", "workorders.view_all_workorders"], projects=[world.project_a]
    )
    body = client_for(reader).get(f"/api/v1/work-orders/{order.pk}/?include=follow_ups,timeline,sla").json()
    assert sorted(body["included"]) == ["sla", "timeline"]


def test_scope_and_authentication_as_the_detail(desk: Any, world: Any, client_for: Any, anon: Any) -> None:
    order = desk.repair()
    url = f"/api/v1/work-orders/{order.pk}/?include=follow_ups,timeline,sla"
    assert anon.get(url).status_code == 401
    outsider = world.user("outsider", role="service_supervisor", projects=[world.project_b])
    assert client_for(outsider).get(url).status_code == 404
    nobody = world.user("nobody", permissions=[], projects=[world.project_a])
    assert client_for(nobody).get(url).status_code == 403


def test_the_screen_in_one_request_costs_fewer_queries_than_four(desk: Any, client_for: Any) -> None:
    order = _busy_order(desk)
    client = client_for(desk.supervisor)
    client.get(f"/api/v1/work-orders/{order.pk}/?include=follow_ups,timeline,sla")  # warm
    with CaptureQueriesContext(connection) as one:
        client.get(f"/api/v1/work-orders/{order.pk}/?include=follow_ups,timeline,sla")
    with CaptureQueriesContext(connection) as four:
        client.get(f"/api/v1/work-orders/{order.pk}/")
        client.get(f"/api/v1/work-orders/{order.pk}/follow-ups/")
        client.get(f"/api/v1/work-orders/{order.pk}/timeline/?page_size=20")
        client.get(f"/api/v1/sla/clocks/?work_order={order.pk}")
    assert len(one) < len(four)
