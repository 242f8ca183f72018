"""Work-order API: create (idempotent), detail with allowed_actions, personas, bad input, files, concurrency."""

from __future__ import annotations

import io
import threading
from typing import Any

import pytest
from django.db import close_old_connections, connection
from PIL import Image

from anju.workorders.models import Attachment, WorkOrder
from anju.workorders.services import transitions

pytestmark = pytest.mark.django_db


def _body(desk: Any, **extra: Any) -> dict[str, Any]:
    body = {
        "type": "repair",
        "unit": desk.world.unit_a.id,
        "customer": desk.world.customer_a.id,
        "category": desk.water.id,
        "priority": "high",
        "description": "卫生间水管漏水",
        "contact_phone": "13800138000",
    }
    body.update(extra)
    return body


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (200, 30, 30)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "leak.png"
    return buffer


def test_create_returns_the_detail_with_masked_phone_and_actions(desk: Any, client_for: Any) -> None:
    response = client_for(desk.agent).post("/api/v1/work-orders/", _body(desk), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("BX")
    assert body["contact_phone"] == "138****8000"
    assert body["status"] == "pending_dispatch"
    assert body["building"] == desk.world.building_a.id and body["project"] == desk.world.project_a.id
    assert [a["action"] for a in body["allowed_actions"]] == ["cancel"]  # an agent may not dispatch
    assert body["allowed_actions"][0] == {
        "action": "cancel",
        "label": "取消工单",
        "needs_reason": True,
        "confirm": False,
        "tone": "danger",
    }
    assert body["warranty_item"] == "electrical_plumbing"
    supervisor_view = client_for(desk.supervisor).get(f"/api/v1/work-orders/{body['id']}/").json()
    assert [a["action"] for a in supervisor_view["allowed_actions"]] == ["dispatch", "cancel"]


def test_idempotency_key_replays_and_refuses_a_different_body(desk: Any, client_for: Any) -> None:
    client = client_for(desk.agent)
    first = client.post("/api/v1/work-orders/", _body(desk), format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    again = client.post("/api/v1/work-orders/", _body(desk), format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert WorkOrder.objects.count() == 1
    other = client.post("/api/v1/work-orders/", _body(desk, description="不同内容"), format="json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency.key_reused"
    assert WorkOrder.objects.count() == 1


def test_the_create_transaction_only_writes(desk: Any, client_for: Any) -> None:
    """Every read of a create (validation, warranty, SLA policy and calendar, service settings) runs before its
    transaction: inside it (on SQLite, from BEGIN IMMEDIATE on) there are only writes, yet the clocks and the
    order's soonest due time are those the policy gives."""
    from django.contrib.contenttypes.models import ContentType

    from anju.customers.models import Customer
    from anju.properties.models import Unit
    from anju.sla.models import SlaClock

    client = client_for(desk.agent)
    # Django keeps content types for the life of the process: warm after a server's first request, as here.
    ContentType.objects.get_for_models(WorkOrder, Customer, Unit)
    depth = len(connection.atomic_blocks)
    inside: list[str] = []

    def spy(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if len(connection.atomic_blocks) > depth:
            inside.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        response = client.post("/api/v1/work-orders/", _body(desk), format="json", HTTP_IDEMPOTENCY_KEY="tx-1")
    assert response.status_code == 201, response.content
    reads = [sql for sql in inside if sql.lstrip().upper().startswith("SELECT")]
    # MySQL/MariaDB has no UPDATE … RETURNING: the number counter is read back after its increment (core.numbering)
    if connection.vendor == "mysql":
        reads = [sql for sql in reads if "core_numbersequence" not in sql]
    assert reads == []
    assert any("core_idempotencyrecord" in sql for sql in inside)
    # Only the writes themselves: no savepoints (the nested blocks share the one transaction) and no UPDATE (the
    # soonest due time goes into the order's INSERT) — the number, the order, its clocks, the event and its links,
    # the idempotency record.
    statements = [sql.lstrip().split()[0].upper() for sql in inside if not sql.lstrip().upper().startswith("SELECT")]
    assert "SAVEPOINT" not in statements and "UPDATE" not in statements
    assert statements.count("INSERT") == 6, inside
    order = WorkOrder.objects.get(pk=response.json()["id"])
    clocks = list(SlaClock.objects.filter(work_order=order))
    assert clocks, "the default policy starts clocks"
    assert {c.started_at for c in clocks} == {order.created_at}
    assert order.sla_due_at == min(c.due_at for c in clocks)
    assert response.json()["sla_due_at"] is not None


@pytest.mark.parametrize(
    ("language", "field", "message"),
    [("zh-hans", "description", "该字段是必填项。"), ("en", "description", "This field is required.")],
)
def test_bad_input_is_a_400_with_field_errors_and_writes_nothing(
    desk: Any, client_for: Any, language: str, field: str, message: str
) -> None:
    body = _body(desk)
    del body["description"]
    body["priority"] = "whenever"
    response = client_for(desk.agent, language=language).post("/api/v1/work-orders/", body, format="json")
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields[field] == [message]
    assert "priority" in fields
    assert WorkOrder.objects.count() == 0


def test_a_unit_of_another_project_is_a_400(desk: Any, client_for: Any) -> None:
    response = client_for(desk.agent).post("/api/v1/work-orders/", _body(desk, unit=desk.world.unit_b.id), format="json")
    assert response.status_code == 400
    assert "unit" in response.json()["fields"]


def test_a_technician_sees_only_its_own_orders(desk: Any, client_for: Any) -> None:
    mine = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    other = desk.repair()
    tech = client_for(desk.plumber_user)
    ids = [row["id"] for row in tech.get("/api/v1/work-orders/").json()["results"]]
    assert ids == [mine.id]
    assert tech.get(f"/api/v1/work-orders/{other.id}/").status_code == 404
    detail = tech.get(f"/api/v1/work-orders/{mine.id}/").json()
    assert [a["action"] for a in detail["allowed_actions"]] == ["accept", "return"]


def test_agent2_sees_nothing_of_project_one(desk: Any, client_for: Any) -> None:
    order = desk.repair()
    agent2 = desk.world.user("agent2", role="service_agent", projects=[desk.world.project_b])
    client = client_for(agent2)
    assert client.get("/api/v1/work-orders/").json()["count"] == 0
    assert client.get(f"/api/v1/work-orders/{order.id}/").status_code == 404
    assert client.get(f"/api/v1/work-orders/?q={order.number}").json()["count"] == 0


def test_list_filters(desk: Any, client_for: Any) -> None:
    leak = desk.repair(category=desk.bathroom, priority="urgent")
    desk.repair()
    desk.repair(type="suggestion", category=None, description="建议增加充电桩")
    client = client_for(desk.supervisor)

    def ids(query: str) -> list[int]:
        response = client.get(f"/api/v1/work-orders/?{query}")
        assert response.status_code == 200, response.content
        return [row["id"] for row in response.json()["results"]]

    assert ids("priority=urgent") == [leak.id]
    assert len(ids("type=repair")) == 2
    assert len(ids("type=repair,suggestion")) == 3
    assert ids(f"category={desk.bathroom.parent_id}") == [leak.id]
    assert len(ids("in_warranty=true")) == WorkOrder.objects.filter(in_warranty=True).count()
    assert ids(f"q={leak.number}") == [leak.id]
    assert client.get("/api/v1/work-orders/?status=nope").status_code == 400
    assert client.get("/api/v1/work-orders/?created_from=2026-13-01").status_code == 400


def test_dispatch_with_a_suggestion_and_the_actions_follow(desk: Any, client_for: Any) -> None:
    order = desk.repair(priority="urgent")
    supervisor = client_for(desk.supervisor)
    suggestions = supervisor.get(f"/api/v1/work-orders/{order.id}/dispatch-suggestions/").json()
    assert suggestions[0]["name"] == "plumber" and suggestions[0]["eligible"]
    response = supervisor.post(
        f"/api/v1/work-orders/{order.id}/dispatch/",
        {"technician": suggestions[0]["technician"], "version": order.version},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["assignee_name"] == "plumber"
    tech = client_for(desk.plumber_user)
    accepted = tech.post(f"/api/v1/work-orders/{order.id}/accept/", {"version": response.json()["version"]}, format="json")
    assert accepted.json()["status"] == "accepted"
    # the version may come as an If-Match header instead of in the body
    started = tech.post(
        f"/api/v1/work-orders/{order.id}/start/", {}, format="json", HTTP_IF_MATCH=f'W/"{accepted.json()["version"]}"'
    )
    assert started.json()["status"] == "in_progress"
    done = tech.post(
        f"/api/v1/work-orders/{order.id}/complete/",
        {
            "version": started.json()["version"],
            "work_done": "更换水管接头",
            "owner_confirmed_name": "张三",
            "lines": [{"kind": "material", "name": "接头", "quantity": "1", "unit": "个", "unit_price": "12.50"}],
        },
        format="json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "completed"
    assert done.json()["cost_lines"][0]["amount"] == "12.50"


def test_two_people_acting_at_once_one_wins_the_other_gets_409(desk: Any, client_for: Any) -> None:
    order = desk.repair()
    first = client_for(desk.supervisor).post(
        f"/api/v1/work-orders/{order.id}/dispatch/", {"technician": desk.plumber.id, "version": 1}, format="json"
    )
    second = client_for(desk.supervisor).post(
        f"/api/v1/work-orders/{order.id}/cancel/", {"reason": "重复报修", "version": 1}, format="json"
    )
    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["code"] == "record.version_conflict"


def test_files_are_checked_stored_privately_and_served_only_in_scope(
    desk: Any, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    order = desk.repair()
    client = client_for(desk.agent)
    ok = client.post(f"/api/v1/work-orders/{order.id}/attachments/", {"file": _png()}, format="multipart")
    assert ok.status_code == 201, ok.content
    body = ok.json()
    assert body["thumbnail_url"]
    stored = Attachment.objects.get(pk=body["id"])
    assert "leak" not in stored.file.name and stored.file.name.endswith(".png")
    download = client.get(body["url"])
    assert download.status_code == 200 and download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert client.get(body["thumbnail_url"]).status_code == 200

    fake = io.BytesIO(b"MZ\x90\x00 this is not a picture")
    fake.name = "photo.png"
    refused = client.post(f"/api/v1/work-orders/{order.id}/attachments/", {"file": fake}, format="multipart")
    assert refused.status_code == 400
    assert refused.json()["code"] == "file.content_mismatch"
    exe = io.BytesIO(b"%PDF-1.4 but named exe")
    exe.name = "tool.exe"
    assert client.post(f"/api/v1/work-orders/{order.id}/attachments/", {"file": exe}, format="multipart").status_code == 400

    outsider = desk.world.user("outsider", role="service_agent", projects=[desk.world.project_b])
    assert client_for(outsider).get(body["url"]).status_code == 404
    assert Attachment.objects.count() == 1


def test_files_over_the_limits_are_refused(desk: Any, client_for: Any, settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_BYTES = 1000
    order = desk.repair()
    response = client_for(desk.agent).post(f"/api/v1/work-orders/{order.id}/attachments/", {"file": _png()}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "file.too_large"


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_one_wins(desk: Any) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers with IMMEDIATE transactions; the row-lock race is tested on PostgreSQL/MariaDB")
    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(), technician=desk.plumber)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)
    lock = threading.Lock()

    def act(step: Any, **kwargs: Any) -> None:
        try:
            barrier.wait()
            step(actor=desk.plumber_user, order=order, **kwargs)
            result = "ok"
        except Exception as exc:  # noqa: BLE001
            result = getattr(exc, "code", repr(exc))
        finally:
            close_old_connections()
            connection.close()
        with lock:
            outcomes.append(result)

    # The same order accepted twice at once (two taps, two devices): the row lock lets one through.
    threads = [threading.Thread(target=act, args=(transitions.accept,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "workorder.transition_not_allowed"]


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_get_distinct_numbers(desk: Any) -> None:
    threads, per_thread = (4, 10) if connection.vendor == "sqlite" else (8, 25)
    numbers: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait()
            for _ in range(per_thread):
                number = desk.repair().number
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # noqa: BLE001
            with lock:
                errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert errors == []
    assert len(set(numbers)) == threads * per_thread
    ordered = list(WorkOrder.objects.order_by("id").values_list("number", flat=True))
    assert ordered == sorted(ordered)


def test_list_queries_do_not_grow_with_page_size(desk: Any, client_for: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(14):  # more than either page: both pages count the rest (a last page needs no count)
        desk.repair()
    client = client_for(desk.supervisor)
    client.get("/api/v1/work-orders/?page_size=1")  # warm the user's permission cache
    counts = []
    for size in (2, 12):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/work-orders/?page_size={size}")
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_an_action_without_the_version_read_is_refused(desk: Any, client_for: Any) -> None:
    """Given an order, when an action comes with no version (body or If-Match) or a malformed If-Match,
    then it is a 400 naming ``version`` and the order is unchanged; a stale If-Match is a 409."""
    order = desk.repair()
    client = client_for(desk.supervisor, language="en")
    missing = client.post(f"/api/v1/work-orders/{order.id}/cancel/", {"reason": "重复"}, format="json")
    assert missing.status_code == 400 and list(missing.json()["fields"]) == ["version"]
    odd = client.post(f"/api/v1/work-orders/{order.id}/cancel/", {"reason": "重复"}, format="json", HTTP_IF_MATCH="*")
    assert odd.status_code == 400 and "version" in odd.json()["fields"]
    stale = client.post(f"/api/v1/work-orders/{order.id}/cancel/", {"reason": "重复"}, format="json", HTTP_IF_MATCH='"7"')
    assert stale.status_code == 409
    order.refresh_from_db()
    assert order.status == "pending_dispatch"


def test_priority_ordering_is_urgent_high_normal_low(desk, client_for):
    from anju.workorders.models import WorkOrder

    for priority in ("low", "urgent", "normal", "high"):
        order = desk.repair(description=f"{priority} 工单")
        WorkOrder.objects.filter(pk=order.pk).update(priority=priority)
    rows = client_for(desk.supervisor).get("/api/v1/work-orders/", {"ordering": "priority"}).json()["results"]
    assert [r["priority"] for r in rows] == ["urgent", "high", "normal", "low"]


def test_number_ordering_and_unknown_orderings_are_refused(desk, client_for):
    first, second = desk.repair(description="甲"), desk.repair(description="乙")
    client = client_for(desk.supervisor)
    numbers = [r["number"] for r in client.get("/api/v1/work-orders/", {"ordering": "number"}).json()["results"]]
    assert numbers == sorted(numbers) and {first.number, second.number} <= set(numbers)
    down = [r["number"] for r in client.get("/api/v1/work-orders/", {"ordering": "-number"}).json()["results"]]
    assert down == sorted(numbers, reverse=True)
    for bad in ("customer__id_number_index", "-sla_due_at", "contact_mobile"):
        response = client_for(desk.supervisor, language="en").get("/api/v1/work-orders/", {"ordering": bad})
        assert response.status_code == 400 and "ordering" in response.json()["fields"]


def test_a_paid_repair_at_zero_is_a_400_on_free_reason_in_chinese_and_english(desk: Any, client_for: Any) -> None:
    import datetime

    from anju.workorders.services import transitions

    desk.world.unit_a.delivery_date = datetime.date(2020, 6, 30)
    desk.world.unit_a.save()
    order = desk.repair()
    order = transitions.dispatch(actor=desk.supervisor, order=order, technician=desk.plumber)
    order = transitions.accept(actor=desk.plumber_user, order=order)
    order = transitions.start(actor=desk.plumber_user, order=order)
    body = {"version": order.version, "work_done": "紧固接头", "owner_confirmed_name": "张三", "lines": []}
    zh = client_for(desk.plumber_user).post(f"/api/v1/work-orders/{order.id}/complete/", body, format="json")
    assert zh.status_code == 400 and list(zh.json()["fields"]) == ["free_reason"]
    assert "免费" in zh.json()["fields"]["free_reason"][0]
    en = client_for(desk.plumber_user, language="en").post(f"/api/v1/work-orders/{order.id}/complete/", body, format="json")
    assert en.status_code == 400 and "free" in en.json()["fields"]["free_reason"][0]
    detail = client_for(desk.plumber_user).get(f"/api/v1/work-orders/{order.id}/").json()
    assert (detail["status"], detail["responsible_party"], detail["cost_lines"]) == ("in_progress", "owner", [])
    done = client_for(desk.plumber_user).post(
        f"/api/v1/work-orders/{order.id}/complete/", {**body, "free_reason": "免费：保修期刚过一周，经理批准"}, format="json"
    )
    assert done.status_code == 200, done.content
    assert (done.json()["charge_amount"], done.json()["free_reason"]) == ("0.00", "免费：保修期刚过一周，经理批准")
