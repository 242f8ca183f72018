"""Permission-matrix rows of the sales API (collected by ``tests/test_permission_matrix.py``): each operation with
the permission it needs; anonymous → 401, without it → 403, another project → 404 (or 400 for a body pointing into
project A), with it → success. ``WORKFLOW_CASES`` tells the derived workflow rows how to build a record in a state."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from conftest import World
from tests.matrix import Op, WorkflowCase

D = Decimal


SETTINGS_BODY = {
    "signing_deadline_days": 7,
    "discount_approval_percent": "3.00",
    "expiry_warning_days": 2,
    "filing_warning_days": 7,
    "mortgage_documents_days": 7,
    "mortgage_approval_warning_days": 20,
    "handover_notice_lead_days": 14,
    "maintenance_fund_basis": "per_m2",
    "maintenance_fund_rate": "78.00",
    "deed_tax_percent": "1.50",
    "registration_fee": "80.00",
    "property_fee_rate": "2.80",
    "property_fee_months": 6,
}


def _setup(w: World) -> Any:
    from anju.sales.tests.conftest import Deals

    if not hasattr(w, "_deals"):
        w._deals = Deals(w)
    return w._deals


def _free_unit(w: World) -> Any:
    from anju.properties.models import Unit

    deals = _setup(w)
    return next(u for u in Unit.objects.filter(pk__in=[u.pk for u in deals.units]) if u.status == "available")


def _new_unit(w: World) -> Any:
    from anju.properties.models import Unit
    from anju.sales.models import PriceListItem

    deals = _setup(w)
    count = Unit.objects.filter(building=w.building_a).count()
    unit = Unit.objects.create(
        project=w.project_a,
        building=w.building_a,
        room_number=f"9{count:02d}",
        floor=9,
        stack=f"{count:02d}",
        predicted_gross_area=D("100.00"),
        predicted_internal_area=D("80.00"),
    )
    PriceListItem.objects.create(price_list=deals.price_list, unit=unit, unit_price=D("30000.00"), total_price=D("3000000.00"))
    return unit


def _subscription(w: World, *, deposit: bool = False, past: bool = False) -> Any:
    from anju.sales.services import deals as svc

    deals = _setup(w)
    on = timezone.localdate() - datetime.timedelta(days=30 if past else 0)
    sub = svc.create_subscription(
        actor=deals.sales, unit=_new_unit(w), buyers=deals.buyers(), deposit_amount=D("50000.00"), subscribed_on=on
    )
    if deposit:
        sub = svc.record_deposit(
            actor=deals.finance, subscription=sub, received_on=on, method="transfer", receipt_number="SJ1", invoice_number=""
        )
    return sub


def _contract(w: World) -> Any:
    from anju.sales.services import deals as svc

    deals = _setup(w)
    return svc.create_contract(actor=deals.sales, unit=_new_unit(w), buyers=deals.buyers())


def _unit_body(w: World) -> dict[str, Any]:
    return {"unit": _new_unit(w).id, "buyers": [{"customer": w.customer_a.id, "role": "primary", "share": "100.00"}]}


def _change(w: World) -> Any:
    from anju.sales.services import changes

    return changes.request_change(actor=_setup(w).sales, contract=_contract(w), kind="cancellation", reason="退房")


def _refund(w: World) -> Any:
    from anju.sales.services import ledger

    contract = _contract(w)
    finance = _setup(w).finance
    ledger.record_receipt(actor=finance, contract=contract, amount=D("1000.00"), occurred_on=timezone.localdate(), method="cash")
    return ledger.request_refund(
        actor=finance, contract=contract, amount=D("500.00"), occurred_on=timezone.localdate(), method="cash", note="多收退回"
    )


def _price_list(w: World) -> Any:
    from anju.sales.services import catalogue

    deals = _setup(w)
    return catalogue.create_price_list(
        actor=deals.manager,
        building=w.building_a,
        effective_from=timezone.localdate(),
        lines=[catalogue.PriceLine(deals.units[0], D("31000.00"))],
    )


def _id(obj: Any) -> dict[str, Any]:
    return {"id": obj.id, "version": obj.version} if hasattr(obj, "version") else {"id": obj.id}


def _with(make: Any, body: Any = None) -> Any:
    def prepare(w: World) -> dict[str, Any]:
        obj = make(w)
        prepared = _id(obj)
        if body is not None:
            prepared["body"] = body(w, obj)
        return prepared

    return prepare


TODAY = lambda: timezone.localdate().isoformat()  # noqa: E731

OPS: list[Op] = [
    Op("GET", "/api/v1/presale-permits/", "sales.view_presalepermit"),
    Op(
        "POST",
        "/api/v1/presale-permits/",
        "sales.add_presalepermit",
        ok=201,
        prepare=lambda w: {"body": {"building": w.building_a.id, "number": "预字0099号", "issued_on": "2025-01-01"}},
        fk_into_a=True,
    ),
    Op("GET", "/api/v1/price-lists/", "sales.view_pricelist"),
    Op(
        "POST",
        "/api/v1/price-lists/",
        "sales.add_pricelist",
        ok=201,
        prepare=lambda w: {
            "body": {
                "building": w.building_a.id,
                "effective_from": TODAY(),
                "items": [{"unit": _setup(w).units[0].id, "unit_price": "31000.00"}],
            }
        },
        fk_into_a=True,
    ),
    Op("GET", "/api/v1/price-lists/{id}/", "sales.view_pricelist", prepare=_with(_price_list), scoped=True),
    Op("GET", "/api/v1/price-lists/current/?building={id}", "sales.view_pricelist", prepare=lambda w: {"id": w.building_a.id}),
    Op("GET", "/api/v1/subscriptions/", "sales.view_subscription"),
    Op(
        "POST",
        "/api/v1/subscriptions/",
        "sales.add_subscription",
        ok=201,
        prepare=lambda w: {"body": {**_unit_body(w), "consultant": _setup(w).sales.id, "deposit_amount": "50000.00"}},
        fk_into_a=True,
    ),
    Op("GET", "/api/v1/subscriptions/{id}/", "sales.view_subscription", prepare=_with(_subscription), scoped=True),
    Op("GET", "/api/v1/subscriptions/{id}/timeline/", "sales.view_subscription", prepare=_with(_subscription), scoped=True),
    Op("GET", "/api/v1/contracts/", "sales.view_contract"),
    Op(
        "POST",
        "/api/v1/contracts/",
        "sales.add_contract",
        ok=201,
        prepare=lambda w: {"body": {**_unit_body(w), "consultant": _setup(w).sales.id}},
        fk_into_a=True,
    ),
    Op("GET", "/api/v1/contracts/{id}/", "sales.view_contract", prepare=_with(_contract), scoped=True),
    Op(
        "PATCH",
        "/api/v1/contracts/{id}/",
        "sales.change_contract",
        prepare=_with(_contract, lambda w, o: {"handover_notice_days": 20}),
        scoped=True,
    ),
    Op("GET", "/api/v1/contracts/{id}/timeline/", "sales.view_contract", prepare=_with(_contract), scoped=True),
    Op("GET", "/api/v1/contracts/{id}/ledger/", "sales.view_ledgerentry", prepare=_with(_contract), scoped=True),
    Op(
        "POST",
        "/api/v1/contracts/{id}/receivables/",
        "sales.add_receivable",
        ok=201,
        prepare=_with(_contract, lambda w, o: {"kind": "other", "amount": "100.00", "note": "契税代收"}),
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/contracts/{id}/payments/",
        "sales.add_ledgerentry",
        ok=201,
        prepare=_with(
            _contract, lambda w, o: {"amount": "1000.00", "occurred_on": TODAY(), "method": "transfer", "receipt_number": "SJ9"}
        ),
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/contracts/{id}/refunds/",
        "sales.add_ledgerentry",
        ok=400,  # nothing paid yet: the refund is refused by the rule, after permission and scope
        prepare=_with(_contract, lambda w, o: {"amount": "10.00", "occurred_on": TODAY(), "method": "transfer", "note": "退"}),
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/contracts/{id}/changes/",
        "sales.add_contractchange",
        ok=201,
        prepare=_with(_contract, lambda w, o: {"kind": "cancellation", "reason": "退房"}),
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/contracts/filing-due/",
        "sales.view_contract",
        prepare=lambda w: {"body": {"signed_on": "2026-03-02"}},
    ),
    Op("GET", "/api/v1/contracts/export/", "sales.view_contract"),
    Op("GET", "/api/v1/contract-changes/", "sales.view_contractchange"),
    Op("GET", "/api/v1/contract-changes/{id}/", "sales.view_contractchange", prepare=_with(_change), scoped=True),
    Op("GET", "/api/v1/ledger-entries/", "sales.view_ledgerentry"),
    Op("GET", "/api/v1/ledger-entries/{id}/", "sales.view_ledgerentry", prepare=_with(_refund), scoped=True),
    Op("GET", "/api/v1/overdue-receivables/", "sales.view_receivable"),
    Op("GET", "/api/v1/sales-reports/", "sales.view_sales_report"),
    Op("GET", "/api/v1/sales-reports/export/", "sales.view_sales_report"),
    Op(
        "GET",
        "/api/v1/sales-settings/{project_id}/",
        "sales.view_salessettings",
        prepare=lambda w: {"id": w.project_a.id},
        scoped=True,
    ),
    Op(
        "PUT",
        "/api/v1/sales-settings/{project_id}/",
        "sales.change_salessettings",
        prepare=lambda w: {"id": w.project_a.id, "body": SETTINGS_BODY},
        scoped=True,
    ),
]


def _wf_subscription(w: World, state: str, action: str) -> Any:
    return _subscription(w, deposit=action in ("convert", "refund_deposit"), past=action in ("expire", "refund_deposit"))


def _wf_subscription_body(w: World, action: str, obj: Any) -> dict[str, Any]:
    if action == "record_deposit":
        return {"received_on": TODAY(), "method": "transfer", "receipt_number": "SJ2"}
    if action == "cancel":
        return {"reason": "客户放弃"}
    if action == "refund_deposit":
        return {"refund_amount": "50000.00", "refunded_on": TODAY(), "refund_account": "6222000011112222"}
    return {}


def _wf_contract_body(w: World, action: str, obj: Any) -> dict[str, Any]:
    if action == "file":
        return {"filing_number": "WQ-1", "filed_on": TODAY()}
    return {"reason": "协商解约"}


def _in(make: Any, field: str = "status") -> Any:
    """``make`` the record, then put it in the state the action starts from."""

    def made(w: World, state: str, action: str) -> Any:
        obj = make(w, state, action)
        type(obj).objects.filter(pk=obj.pk).update(**{field: state})
        obj.refresh_from_db()
        return obj

    return made


def _reason(text: str) -> Any:
    return lambda w, a, o: {"reason": text}


WORKFLOW_CASES = {
    "subscription": WorkflowCase("/api/v1/subscriptions/{id}/", _in(_wf_subscription), _wf_subscription_body),
    "contract": WorkflowCase("/api/v1/contracts/{id}/", _in(lambda w, s, a: _contract(w)), _wf_contract_body),
    "contract_change": WorkflowCase("/api/v1/contract-changes/{id}/", _in(lambda w, s, a: _change(w)), _reason("同意")),
    "price_list": WorkflowCase("/api/v1/price-lists/{id}/", _in(lambda w, s, a: _price_list(w)), _reason("价格偏低")),
    "refund": WorkflowCase("/api/v1/ledger-entries/{id}/", _in(lambda w, s, a: _refund(w)), _reason("核对无误")),
}
