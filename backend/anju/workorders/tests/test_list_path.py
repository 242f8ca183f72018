"""The open-orders list's hot path: plain rows equal to the serializer's, a page read one row ahead (no COUNT when
the page is the last), one project as one equality, and the index the page walks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.workorders.api.serializers import WorkOrderDetailSerializer, WorkOrderSerializer, detail_row, list_row
from anju.workorders.models import WorkOrder
from anju.workorders.selectors import list_values, list_work_orders, order_values, values_with_stages

UNFINISHED = "pending_dispatch,dispatched,accepted,in_progress,on_hold"


def _counts(queries: Any) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT")]


def test_a_plain_row_is_what_the_serializer_gives(desk: Any, world: Any) -> None:
    """Given orders of every shape (unit or only a building, a customer or none, assigned or not, with an
    appointment and an SLA target or not, a phone or none), then ``list_row`` equals ``WorkOrderSerializer``."""
    from anju.workorders.services import transitions

    plain = desk.repair()
    start = timezone.now() + datetime.timedelta(days=1)
    booked = desk.repair(
        title="约好了",
        contact_name="王五",
        contact_phone="13912345678",
        appointment_start=start,
        appointment_end=start + datetime.timedelta(hours=2),
        priority="urgent",
    )
    transitions.dispatch(actor=desk.supervisor, order=booked, action="dispatch", technician=desk.plumber)
    bare = desk.repair(unit=None, building=world.building_a, customer=None, contact_phone="")
    WorkOrder.objects.filter(pk=bare.pk).update(sla_due_at=timezone.now())
    complaintish = desk.repair(type="consultation", category=None, description="咨询")
    queryset = list_work_orders(actor=desk.supervisor).filter(pk__in=[plain.pk, booked.pk, bare.pk, complaintish.pk])
    rows = list(queryset)
    values = {row["id"]: row for row in values_with_stages(list(list_values(queryset)))}
    assert len(rows) == 4
    for order in rows:
        assert list_row(values[order.pk]) == dict(WorkOrderSerializer(order).data)
        assert list_row(order_values(order)) == dict(WorkOrderSerializer(order).data)
    assert {row.assignee_id for row in rows} == {None, desk.plumber_user.pk}


def test_a_plain_follow_up_is_what_the_serializer_gives(desk: Any) -> None:
    """Given follow-ups with and without a next step, by an author with and without a display name, when they are
    read as the detail screen reads them, then ``follow_up_row`` equals ``WorkOrderFollowUpSerializer``."""
    from anju.accounts.models import User
    from anju.workorders.api.serializers import WorkOrderFollowUpSerializer, follow_up_row
    from anju.workorders.services.orders import add_follow_up

    order = desk.repair()
    add_follow_up(actor=desk.supervisor, order=order, method="phone", content="已联系业主", next_step="明早上门")
    User.objects.filter(pk=desk.agent.pk).update(display_name="")
    add_follow_up(actor=User.objects.get(pk=desk.agent.pk), order=order, method="visit", content="上门查看")
    rows = list(order.follow_ups.select_related("author"))
    assert len(rows) == 2
    for row in rows:
        assert follow_up_row(row) == dict(WorkOrderFollowUpSerializer(row).data)


def test_a_plain_detail_is_what_the_detail_serializer_gives(desk: Any, world: Any) -> None:
    """Given a fresh order, a completed paid-or-not repair with cost lines, a photo and a closed one, when each is
    read through the detail selector, then ``detail_row`` equals ``WorkOrderDetailSerializer`` field for field."""
    import io
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from anju.workorders.selectors import work_order_details
    from anju.workorders.services import files, transitions
    from anju.workorders.workflow import WORKFLOW

    fresh = desk.repair()
    done = desk.repair(title="换角阀")
    done = transitions.dispatch(actor=desk.supervisor, order=done, technician=desk.plumber)
    done = transitions.accept(actor=desk.plumber_user, order=done)
    done = transitions.start(actor=desk.plumber_user, order=done)
    lines = [
        {"kind": "labour", "name": "人工", "quantity": Decimal("1"), "unit": "次", "unit_price": Decimal("80")},
        {"kind": "material", "name": "角阀", "quantity": Decimal("2.5"), "unit": "个", "unit_price": Decimal("35.5")},
    ]
    done = transitions.complete(actor=desk.plumber_user, order=done, work_done="更换", lines=lines, owner_confirmed_name="张三")
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    files.attach(actor=desk.plumber_user, order=done, upload=SimpleUploadedFile("现场.png", buffer.getvalue()), stage="after")
    closed = transitions.close(actor=desk.agent, order=transitions.verify(actor=desk.agent, order=done))
    bare = desk.repair(unit=None, building=world.building_a, customer=None, contact_phone="")
    rows = list(work_order_details(actor=desk.supervisor).filter(pk__in=[fresh.pk, closed.pk, bare.pk]))
    assert len(rows) == 3
    for order in rows:
        allowed = WORKFLOW.allowed_actions(order, desk.supervisor)
        expected = dict(WorkOrderDetailSerializer(order, context={"allowed_actions": allowed}).data)
        assert detail_row(order, allowed) == expected
    shown = next(detail_row(o, []) for o in rows if o.pk == closed.pk)
    assert [line["amount"] for line in shown["cost_lines"]] == ["80.00", "88.75"]
    assert len(shown["attachments"]) == 1 and shown["attachments"][0]["thumbnail_url"]


def test_the_list_answers_the_serializers_rows(desk: Any, client_for: Any) -> None:
    orders = [desk.repair(description=f"第{n}单") for n in range(3)]
    response = client_for(desk.supervisor).get("/api/v1/work-orders/")
    assert response.status_code == 200
    expected = [dict(WorkOrderSerializer(o).data) for o in list_work_orders(actor=desk.supervisor)]
    assert response.json()["results"] == expected
    assert [row["id"] for row in response.json()["results"]] == [o.pk for o in reversed(orders)]


def test_a_page_that_ends_the_list_needs_no_count(desk: Any, client_for: Any) -> None:
    """Given 5 orders, a first page of 10 and a last page of 2 are counted from the rows read (no COUNT); a full
    page with more after it counts, and says where the next page is."""
    for n in range(5):
        desk.repair(description=f"第{n}单")
    client = client_for(desk.supervisor)
    client.get("/api/v1/work-orders/")  # warm
    with CaptureQueriesContext(connection) as queries:
        whole = client.get("/api/v1/work-orders/?page_size=10").json()
    assert (whole["count"], whole["next"], len(whole["results"])) == (5, None, 5) and not _counts(queries)
    with CaptureQueriesContext(connection) as queries:
        first = client.get("/api/v1/work-orders/?page_size=2").json()
    assert first["count"] == 5 and first["count_capped"] is False and "page=2" in first["next"]
    assert first["previous"] is None and len(_counts(queries)) == 1
    with CaptureQueriesContext(connection) as queries:
        last = client.get("/api/v1/work-orders/?page_size=2&page=3").json()
    assert (last["count"], last["next"], len(last["results"])) == (5, None, 1) and not _counts(queries)
    assert "page=2" in last["previous"]
    exact = client.get("/api/v1/work-orders/?page_size=5").json()  # a full page that is also the last
    assert (exact["count"], exact["next"]) == (5, None)
    assert client.get("/api/v1/work-orders/?page_size=2&page=4").status_code == 404
    assert client.get("/api/v1/work-orders/?page_size=2&page=0").status_code == 404
    assert client.get("/api/v1/work-orders/?page_size=2&page=x").status_code == 404
    assert client.get("/api/v1/work-orders/?page_size=2&page=last").json()["results"] == last["results"]
    empty = client.get("/api/v1/work-orders/?status=closed").json()
    assert (empty["count"], empty["results"], empty["next"]) == (0, [], None)


def test_pages_beyond_the_capped_count_answer_as_before(desk: Any, client_for: Any, monkeypatch: Any) -> None:
    """With a cap of 3 (10,000 in production): 5 orders count as 3 (capped); page 2 of 2 is the last page the count
    admits (no next), page 3 is a 404 - exactly what the counting paginator answered."""
    from anju.core import pagination

    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)
    for n in range(5):
        desk.repair(description=f"第{n}单")
    client = client_for(desk.supervisor)
    first = client.get("/api/v1/work-orders/?page_size=2").json()
    assert (first["count"], first["count_capped"]) == (3, True) and first["next"]
    second = client.get("/api/v1/work-orders/?page_size=2&page=2").json()
    assert second["next"] is None and len(second["results"]) == 2
    assert client.get("/api/v1/work-orders/?page_size=2&page=3").status_code == 404


def test_a_keyword_search_counts_to_its_own_lower_cap(desk: Any, client_for: Any, monkeypatch: Any) -> None:
    """Given 5 orders that all mention 漏水 and a search cap of 3 (1,000 in production; 10,000 for lists), when the
    list is searched, then it counts 3 (capped) and stops paging there; without the keyword the same list counts 5."""
    from anju.workorders.api import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 3)
    for n in range(5):
        desk.repair(description=f"卫生间漏水第{n}次")
    client = client_for(desk.supervisor)
    found = client.get("/api/v1/work-orders/?q=漏水&page_size=2").json()
    assert (found["count"], found["count_capped"], len(found["results"])) == (3, True, 2)
    assert client.get("/api/v1/work-orders/?q=漏水&page_size=2&page=2").json()["next"] is None
    assert client.get("/api/v1/work-orders/?q=漏水&page_size=2&page=3").status_code == 404
    listed = client.get("/api/v1/work-orders/?page_size=2").json()
    assert (listed["count"], listed["count_capped"]) == (5, False)


def test_one_project_is_one_equality(desk: Any, world: Any) -> None:
    """The list of one project filters ``project_id = p`` only (not the caller's projects AND p), and a project the
    caller does not see gives nothing."""
    desk.repair()
    sql = str(list_work_orders(actor=desk.supervisor, project=world.project_a.pk).query)
    assert "IN (" not in sql.split("ORDER BY", maxsplit=1)[0]
    assert list_work_orders(actor=desk.supervisor, project=world.project_b.pk).count() == 0
    assert list_work_orders(actor=desk.supervisor, project=world.project_a.pk).count() == 1


def test_the_project_parameter_is_still_validated(desk: Any, client_for: Any) -> None:
    client = client_for(desk.supervisor, language="en")
    bad = client.get("/api/v1/work-orders/?project=abc")
    assert bad.status_code == 400 and "project" in bad.json()["fields"]
    assert client.get("/api/v1/work-orders/?project=99999").json()["count"] == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_sqlite_walks_the_project_index_newest_first(desk: Any, world: Any) -> None:
    from anju.workorders.api.filters import WorkOrderFilter

    desk.repair()
    queryset = list_work_orders(actor=desk.supervisor, project=world.project_a.pk)
    queryset = WorkOrderFilter({"status": UNFINISHED, "project": str(world.project_a.pk)}, queryset=queryset).qs[:26]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "wo_project_created" in plan and "TEMP B-TREE" not in plan, plan


def test_a_technicians_history_shows_the_lists_rows(desk: Any, client_for: Any) -> None:
    """Given one order dispatched to the plumber and one not, when the supervisor reads the plumber's history, then it
    holds that order alone, as the same row the work-order list gives (the list's plain-value path)."""
    from anju.workorders.services import transitions

    theirs = desk.repair(description="水管爆裂")
    desk.repair(description="没派单")
    transitions.dispatch(actor=desk.supervisor, order=theirs, action="dispatch", technician=desk.plumber)
    client = client_for(desk.supervisor)
    history = client.get(f"/api/v1/technicians/{desk.plumber.pk}/history/").json()
    listed = {row["id"]: row for row in client.get("/api/v1/work-orders/").json()["results"]}
    assert [row["id"] for row in history["results"]] == [theirs.pk]
    assert history["results"][0] == listed[theirs.pk]


def test_one_projects_statuses_are_counted_from_the_tally(desk: Any, world: Any, client_for: Any) -> None:
    """Given orders in several statuses of two projects, when a desk reader lists one project's orders in some
    statuses (the list agents keep open), then the total is the status tally's — no COUNT — and equals the rows'
    count; with any other filter, or for a technician (their own orders only), the rows are counted as before."""
    from anju.workorders.services import transitions

    orders = [desk.repair(description=f"第{n}单") for n in range(6)]
    for order in orders[:3]:
        transitions.dispatch(actor=desk.supervisor, order=order, action="dispatch", technician=desk.plumber)
    desk.repair(description="别的项目", unit=world.unit_b, customer=world.customer_b, actor=world.admin)  # project b
    wide = world.user("wide_supervisor", role="service_supervisor", projects=[world.project_a, world.project_b])
    cases = [
        (desk.supervisor, f"project={world.project_a.pk}&status={UNFINISHED}", 6, False),
        (desk.supervisor, f"project={world.project_a.pk}&status=dispatched", 3, False),
        (desk.supervisor, f"project={world.project_a.pk}&status=pending_dispatch&status=dispatched", 6, False),
        (desk.supervisor, f"project={world.project_a.pk}&status=closed", 0, False),
        (wide, f"project={world.project_b.pk}&status={UNFINISHED}", 1, False),
        (desk.supervisor, f"project={world.project_b.pk}&status={UNFINISHED}", 0, False),  # not theirs: nothing
        (desk.supervisor, f"project={world.project_a.pk}&status={UNFINISHED}&priority=normal", 6, True),
        (desk.supervisor, f"status={UNFINISHED}", 6, True),
        (desk.plumber_user, f"project={world.project_a.pk}&status={UNFINISHED}", 3, True),  # assigned to them
    ]
    for actor, query, expected, counted in cases:
        client = client_for(actor)
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(f"/api/v1/work-orders/?{query}&page_size=1")
        assert answer.status_code == 200, (query, answer.json())
        body = answer.json()
        assert body["count"] == expected, (actor.username, query, body["count"])
        assert bool(_counts(queries)) is (counted and expected > 1), (actor.username, query)
        tallied = any("workorders_workordertally" in q["sql"] for q in queries.captured_queries)
        assert tallied is not counted or expected == 0, (actor.username, query)


def test_the_tallied_total_pages_as_the_counted_one(desk: Any, client_for: Any, monkeypatch: Any) -> None:
    """The tally's total goes through the same cap and pages as a COUNT: with a cap of 3, five open orders read as
    3 (capped), page 2 ends the list, page 3 is a 404."""
    from anju.core import pagination

    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)
    for n in range(5):
        desk.repair(description=f"第{n}单")
    client = client_for(desk.supervisor)
    query = f"/api/v1/work-orders/?project={desk.world.project_a.pk}&status={UNFINISHED}&page_size=2"
    first = client.get(query).json()
    assert (first["count"], first["count_capped"]) == (3, True) and first["next"]
    assert client.get(f"{query}&page=2").json()["next"] is None
    assert client.get(f"{query}&page=3").status_code == 404


def test_one_projects_page_is_what_the_filtered_list_answers(desk: Any, world: Any, client_for: Any, monkeypatch: Any):
    """The page of ``?project=&status=`` read by a statement compiled once (``selectors.project_page``) answers what
    the filter set's path answers, for every status set, sort, page and page size, for each kind of reader — and a
    reader who does not see the project whole never gets it."""
    from anju.workorders.api.views import WorkOrderViewSet
    from anju.workorders.services import transitions

    orders = [desk.repair(description=f"第{n}单", priority=("urgent", "normal", "low")[n % 3]) for n in range(7)]
    for order in orders[:3]:
        transitions.dispatch(actor=desk.supervisor, order=order, action="dispatch", technician=desk.plumber)
    WorkOrder.objects.filter(pk=orders[4].pk).update(sla_due_at=timezone.now())
    desk.repair(description="别的项目", unit=world.unit_b, customer=world.customer_b, actor=world.admin)
    wide = world.user("wide_reader", role="service_supervisor", projects=[world.project_a, world.project_b])
    a, b = world.project_a.pk, world.project_b.pk
    queries = [
        f"project={a}&status={UNFINISHED}",
        f"project={a}&status=dispatched&page_size=2&page=2",
        f"project={a}&status=pending_dispatch&status=dispatched&ordering=priority&page_size=3",
        f"project={a}&status={UNFINISHED}&ordering=sla_due_at&page_size=4&page=2",
        f"project={a}&status={UNFINISHED}&ordering=number&page_size=2&page=last",
        f"project={a}&status=closed",
        f"project={b}&status={UNFINISHED}",
        f"project={a}&status={UNFINISHED}&page=9",
        f"project={a}&status={UNFINISHED}&ordering=bogus",
        f"project={a}&status=%20pending_dispatch",  # not a status (the filter set does not trim): 400 for everyone
        f"project={a}&status=dispatched%20",
        f"project={a}&status=dispatched,%20pending_dispatch",
        f"project={a}&status=dispatched,,pending_dispatch",
    ]
    prepared: list[str] = []
    real = WorkOrderViewSet._prepared_page

    def noting(self: Any) -> Any:
        rows = real(self)
        if rows is not None:
            prepared.append(self.request.get_full_path())
        return rows

    for actor in (desk.supervisor, wide, desk.agent, desk.plumber_user):
        client = client_for(actor)
        for query in queries:
            monkeypatch.setattr(WorkOrderViewSet, "_prepared_page", noting)
            fast = client.get(f"/api/v1/work-orders/?{query}")
            monkeypatch.setattr(WorkOrderViewSet, "_prepared_page", lambda self: None)
            monkeypatch.setattr(WorkOrderViewSet, "_tallied_count", lambda self: None)
            filtered = client.get(f"/api/v1/work-orders/?{query}")
            monkeypatch.undo()
            assert fast.status_code == filtered.status_code, (actor.username, query)
            fast_body, filtered_body = fast.json(), filtered.json()
            fast_body.pop("request_id", None), filtered_body.pop("request_id", None)  # an error's own id
            assert fast_body == filtered_body, (actor.username, query)
    assert any(f"project={a}" in path for path in prepared) and any(f"project={b}" in path for path in prepared)
    assert not any("bogus" in path or "%20" in path for path in prepared)  # the filter set's 400
    answer = client_for(desk.supervisor).get(f"/api/v1/work-orders/?project={b}&status={UNFINISHED}").json()
    assert answer["count"] == 0 and answer["results"] == []  # not theirs


def test_one_projects_page_is_compiled_once(desk: Any, client_for: Any) -> None:
    from unittest import mock

    for n in range(3):
        desk.repair(description=f"第{n}单")
    client = client_for(desk.supervisor)
    query = f"/api/v1/work-orders/?project={desk.world.project_a.pk}&status={UNFINISHED}&page_size=2"
    first = client.get(query).json()
    with mock.patch("django.db.models.sql.compiler.SQLCompiler.as_sql", side_effect=AssertionError("compiled")):
        again = client.get(query).json()
    assert again == first and first["count"] == 3 and len(first["results"]) == 2
