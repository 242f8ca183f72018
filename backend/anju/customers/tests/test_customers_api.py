"""Customers through the API: validation, duplicates, masking, reveal, search, import/export, timeline."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from anju.core.models import AccessLog
from anju.customers.models import Customer, CustomerMobile, FollowUp


def _body(world, **overrides):
    body = {"name": "王五", "mobiles": ["13700137000"], "id_number": "11010519491231002X", "projects": [world.project_a.id]}
    body.update(overrides)
    return body


def _agent(world, **kw):
    return world.user("agent", role="service_agent", projects=[world.project_a], **kw)


@pytest.mark.django_db
def test_create_customer_masks_personal_data(world, client_for) -> None:
    response = client_for(_agent(world)).post("/api/v1/customers/", _body(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("KH")
    assert body["mobiles"] == ["137****7000"]
    assert body["id_number"] == "110***********002X"
    assert "13700137000" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"id_number": "110105194912310021"}, "id_number"),
        ({"mobiles": ["12345678901"]}, "mobiles"),
        ({"name": "名" * 51}, "name"),
        ({"name": "a\x00b"}, "name"),
        ({"mobiles": []}, "mobiles"),
        ({"code": "KH999999"}, "code"),
        ({"version": 5}, "version"),
        ({"unknown_field": 1}, "unknown_field"),
        ({"projects": []}, "projects"),
        ({"gender": "robot"}, "gender"),
    ],
)
def test_bad_input_is_a_400_with_field_errors_and_nothing_written(world, client_for, overrides, field) -> None:
    before = Customer.objects.count()
    response = client_for(_agent(world)).post("/api/v1/customers/", _body(world, **overrides), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert Customer.objects.count() == before


@pytest.mark.django_db
def test_field_errors_come_in_chinese_and_english(world, client_for) -> None:
    agent = _agent(world)
    zh = client_for(agent).post("/api/v1/customers/", _body(world, id_number="110105194912310021"), format="json").json()
    en = (
        client_for(agent, language="en")
        .post("/api/v1/customers/", _body(world, id_number="110105194912310021"), format="json")
        .json()
    )
    assert zh["fields"]["id_number"] == ["身份证号码校验位错误。"]
    assert en["fields"]["id_number"] == ["The ID number's check digit is wrong."]


@pytest.mark.django_db
def test_duplicate_mobile_or_id_names_the_existing_customer(world, client_for) -> None:
    client = client_for(_agent(world))
    dup_mobile = client.post("/api/v1/customers/", _body(world, mobiles=["+86 138 0013 8000"]), format="json")
    assert dup_mobile.status_code == 400
    assert world.customer_a.code in dup_mobile.json()["fields"]["mobiles"][0]
    dup_id = client.post("/api/v1/customers/", _body(world, id_number="110101199003074477"), format="json")
    assert dup_id.status_code == 400
    assert world.customer_a.code in dup_id.json()["fields"]["id_number"][0]


@pytest.mark.django_db
def test_search_by_full_mobile_and_id_uses_post_body(world, client_for) -> None:
    client = client_for(_agent(world))
    by_mobile = client.post("/api/v1/customers/search/", {"mobile": "13800138000"}, format="json").json()
    assert [c["code"] for c in by_mobile["results"]] == [world.customer_a.code]
    by_id = client.post("/api/v1/customers/search/", {"id_number": "110101199003074477"}, format="json").json()
    assert [c["code"] for c in by_id["results"]] == [world.customer_a.code]
    # Project B's customer is outside the agent's scope even with the exact number.
    assert client.post("/api/v1/customers/search/", {"mobile": "13900139000"}, format="json").json()["count"] == 0
    by_name = client.get("/api/v1/customers/", {"q": "张"}).json()
    assert by_name["count"] == 1


@pytest.mark.django_db
def test_reveal_needs_purpose_and_writes_one_access_log_row(world, client_for) -> None:
    client = client_for(_agent(world))
    missing = client.post(f"/api/v1/customers/{world.customer_a.id}/reveal/", {}, format="json")
    assert missing.status_code == 400
    assert AccessLog.objects.count() == 0
    revealed = client.post(f"/api/v1/customers/{world.customer_a.id}/reveal/", {"purpose": "报修回电"}, format="json")
    assert revealed.json() == {"mobiles": ["13800138000"], "id_number": "110101199003074477", "email": ""}
    log = AccessLog.objects.get()
    assert (log.action, log.object_id, log.purpose, log.fields) == (
        "reveal",
        world.customer_a.id,
        "报修回电",
        ["email", "id_number", "mobiles"],
    )


@pytest.mark.django_db
def test_roles_without_reveal_get_no_clear_numbers_anywhere(world, client_for) -> None:
    finance = world.user("finance", role="finance", projects=[world.project_a])
    client = client_for(finance)
    texts = [
        client.get("/api/v1/customers/").content.decode(),
        client.get(f"/api/v1/customers/{world.customer_a.id}/").content.decode(),
        client.get(f"/api/v1/customers/{world.customer_a.id}/timeline/").content.decode(),
    ]
    export = client.get("/api/v1/customers/export/")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).active
    texts.append(repr(list(sheet.values)))
    for text in texts:
        assert "13800138000" not in text
        assert "110101199003074477" not in text
    assert client.get("/api/v1/customers/export/", {"include_pii": "true"}).status_code == 403
    assert client.post(f"/api/v1/customers/{world.customer_a.id}/reveal/", {"purpose": "x1"}, format="json").status_code == 403


@pytest.mark.django_db
def test_export_writes_one_access_log_row_and_clear_data_only_when_asked(world, client_for) -> None:
    supervisor = world.user("sup", role="service_supervisor", projects=[world.project_a])
    client = client_for(supervisor)
    masked = load_workbook(io.BytesIO(client.get("/api/v1/customers/export/").content)).active
    assert "138****8000" in repr(list(masked.values))
    clear = client.get("/api/v1/customers/export/", {"include_pii": "true", "purpose": "交付名单"})
    assert "13800138000" in repr(list(load_workbook(io.BytesIO(clear.content)).active.values))
    logs = list(AccessLog.objects.order_by("id"))
    assert [(log.action, log.record_count, log.fields) for log in logs] == [
        ("export", 1, []),
        ("export", 1, ["email", "id_number", "mobiles"]),
    ]


@pytest.mark.django_db
def test_update_with_stale_version_is_409_and_changes_are_masked_in_history(world, client_for) -> None:
    client = client_for(_agent(world))
    url = f"/api/v1/customers/{world.customer_a.id}/"
    ok = client.patch(url, {"version": 1, "mobiles": ["13600136000"]}, format="json")
    assert ok.status_code == 200, ok.content
    assert ok.json()["version"] == 2
    stale = client.patch(url, {"version": 1, "address": "x"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "record.version_conflict"
    timeline = client.get(f"{url}timeline/").json()["results"]
    updated = next(e for e in timeline if e["type"] == "record.updated")
    assert updated["changes"]["mobiles"] == [["138****8000"], ["136****6000"]]
    assert not CustomerMobile.objects.filter(customer=world.customer_a, position=1).exists()


@pytest.mark.django_db
def test_batch_tagging(world, client_for) -> None:
    from anju.customers.models import Tag

    vip = Tag.objects.create(name="VIP")
    client = client_for(world.user("sup", role="service_supervisor", projects=[world.project_a]))
    response = client.post("/api/v1/customers/batch-tag/", {"customers": [world.customer_a.id], "add": [vip.id]}, format="json")
    assert response.json() == {"changed": 1}
    assert client.get("/api/v1/customers/", {"tag": vip.id}).json()["count"] == 1
    outside = client.post("/api/v1/customers/batch-tag/", {"customers": [world.customer_b.id], "add": [vip.id]}, format="json")
    assert outside.status_code == 400


@pytest.mark.django_db
def test_a_reader_without_the_tag_permission_neither_sees_nor_filters_by_tags(world, client_for) -> None:
    from anju.customers.models import Tag

    sensitive = Tag.objects.create(name="投诉敏感")
    world.customer_a.tags.add(sensitive)
    supervisor = client_for(world.user("sup", role="service_supervisor", projects=[world.project_a]))
    assert supervisor.get(f"/api/v1/customers/{world.customer_a.id}/").json()["tags"][0]["name"] == "投诉敏感"
    technician = client_for(world.user("tech", role="technician", projects=[world.project_a]))
    assert technician.get(f"/api/v1/customers/{world.customer_a.id}/").json()["tags"] == []
    listed = technician.get("/api/v1/customers/").json()
    assert listed["count"] >= 1 and all(row["tags"] == [] for row in listed["results"])
    # the filter is not applied for them: the count does not tell who carries the tag
    assert technician.get("/api/v1/customers/", {"tag": sensitive.id}).json()["count"] == listed["count"]
    assert technician.get("/api/v1/tags/").status_code == 403
    # an export by someone who may export but not read tags (no role is like that today) has no tag names
    from django.contrib.auth.models import Permission

    exporter = world.user("exporter", role="technician", projects=[world.project_a])
    exporter.user_permissions.add(Permission.objects.get(codename="export_customer"))
    sheet = load_workbook(io.BytesIO(client_for(exporter).get("/api/v1/customers/export/").content)).active
    assert "投诉敏感" not in repr(list(sheet.values))
    assert "投诉敏感" in repr(list(load_workbook(io.BytesIO(supervisor.get("/api/v1/customers/export/").content)).active.values))
    # an edit form opened before a batch tagging is refused (409), not a silent undo of the new tag
    before = supervisor.get(f"/api/v1/customers/{world.customer_a.id}/").json()["version"]
    other = Tag.objects.create(name="VIP")
    supervisor.post("/api/v1/customers/batch-tag/", {"customers": [world.customer_a.id], "add": [other.id]}, format="json")
    stale = supervisor.patch(f"/api/v1/customers/{world.customer_a.id}/", {"version": before, "tags": []}, format="json")
    assert stale.status_code == 409
    assert world.customer_a.tags.filter(pk=other.pk).exists()
    # nor in the customer's change history
    supervisor.post("/api/v1/customers/batch-tag/", {"customers": [world.customer_a.id], "remove": [sensitive.id]}, format="json")
    timeline = f"/api/v1/customers/{world.customer_a.id}/timeline/"
    untagged = [e for e in supervisor.get(timeline).json()["results"] if "tags" in e["changes"]]
    assert untagged and untagged[0]["changes"]["tags"] == [["VIP", "投诉敏感"], ["VIP"]]
    # the technician sees neither the batch-tagging events nor a tags line in any change
    seen = technician.get(timeline).json()["results"]
    assert not [e for e in seen if e["type"] == "customer.tagged" or "tags" in e["changes"]]


def _workbook(rows) -> io.BytesIO:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "customers.xlsx"
    return buffer


@pytest.mark.django_db
def test_import_with_one_bad_row_imports_nothing_and_reports_that_row(world, client_for) -> None:
    client = client_for(world.user("sup", role="service_supervisor", projects=[world.project_a]))
    before = Customer.objects.count()
    rows = [
        ["姓名", "手机号码", "证件号码", "项目编码"],
        ["甲", "13711110001", "", "PA"],
        ["乙", "13711110002", "110105194912310021", "PA"],
        ["丙", "13711110003", "", "PA"],
    ]
    response = client.post("/api/v1/customers/import/", {"file": _workbook(rows)}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import.invalid_rows"
    assert [r["line"] for r in body["rows"]] == [3]
    assert "第 3 行" in body["fields"]["file"][0]
    assert Customer.objects.count() == before
    good = client.post("/api/v1/customers/import/", {"file": _workbook([rows[0], rows[1], rows[3]])}, format="multipart")
    assert good.json() == {"created": 2}


@pytest.mark.django_db
def test_import_rejects_a_file_that_is_not_xlsx(world, client_for) -> None:
    client = client_for(world.user("sup", role="service_supervisor", projects=[world.project_a]))
    fake = io.BytesIO(b"name,mobile\n")
    fake.name = "evil.xlsx"
    response = client.post("/api/v1/customers/import/", {"file": fake}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "import.bad_file"


@pytest.mark.django_db
def test_follow_up_shows_on_timeline_and_due_list(world, client_for) -> None:
    agent = _agent(world)
    client = client_for(agent)
    today = timezone.localdate()
    created = client.post(
        "/api/v1/follow-ups/",
        {
            "customer": world.customer_a.id,
            "method": "phone",
            "content": "询问交房时间",
            "next_step": "再联系",
            "next_follow_up_on": today.isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201
    timeline = client.get(f"/api/v1/customers/{world.customer_a.id}/timeline/").json()["results"]
    assert timeline[0]["type"] == "follow_up.recorded"
    assert timeline[0]["note"] == "询问交房时间"
    due = client.get("/api/v1/follow-ups/due/").json()
    assert [f["id"] for f in due["results"]] == [created.json()["id"]]
    FollowUp.objects.create(
        customer=world.customer_a,
        method="phone",
        content="later",
        owner=agent,
        occurred_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    assert client.get("/api/v1/follow-ups/due/").json()["count"] == 0


@pytest.mark.django_db
def test_consultant_cannot_be_double_booked(world, client_for) -> None:
    sales = world.user("sales", role="sales_consultant", projects=[world.project_a])
    client = client_for(sales)
    base = {"customer": world.customer_a.id, "project": world.project_a.id, "consultant": sales.id}
    first = client.post(
        "/api/v1/appointments/",
        {**base, "starts_at": "2030-01-02T10:00:00+08:00", "ends_at": "2030-01-02T11:00:00+08:00"},
        format="json",
    )
    assert first.status_code == 201
    assert [a["action"] for a in first.json()["allowed_actions"]] == ["complete", "cancel", "no_show"]
    clash = client.post(
        "/api/v1/appointments/",
        {**base, "starts_at": "2030-01-02T10:30:00+08:00", "ends_at": "2030-01-02T11:30:00+08:00"},
        format="json",
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "appointment.double_booked"
    back_to_back = client.post(
        "/api/v1/appointments/",
        {**base, "starts_at": "2030-01-02T11:00:00+08:00", "ends_at": "2030-01-02T12:00:00+08:00"},
        format="json",
    )
    assert back_to_back.status_code == 201
    cancel = client.post(f"/api/v1/appointments/{first.json()['id']}/cancel/", {}, format="json")
    assert cancel.json()["status"] == "cancelled"
    again = client.post(f"/api/v1/appointments/{first.json()['id']}/cancel/", {}, format="json")
    assert again.status_code == 409
    rebook = client.post(
        "/api/v1/appointments/",
        {**base, "starts_at": "2030-01-02T10:00:00+08:00", "ends_at": "2030-01-02T10:45:00+08:00"},
        format="json",
    )
    assert rebook.status_code == 201
    events = [e["type"] for e in client.get(f"/api/v1/customers/{world.customer_a.id}/timeline/").json()["results"]]
    assert "appointment.booked" in events and "appointment.cancelled" in events


@pytest.mark.django_db
def test_unit_timeline_shows_ownership(world, client_for) -> None:
    client = client_for(_agent(world))
    events = client.get(f"/api/v1/units/{world.unit_a.id}/timeline/").json()["results"]
    assert any(e["type"] == "ownership.added" for e in events)
    detail = client.get(f"/api/v1/customers/{world.customer_a.id}/").json()
    assert [u["unit"] for u in detail["units"]] == [world.unit_a.id]


@pytest.mark.django_db
def test_responsible_consultant_must_be_a_sales_consultant(world, client_for) -> None:
    client = client_for(_agent(world))
    other_agent = world.user("agent_x", role="service_agent", projects=[world.project_a])
    refused = client.post("/api/v1/customers/", _body(world, consultant=other_agent.id), format="json")
    assert refused.status_code == 400
    assert "consultant" in refused.json()["fields"]
    sales = world.user("sales", role="sales_consultant", projects=[world.project_a])
    created = client.post("/api/v1/customers/", _body(world, consultant=sales.id), format="json")
    assert created.status_code == 201
    assert created.json()["consultant_name"] == "sales"


@pytest.mark.django_db
def test_list_and_search_sort_by_allow_listed_orderings_only(world, client_for) -> None:
    client = client_for(_agent(world))
    for name, mobile in (("乙", "13700137001"), ("甲", "13700137002"), ("丙", "13700137003")):
        assert (
            client.post("/api/v1/customers/", _body(world, name=name, mobiles=[mobile], id_number=""), format="json").status_code
            == 201
        )
    seen = {r["code"] for r in client.get("/api/v1/customers/").json()["results"]}
    mine = list(Customer.objects.filter(code__in=seen).order_by("id").values_list("name", "code"))
    assert len(mine) >= 3
    by_name = [r["name"] for r in client.get("/api/v1/customers/", {"ordering": "name"}).json()["results"]]
    assert by_name == sorted(name for name, _ in mine)
    by_code = [r["code"] for r in client.get("/api/v1/customers/", {"ordering": "-code"}).json()["results"]]
    assert by_code == sorted((code for _, code in mine), reverse=True)
    oldest = [r["name"] for r in client.get("/api/v1/customers/", {"ordering": "created_at"}).json()["results"]]
    assert oldest == [name for name, _ in mine]
    searched = client.post("/api/v1/customers/search/", {"q": "", "ordering": "-name"}, format="json").json()["results"]
    assert [r["name"] for r in searched] == sorted((name for name, _ in mine), reverse=True)
    # Anything not on the list is refused, never passed to the database: a 400 naming the parameter, in both languages.
    for bad in ("mobiles__number", "id_number_index", "-consultant__password"):
        response = client.get("/api/v1/customers/", {"ordering": bad})
        assert response.status_code == 400 and "ordering" in response.json()["fields"]
        response = client.post("/api/v1/customers/search/", {"ordering": bad}, format="json")
        assert response.status_code == 400 and "ordering" in response.json()["fields"]
