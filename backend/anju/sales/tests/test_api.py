"""The sales API as the acceptance checks use it: shapes (decimal strings with two places), allowed_actions, bad
input (400 with field errors in Chinese or English, nothing written), scope (another project's ids)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from anju.sales.models import Contract, Subscription
from conftest import World

pytestmark = pytest.mark.django_db


def _buyer(world: World) -> list[dict[str, Any]]:
    return [{"customer": world.customer_a.id, "role": "primary", "share": "100.00"}]


def test_given_the_filing_endpoint_when_asked_then_it_answers_with_the_contract_calculation(
    world: World, deals: Any, client_for: Any
) -> None:
    response = client_for(deals.sales).post("/api/v1/contracts/filing-due/", {"signed_on": "2026-03-02"}, format="json")
    assert response.status_code == 200 and response.json() == {"filing_due_on": "2026-04-01"}


def test_given_a_consultant_when_subscribing_and_signing_through_the_api_then_the_contract_reads_as_specified(
    world: World, deals: Any, client_for: Any
) -> None:
    sales, finance = client_for(deals.sales), client_for(deals.finance)
    created = sales.post(
        "/api/v1/subscriptions/", {"unit": deals.units[1].id, "buyers": _buyer(world), "deposit_amount": "50000"}, format="json"
    )
    assert created.status_code == 201, created.content
    sub = created.json()
    assert sub["status"] == "active" and sub["total_price"] == "3000000.00" and sub["deposit_received"] is False
    assert [a["action"] for a in sub["allowed_actions"]] == ["cancel"]  # no deposit yet: no convert
    assert [a["action"] for a in finance.get(f"/api/v1/subscriptions/{sub['id']}/").json()["allowed_actions"]] == [
        "record_deposit"
    ]
    deposit = finance.post(
        f"/api/v1/subscriptions/{sub['id']}/record-deposit/",
        {"version": sub["version"], "received_on": timezone.localdate().isoformat(), "method": "wechat", "receipt_number": "SJ1"},
        format="json",
    )
    assert deposit.status_code == 200, deposit.content
    converted = sales.post(
        f"/api/v1/subscriptions/{sub['id']}/convert/",
        {"version": deposit.json()["version"], "payment_plan": "commercial_loan", "loan_amount": "2000000"},
        format="json",
    )
    assert converted.status_code == 200, converted.content
    contract_id = converted.json()["contract"]
    contract = sales.get(f"/api/v1/contracts/{contract_id}/").json()
    assert contract["number"].startswith("HT") and contract["status"] == "signed"
    assert contract["unit"] == deals.units[1].id and contract["total_price"] == "3000000.00"
    assert contract["balance"] == "2950000.00" and contract["signed_on"] == timezone.localdate().isoformat()
    assert contract["buyers"][0]["share"] == "100.00" and contract["filing_due_on"]
    ledger = sales.get(f"/api/v1/contracts/{contract_id}/ledger/").json()
    assert ledger["balance"] == "2950000.00" and [e["amount"] for e in ledger["entries"]] == ["50000.00"]
    timeline = sales.get(f"/api/v1/customers/{world.customer_a.id}/timeline/").json()["results"]
    assert {"subscription.created", "subscription.converted", "contract.created"} <= {e["type"] for e in timeline}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_given_bad_input_when_subscribing_then_400_with_field_errors_and_nothing_written(
    world: World, deals: Any, client_for: Any, language: str
) -> None:
    body = {
        "unit": deals.units[1].id,
        "buyers": [{"customer": world.customer_a.id, "role": "primary", "share": "60.00"}],
        "deposit_amount": "-1",
    }
    response = client_for(deals.sales).post("/api/v1/subscriptions/", body, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert "deposit_amount" in response.json()["fields"]
    body["deposit_amount"] = "100"
    response = client_for(deals.sales).post("/api/v1/subscriptions/", body, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400 and response.json()["code"] == "deal.shares_not_100"
    message = response.json()["fields"]["buyers"][0]
    assert ("100%" in message) and (("份额" in message) if language == "zh-hans" else ("shares" in message))
    assert not Subscription.objects.exists() and deals.unit().status == "available"


def test_given_another_projects_unit_or_customer_when_subscribing_then_an_unknown_id(
    world: World, deals: Any, client_for: Any
) -> None:
    body = {"unit": world.unit_b.id, "buyers": _buyer(world)}
    response = client_for(deals.sales).post("/api/v1/subscriptions/", body, format="json")
    assert response.status_code == 400 and "unit" in response.json()["fields"]
    body = {"unit": deals.units[1].id, "buyers": [{"customer": world.customer_b.id, "role": "primary", "share": "100"}]}
    assert client_for(deals.sales).post("/api/v1/subscriptions/", body, format="json").status_code == 400
    assert not Subscription.objects.exists()


def test_given_contracts_when_listed_then_filters_and_the_register_export_work(world: World, deals: Any, client_for: Any) -> None:
    from openpyxl import load_workbook

    from anju.core.models import AccessLog

    contract = deals.sign()
    Contract.objects.filter(pk=contract.pk).update(filing_due_on=timezone.localdate() - datetime.timedelta(days=1))
    deals.sign(2)
    client = client_for(deals.sales)
    assert client.get("/api/v1/contracts/", {"filing_overdue": "true"}).json()["count"] == 1
    assert client.get("/api/v1/contracts/", {"unpaid": "true"}).json()["count"] == 2
    assert client.get("/api/v1/contracts/", {"q": "张三"}).json()["count"] == 2
    assert client.get("/api/v1/contracts/", {"status": "bogus"}).status_code == 400
    export = client.get("/api/v1/contracts/export/")
    assert export.status_code == 200
    import io

    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3 and "****" in rows[1][5]
    assert AccessLog.objects.filter(record_count=2).exists()
    other = client_for(world.user("sales_b", role="sales_consultant", projects=[world.project_b]))
    assert other.get("/api/v1/contracts/").json()["count"] == 0
    assert other.get(f"/api/v1/contracts/{contract.pk}/ledger/").status_code == 404


def test_given_a_receipt_through_the_api_when_split_across_another_contracts_receivable_then_400(
    world: World, deals: Any, client_for: Any
) -> None:
    first, second = deals.sign(), deals.sign(2)
    foreign = second.receivables.first()
    body = {
        "amount": "100.00",
        "occurred_on": timezone.localdate().isoformat(),
        "method": "cash",
        "receipt_number": "SJ5",
        "allocations": [{"receivable": foreign.pk, "amount": "100.00"}],
    }
    response = client_for(deals.finance).post(f"/api/v1/contracts/{first.pk}/payments/", body, format="json")
    assert response.status_code == 400 and "allocations" in response.json()["fields"]
    assert not first.entries.exists()


def test_sales_settings_round_trip_with_an_event_and_field_errors(world, client_for):
    from anju.core.models import Event
    from anju.sales.models import SalesSettings
    from anju.sales.tests.matrix import SETTINGS_BODY

    manager = world.user("settings_manager", role="management", all_projects=True)
    api = client_for(manager)
    url = f"/api/v1/sales-settings/{world.project_a.id}/"
    assert api.get(url).json()["handover_notice_lead_days"] == 14  # the default before anything is saved
    saved = api.put(url, SETTINGS_BODY, format="json")
    assert saved.status_code == 200, saved.content
    assert saved.json()["maintenance_fund_rate"] == "78.00" and saved.json()["property_fee_months"] == 6
    assert Event.objects.filter(type="sales_settings.changed", target_id=world.project_a.id).count() == 1
    bad = api.put(
        url,
        {**SETTINGS_BODY, "handover_notice_lead_days": 7, "maintenance_fund_basis": "percent", "maintenance_fund_rate": "120"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert bad.status_code == 400
    fields = bad.json()["fields"]
    assert "handover_notice_lead_days" in fields
    assert SalesSettings.objects.get(project=world.project_a).maintenance_fund_rate == Decimal("78.00")  # unchanged
    percent = api.put(url, {**SETTINGS_BODY, "maintenance_fund_basis": "percent", "maintenance_fund_rate": "120"}, format="json")
    assert percent.status_code == 400 and "maintenance_fund_rate" in percent.json()["fields"]
