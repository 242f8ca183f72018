"""The customer's e-mail address: optional personal data like the mobiles — encrypted, masked in lists and details
for every role, revealed with an access-log row, checked (a 400 in both languages), imported and exported."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from anju.core import pii
from anju.core.models import AccessLog, Event
from anju.customers.models import Customer
from anju.customers.services.customers import decrypt_email

pytestmark = pytest.mark.django_db


def _body(world: Any, **overrides: Any) -> dict[str, Any]:
    return {"name": "王五", "mobiles": ["13700137000"], "projects": [world.project_a.id], **overrides}


def _agent(world: Any) -> Any:
    return world.user("agent", role="service_agent", projects=[world.project_a])


def test_given_an_email_when_a_customer_is_made_then_it_is_stored_encrypted_and_shown_masked(world: Any, client_for: Any) -> None:
    client = client_for(_agent(world))
    made = client.post("/api/v1/customers/", _body(world, email="  Wang.Wu@Example.COM "), format="json")
    assert made.status_code == 201, made.content
    assert made.json()["email"] == "W***@example.com"
    customer = Customer.objects.get(pk=made.json()["id"])
    assert "example" not in customer.email_ciphertext and decrypt_email(customer) == "Wang.Wu@example.com"
    detail = client.get(f"/api/v1/customers/{customer.pk}/").content.decode()
    listed = client.get("/api/v1/customers/").content.decode()
    for text in (detail, listed):
        assert "W***@example.com" in text and "Wang.Wu@" not in text
    # history keeps the masked value too
    created = Event.objects.get(type="record.created", target_id=customer.pk, target_type__model="customer")
    assert "W***@example.com" in str(created.changes) and "Wang.Wu" not in str(created.changes)
    # edited and cleared
    edited = client.patch(f"/api/v1/customers/{customer.pk}/", {"email": "ww@qq.com", "version": 1}, format="json")
    assert edited.status_code == 200 and edited.json()["email"] == "w***@qq.com"
    cleared = client.patch(f"/api/v1/customers/{customer.pk}/", {"email": "", "version": 2}, format="json")
    assert cleared.status_code == 200 and cleared.json()["email"] == ""
    assert Customer.objects.get(pk=customer.pk).email_ciphertext == ""


def test_given_a_role_without_reveal_when_reading_customers_then_no_clear_email_anywhere(world: Any, client_for: Any) -> None:
    from anju.customers.services.customers import update_customer

    update_customer(actor=world.admin, customer=world.customer_a, version=world.customer_a.version, email="zhangsan@163.com")
    finance = world.user("finance", role="finance", projects=[world.project_a])
    client = client_for(finance)
    texts = [
        client.get("/api/v1/customers/").content.decode(),
        client.get(f"/api/v1/customers/{world.customer_a.id}/").content.decode(),
    ]
    assert all("z***@163.com" in text and "zhangsan@" not in text for text in texts)
    assert client.post(f"/api/v1/customers/{world.customer_a.id}/reveal/", {"purpose": "核对"}, format="json").status_code == 403


def test_given_the_reveal_permission_when_the_email_is_revealed_then_one_access_log_row(world: Any, client_for: Any) -> None:
    from anju.customers.services.customers import update_customer

    update_customer(actor=world.admin, customer=world.customer_a, version=world.customer_a.version, email="zhangsan@163.com")
    client = client_for(_agent(world))
    url = f"/api/v1/customers/{world.customer_a.id}/reveal/"
    revealed = client.post(url, {"purpose": "发送调查邮件前核对", "targets": ["email"]}, format="json")
    assert revealed.status_code == 200 and revealed.json() == {"email": "zhangsan@163.com"}
    log = AccessLog.objects.get()
    assert (log.action, log.fields, log.purpose) == ("reveal", ["email"], "发送调查邮件前核对")


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-hans", "请输入有效的电子邮箱地址，例如 name@example.com。"),
        ("en", "Enter a valid e-mail address, such as name@example.com."),
    ],
)
@pytest.mark.parametrize("bad", ["wangwu", "wang@", "wang wu@example.com", "a@b", "x" * 250 + "@example.com"])
def test_given_a_bad_email_when_saved_then_a_400_with_the_field_error_in_both_languages(
    world: Any, client_for: Any, language: str, message: str, bad: str
) -> None:
    client = client_for(_agent(world), language=language)
    before = Customer.objects.count()
    response = client.post("/api/v1/customers/", _body(world, email=bad), format="json")
    assert response.status_code == 400, response.content
    assert response.json()["fields"]["email"] == [message]
    assert Customer.objects.count() == before
    edit = client.patch(
        f"/api/v1/customers/{world.customer_a.id}/", {"email": bad, "version": world.customer_a.version}, format="json"
    )
    assert edit.status_code == 400 and edit.json()["fields"]["email"] == [message]


def _sheet(rows: list[list[Any]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "手机号码", "电子邮件", "项目编码"])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    data.name = "customers.xlsx"
    return data


def test_given_an_email_column_when_importing_then_addresses_are_kept_and_bad_ones_refused(world: Any, client_for: Any) -> None:
    admin = client_for(world.admin)
    code = world.project_a.code
    sheet = _sheet([["王五", "13700137000", "not-an-address", code]])
    bad = admin.post("/api/v1/customers/import/", {"file": sheet}, format="multipart")
    assert bad.status_code == 400, bad.content
    assert "name@example.com" in bad.content.decode() and not Customer.objects.filter(name="王五").exists()
    good = admin.post(
        "/api/v1/customers/import/",
        {"file": _sheet([["王五", "13700137000", "wangwu@example.com", code], ["赵六", "13600136000", "", code]])},
        format="multipart",
    )
    assert good.status_code == 200, good.content
    assert decrypt_email(Customer.objects.get(name="王五")) == "wangwu@example.com"
    assert Customer.objects.get(name="赵六").email_ciphertext == ""
    template = admin.get("/api/v1/customers/import-template/")
    assert template.status_code == 200


def test_email_masking_pattern() -> None:
    assert pii.mask_email("zhangsan@example.com") == "z***@example.com"
    assert pii.mask_email("") == ""
