"""Server errors that Schemathesis found (`make fuzz`, security target I1), each kept here as a regression test."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from anju.customers.models import Customer, Tag
from anju.properties.models import Unit
from anju.visits.models import CarePlan
from anju.workorders.models import Attachment, Category, WorkOrder
from fuzz import hostile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/work-orders/null%2Cnull/",
        "/api/v1/work-orders/abc/timeline/",
        "/api/v1/customers/1.5/",
        "/api/v1/work-order-categories/null/",
    ],
)
def test_an_id_that_is_not_a_number_is_a_404(world: Any, client_for: Any, path: str) -> None:
    response = client_for(world.admin).get(path)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_year_out_of_range_is_a_400(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    for year in ("0", "99999", "x"):
        response = client.get(f"/api/v1/sla/calendar/?year={year}")
        assert response.status_code == 400 and "year" in response.data["fields"], year
    assert client.get("/api/v1/sla/calendar/?year=2026").status_code == 200


def test_a_customer_group_in_use_by_a_care_plan_is_not_deleted(world: Any, client_for: Any) -> None:
    tag = Tag.objects.create(name="VIP")
    CarePlan.objects.create(project=world.project_a, name="VIP 关怀", basis="group", tag=tag, offsets=[0], starts_on="2026-01-01")
    response = client_for(world.admin).delete(f"/api/v1/tags/{tag.id}/")
    assert response.status_code == 409 and response.data["code"] == "tag.in_use"
    assert Tag.objects.filter(pk=tag.pk).exists()


@pytest.mark.parametrize("query", ["stage=a%00b", "a%00=1", "q=%00"])
def test_a_nul_character_in_the_query_string_is_a_400(world: Any, client_for: Any, query: str) -> None:
    response = client_for(world.admin).get(f"/api/v1/complaints/?{query}")
    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


def test_an_unknown_api_address_is_a_404_for_every_method(anon: Any) -> None:
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    for method in ("get", "post", "patch", "delete"):
        response = getattr(client, method)("/api/v1/work-orders/AAA/resolve/")
        assert response.status_code == 404, method
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/return-visits/?plan=55780039415817673113600",
        "/api/v1/care-plans/?project=99999999999999999999999",
        "/api/v1/complaints/?work_order=99999999999999999999",
        "/api/v1/warranty/responsibilities/?building=99999999999999999999",
        "/api/v1/sla/board/?project=99999999999999999999",
        "/api/v1/customers/?project=%C2%B2",  # "²" is a digit to str.isdigit() but not to int()
    ],
)
def test_an_id_too_large_for_the_database_is_ignored_or_refused_never_a_500(world: Any, client_for: Any, path: str) -> None:
    response = client_for(world.admin).get(path)
    assert response.status_code in (200, 400), response.content


@pytest.mark.parametrize("path", ["/api/v1/work-orders/?project=99999999999999999999", "/api/v1/dashboard/?project=1e9"])
def test_a_bad_id_filter_is_a_400(world: Any, client_for: Any, path: str) -> None:
    assert client_for(world.admin).get(path).status_code == 400


def test_numbers_too_large_for_the_database_in_a_body_are_a_400(world: Any, client_for: Any) -> None:
    client = client_for(world.user("fuzz_supervisor", role="service_supervisor", projects=[world.project_a]))
    body = {"orders": [1771713657330752552960], "technicians": [1]}
    response = client.post("/api/v1/work-orders/batch-dispatch/", body, format="json")
    assert response.status_code == 400 and "orders.0" in response.data["fields"]
    plan = {"project": world.project_a.id, "name": "x", "basis": "group", "tag": 10**25, "offsets": [0]}
    response = client.post("/api/v1/care-plans/", plan, format="json")  # a foreign key: a field error too
    assert response.status_code == 400 and "tag" in response.data["fields"]


# --- Security review: hostile input is a clear 4xx in the error shape, never a 500 -----------------------------------


def _shape(response: Any) -> dict[str, Any]:
    body = response.json()
    assert set(body) >= {"code", "message", "fields", "request_id"}, body  # (+ an ApplicationError's extra)
    return body


def test_a_json_body_nested_5000_deep_is_a_400(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    for body in (b"[" * 5000 + b"]" * 5000, b'{"name": ' + b"[" * 100 + b"]" * 100 + b"}"):
        response = client.generic("POST", "/api/v1/tags/", body, content_type="application/json")
        assert response.status_code == 400 and _shape(response)["code"] == "parse_error"
    assert not Tag.objects.exists()


def test_a_json_body_of_3_mb_is_a_413_and_a_photo_of_3_mb_is_fine(
    world: Any, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    client = client_for(world.admin)
    body = json.dumps({"name": "x", "description": "a" * (3 * 1024 * 1024)})
    response = client.generic("POST", "/api/v1/tags/", body, content_type="application/json")
    assert response.status_code == 413 and _shape(response)["code"] == "request.too_large"
    # multipart file uploads keep their own 10 MB limit
    order = _order(world)
    photo = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024))
    response = client.post(f"/api/v1/work-orders/{order.id}/attachments/", {"file": photo}, format="multipart")
    assert response.status_code == 201, response.content


def test_a_search_page_past_a_64_bit_number_is_a_field_error(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    for page in (2**63, 2**63 - 1):
        response = client.post("/api/v1/customers/search/", {"page": page}, format="json")
        assert response.status_code == 400 and "page" in _shape(response)["fields"], page
    response = client.post("/api/v1/customers/search/", {"project": 10**30}, format="json")  # any integer field
    assert response.status_code == 400 and "project" in response.json()["fields"]


def test_a_warranty_check_in_year_9999_is_a_field_error(world: Any, client_for: Any) -> None:
    body = {"warranty_item": "leakage", "delivery_date": "9999-12-31", "reported_on": "9999-12-31"}
    response = client_for(world.admin).post("/api/v1/warranty/check/", body, format="json")
    assert response.status_code == 400
    assert {"delivery_date", "reported_on"} <= set(_shape(response)["fields"])


def _order(world: Any) -> WorkOrder:
    from anju.workorders.services.orders import create_work_order

    category = Category.objects.filter(parent__isnull=False).first()
    return create_work_order(
        actor=world.admin, type="repair", unit=world.unit_a, customer=world.customer_a, category=category, description="漏水"
    )


@pytest.mark.parametrize("size", [(30000, 30000), (10000, 10000), (6000, 7000)])
def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(
    world: Any, client_for: Any, settings: Any, tmp_path: Any, size: tuple[int, int]
) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    order = _order(world)
    data = hostile.bomb_png(*size)
    assert len(data) < 200_000  # a few KB that would decode to hundreds of MB
    upload = SimpleUploadedFile("photo.png", data)
    response = client_for(world.admin).post(f"/api/v1/work-orders/{order.id}/attachments/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    body = _shape(response)
    assert body["code"] == "file.too_many_pixels" and "file" in body["fields"]
    assert not Attachment.objects.exists()


def test_the_pixel_limit_is_a_setting(world: Any, client_for: Any, settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.UPLOAD_MAX_IMAGE_PIXELS = 100 * 100
    order = _order(world)
    client = client_for(world.admin)
    url = f"/api/v1/work-orders/{order.id}/attachments/"
    small = client.post(url, {"file": SimpleUploadedFile("a.png", hostile.bomb_png(100, 100))}, format="multipart")
    assert small.status_code == 201, small.content
    large = client.post(url, {"file": SimpleUploadedFile("b.png", hostile.bomb_png(101, 100))}, format="multipart")
    assert large.status_code == 400 and large.json()["code"] == "file.too_many_pixels"


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2201-01-01", "0001-01-01"])
def test_a_unit_delivered_outside_1900_to_2200_is_a_field_error(world: Any, client_for: Any, day: str) -> None:
    url = f"/api/v1/units/{world.unit_a.id}/"
    response = client_for(world.admin).patch(url, {"delivery_date": day, "version": world.unit_a.version}, format="json")
    assert response.status_code == 400 and "delivery_date" in _shape(response)["fields"]
    assert Unit.objects.get(pk=world.unit_a.pk).delivery_date == datetime.date(2024, 6, 30)


def test_the_date_limits_themselves_are_accepted(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    for day in ("1900-01-01", "2200-12-31"):
        body = {"warranty_item": "leakage", "delivery_date": day, "reported_on": "2200-12-31"}
        assert client.post("/api/v1/warranty/check/", body, format="json").status_code == 200, day


def test_datetimes_outside_1900_to_2200_are_field_errors(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    body = {
        "customer": world.customer_a.id,
        "project": world.project_a.id,
        "channel": "phone",
        "category": "other",
        "content": "咨询",
        "occurred_at": "9999-12-31T23:59:59+14:00",
    }
    response = client.post("/api/v1/consultations/", body, format="json")
    assert response.status_code == 400 and "occurred_at" in _shape(response)["fields"]


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/work-orders/?created_from=9999-12-31", "created_from"),
        ("/api/v1/work-orders/?created_to=1066-10-14", "created_to"),
        ("/api/v1/quality/rollup/?by=project&to=9999-12-31", "to"),
        ("/api/v1/appointments/?starts_after=9999-12-31T23:00:00-12:00", "starts_after"),
        ("/api/v1/appointments/?starts_before=0001-01-01T00:00:00", "starts_before"),
    ],
)
def test_a_date_filter_outside_1900_to_2200_is_a_field_error(world: Any, client_for: Any, path: str, field: str) -> None:
    response = client_for(world.admin).get(path)
    assert response.status_code == 400 and field in _shape(response)["fields"]


def test_a_stored_date_that_breaks_date_arithmetic_is_a_400_not_a_500(world: Any, client_for: Any) -> None:
    """A unit delivered in 9999 (stored before dates were checked): an order on it cannot compute its warranty."""
    Unit.objects.filter(pk=world.unit_a.pk).update(delivery_date=datetime.date(9999, 12, 31))
    category = Category.objects.filter(parent__isnull=False).first()
    assert category is not None
    body = {"type": "repair", "unit": world.unit_a.id, "category": category.id, "description": "漏水"}
    response = client_for(world.admin).post("/api/v1/work-orders/", body, format="json")
    assert response.status_code == 400 and _shape(response)["code"] == "validation_error"


def test_a_unit_import_refuses_dates_outside_1900_to_2200(world: Any, client_for: Any) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.create_sheet("楼栋").append(["楼栋编码", "楼栋名称", "地上层数"])
    units = workbook.create_sheet("房屋")
    units.append(["楼栋编码", "房号", "楼层", "户号", "预测建筑面积(m²)", "预测套内面积(m²)", "交付日期"])
    units.append(["1", "201", 2, "01", "98.50", "80.12", "9999-12-31"])
    units.append(["1", "202", 2, "02", "98.50", "80.12", datetime.datetime(1800, 1, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("units.xlsx", buffer.getvalue())
    response = client_for(world.admin).post(
        f"/api/v1/projects/{world.project_a.id}/import/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 400 and _shape(response)["code"] == "import.invalid_rows"
    assert sorted(row["line"] for row in response.json()["rows"]) == [2, 3]
    assert not Unit.objects.filter(room_number__in=["201", "202"]).exists()


INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200b \u3000\u2060\t", "\u00ad\u202e", "\u3164"]


@pytest.mark.parametrize("name", INVISIBLE)
def test_a_name_of_invisible_characters_is_blank(world: Any, client_for: Any, name: str) -> None:
    client = client_for(world.admin)
    tag = client.post("/api/v1/tags/", {"name": name}, format="json")
    assert tag.status_code == 400 and "name" in _shape(tag)["fields"]
    body = {"name": name, "mobiles": ["13700002021"], "projects": [world.project_a.id]}
    customer = client.post("/api/v1/customers/", body, format="json")
    assert customer.status_code == 400 and "name" in _shape(customer)["fields"]
    building = {"project": world.project_a.id, "code": "9", "name": name, "floors_above": 3}
    response = client.post("/api/v1/buildings/", building, format="json")
    assert response.status_code == 400 and "name" in _shape(response)["fields"]
    assert not Tag.objects.exists()


def test_invisible_characters_around_a_name_are_trimmed_and_inside_it_kept(world: Any, client_for: Any) -> None:
    response = client_for(world.admin).post("/api/v1/tags/", {"name": "\u200b\ufeff V\u200dIP \u2060"}, format="json")
    assert response.status_code == 201, response.content
    assert Tag.objects.get().name == "V\u200dIP"


def test_an_import_row_of_invisible_characters_is_empty(world: Any, client_for: Any) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name", "mobiles", "projects"])
    sheet.append(["\u200b\ufeff", "13700002021", world.project_a.code])
    sheet.append(["王五", "13700002022", world.project_a.code])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("customers.xlsx", buffer.getvalue())
    response = client_for(world.admin).post("/api/v1/customers/import/", {"file": upload}, format="multipart")
    assert response.status_code == 400 and _shape(response)["code"] == "import.invalid_rows"
    assert [row["line"] for row in response.json()["rows"]] == [2]
    assert Customer.objects.count() == 2  # the world's two: nothing imported


@pytest.mark.parametrize("value", [1.5, "1.5", "1e0", True, " 1", -1, 2**64, "²"])
def test_a_primary_key_that_is_not_an_integer_is_refused(world: Any, client_for: Any, value: Any) -> None:
    if isinstance(value, float):
        value = world.project_a.id + 0.5
    body = {"name": "王五", "mobiles": ["13700002021"], "projects": [value]}
    response = client_for(world.admin).post("/api/v1/customers/", body, format="json")
    assert response.status_code == 400 and "projects" in _shape(response)["fields"], value
    assert not Customer.objects.filter(name="王五").exists()


def test_an_integer_primary_key_as_number_or_text_is_accepted(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    for index, value in enumerate([world.project_a.id, str(world.project_a.id), float(world.project_a.id)]):
        body = {"name": f"王{index}", "mobiles": [f"1370000202{index}"], "projects": [value]}
        assert client.post("/api/v1/customers/", body, format="json").status_code == 201, value


@pytest.mark.parametrize("mobile", ["+8613700002021x", "13700002021x", "1370000202l", "+86 13700002021#5", "tel:13700002021"])
def test_a_mobile_with_anything_but_the_mainland_format_is_refused(world: Any, client_for: Any, mobile: str) -> None:
    body = {"name": "王五", "mobiles": [mobile], "projects": [world.project_a.id]}
    response = client_for(world.admin).post("/api/v1/customers/", body, format="json")
    assert response.status_code == 400 and "mobiles" in _shape(response)["fields"], mobile


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/customers/?project=abc", "project"),
        ("/api/v1/customers/?tag=1.5", "tag"),
        ("/api/v1/consultants/?project=abc", "project"),
        ("/api/v1/units/?project=abc", "project"),
        ("/api/v1/buildings/?project=1.5", "project"),
        ("/api/v1/ownerships/?customer=abc", "customer"),
        ("/api/v1/consultations/?customer=99999999999999999999", "customer"),
        ("/api/v1/appointments/?consultant=abc", "consultant"),
        ("/api/v1/follow-ups/?owner=abc", "owner"),
        ("/api/v1/return-visits/?plan=abc", "plan"),
        ("/api/v1/care-plans/?project=abc", "project"),
        ("/api/v1/complaints/?work_order=abc", "work_order"),
        ("/api/v1/sla/board/?project=abc", "project"),
        ("/api/v1/warranty/responsibilities/?building=abc", "building"),
        ("/api/v1/work-orders/?project=abc", "project"),
        ("/api/v1/dashboard/?project=abc", "project"),
    ],
)
def test_a_malformed_id_in_the_query_string_is_a_400_everywhere(world: Any, client_for: Any, path: str, field: str) -> None:
    response = client_for(world.admin).get(path)
    assert response.status_code == 400, response.content
    assert field in _shape(response)["fields"]


def test_id_filters_still_filter(world: Any, client_for: Any) -> None:
    client = client_for(world.admin)
    customers = client.get(f"/api/v1/customers/?project={world.project_a.id}").json()["results"]
    assert [c["id"] for c in customers] == [world.customer_a.id]
    units = client.get(f"/api/v1/units/?project={world.project_b.id}&building=").json()["results"]
    assert [u["id"] for u in units] == [world.unit_b.id]


@pytest.mark.parametrize("case", hostile.CASES, ids=[case.name for case in hostile.CASES])
def test_the_hostile_fuzzing_corpus(world: Any, client_for: Any, settings: Any, tmp_path: Any, case: hostile.Case) -> None:
    """The requests `make fuzz` sends first on every run (fuzz/hostile.py), through the test client."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    ids = {"project": world.project_a.id, "unit": world.unit_a.id, "unit_version": world.unit_a.version}
    ids["work_order"] = _order(world).id
    client = client_for(world.admin)
    path = hostile.fill(case.path, ids)
    if case.file is not None:
        name, content = case.file()
        response = client.generic(case.method, path, **_multipart(client, name, content))
    elif case.raw is not None:
        response = client.generic(case.method, path, case.raw(), content_type="application/json")
    elif case.body is not None:
        response = client.generic(case.method, path, json.dumps(case.body(ids)), content_type="application/json")
    else:
        response = client.generic(case.method, path)
    assert hostile.problems(case, response.status_code, response.json()) == []


def _multipart(client: Any, name: str, content: bytes) -> dict[str, Any]:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, {"file": SimpleUploadedFile(name, content)}), "content_type": MULTIPART_CONTENT}
