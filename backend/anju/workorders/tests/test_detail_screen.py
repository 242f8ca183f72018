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


def test_the_order_by_its_id_is_the_scoped_querysets_row(desk: Any, world: Any) -> None:
    """``selectors.visible_order`` (the detail endpoints' order, read by a statement compiled once) answers exactly
    ``work_order_details(actor).filter(pk=…)``: the same row with the same joined and annotated values, and nothing
    where the queryset has nothing — another project's order, someone else's order for a technician, an inactive or
    anonymous user, an id that does not exist or is out of any column's range."""
    from django.contrib.auth.models import AnonymousUser

    from anju.accounts.models import User
    from anju.workorders.selectors import visible_order, work_order_details
    from anju.workorders.services import transitions

    mine = desk.repair(description="派给水电工")
    transitions.dispatch(actor=desk.supervisor, order=mine, action="dispatch", technician=desk.plumber)
    others = desk.repair(description="没派")
    elsewhere = desk.repair(description="别的项目", unit=world.unit_b, customer=world.customer_b, actor=world.admin)
    complaint = desk.repair(type="complaint", category=None, description="投诉")
    wide = world.user("wide_detail", role="service_supervisor", projects=[world.project_a, world.project_b])
    gone = world.user("gone_detail", role="service_supervisor", projects=[world.project_a])
    User.objects.filter(pk=gone.pk).update(is_active=False)
    gone = User.objects.get(pk=gone.pk)
    readers = [desk.supervisor, desk.agent, wide, desk.plumber_user, desk.painter_user, world.admin, gone, AnonymousUser()]
    ids = [mine.pk, others.pk, elsewhere.pk, complaint.pk, 10**9, 2**63 + 5]
    fields = ["id", "number", "status", "version", "project_id", "assignee_id", "unit_id", "customer_id", "description"]
    seen = 0
    for actor in readers:
        for pk in ids:
            found = visible_order(actor=actor, pk=pk)
            expected = work_order_details(actor=actor).filter(pk=pk).first() if pk < 2**63 else None
            assert (found is None) == (expected is None), (getattr(actor, "username", "anonymous"), pk)
            if expected is None:
                continue
            seen += 1
            assert [getattr(found, f) for f in fields] == [getattr(expected, f) for f in fields]
            assert getattr(found, "complaint_stage", None) == getattr(expected, "complaint_stage", None)
            for related in ("project", "unit", "customer", "building", "category", "assignee", "created_by"):
                assert getattr(found, related) == getattr(expected, related)
    assert seen >= 8  # the supervisor, the wide reader and the admin see several; the plumber only his own
    assert visible_order(actor=desk.supervisor, pk=complaint.pk).complaint_stage == "received"  # type: ignore[union-attr]


def test_a_detail_endpoint_outside_the_scope_is_a_404(desk: Any, world: Any, client_for: Any) -> None:
    from anju.workorders.services import transitions

    order = desk.repair()
    transitions.dispatch(actor=desk.supervisor, order=order, action="dispatch", technician=desk.plumber)
    unassigned = desk.repair()
    elsewhere = desk.repair(unit=world.unit_b, customer=world.customer_b, actor=world.admin)
    painter = client_for(desk.painter_user)
    plumber = client_for(desk.plumber_user)
    for path in ("", "timeline/", "follow-ups/"):
        assert plumber.get(f"/api/v1/work-orders/{order.pk}/{path}").status_code == 200
        assert plumber.get(f"/api/v1/work-orders/{unassigned.pk}/{path}").status_code == 404
        assert painter.get(f"/api/v1/work-orders/{order.pk}/{path}").status_code == 404
        assert client_for(desk.supervisor).get(f"/api/v1/work-orders/{elsewhere.pk}/{path}").status_code == 404
    assert client_for(desk.supervisor).get("/api/v1/work-orders/99999999999999999999/").status_code == 404
