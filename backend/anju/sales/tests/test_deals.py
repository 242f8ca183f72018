"""Subscriptions and contracts: what a deal checks and what it changes on the unit, its owners and the ledger."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from anju.core.errors import ApplicationError, ConflictError
from anju.core.models import Event
from anju.customers.models import UnitOwnership
from anju.mortgage.models import MortgageCase
from anju.properties.models import Unit
from anju.sales import selectors
from anju.sales.models import Contract, LedgerEntry, Subscription
from anju.sales.services import changes, ledger
from anju.sales.services import deals as svc
from anju.sales.services.sweep import sweep
from anju.sales.workflow import SUBSCRIPTION
from conftest import World

pytestmark = pytest.mark.django_db

D = Decimal


def _today() -> datetime.date:
    return timezone.localdate()


def test_given_an_available_unit_when_subscribed_then_it_is_reserved_at_the_list_price(deals: Any) -> None:
    sub = deals.subscribe()
    assert sub.number.startswith("RG") and sub.status == "active"
    assert sub.total_price == D("3000000.00") and sub.list_price == D("3000000.00")
    assert sub.unit_price == D("30000.00") and sub.area == D("100.00")
    assert sub.sign_by == sub.subscribed_on + datetime.timedelta(days=7)
    assert deals.unit().status == "subscribed"
    assert not sub.deposit_received
    assert Event.objects.filter(type="subscription.created", target_id=sub.pk).exists()


def test_given_a_reserved_unit_when_subscribed_again_then_409_and_nothing_is_written(deals: Any) -> None:
    deals.subscribe()
    with pytest.raises(ConflictError) as caught:
        deals.subscribe()
    assert caught.value.code == "unit.not_available"
    assert Subscription.objects.count() == 1


def test_given_no_presale_permit_when_subscribing_then_refused_with_a_clear_error(deals: Any) -> None:
    deals.permit.delete()
    with pytest.raises(ApplicationError) as caught:
        deals.subscribe()
    assert caught.value.code == "deal.no_presale_permit" and "unit" in caught.value.fields
    assert deals.unit().status == "available"


def test_given_a_permit_issued_after_the_day_when_subscribing_then_refused(deals: Any) -> None:
    deals.permit.issued_on = _today()
    deals.permit.save()
    with pytest.raises(ApplicationError):
        deals.subscribe(subscribed_on=_today() - datetime.timedelta(days=1))


def test_given_a_completed_unit_with_measured_area_when_sold_then_no_permit_is_needed(deals: Any) -> None:
    deals.permit.delete()
    Unit.objects.filter(pk=deals.units[1].pk).update(measured_gross_area=D("100.50"), measured_internal_area=D("80.20"))
    assert deals.subscribe().status == "active"


@pytest.mark.parametrize(
    ("shares", "code"),
    [
        ([("primary", "60.00"), ("co_buyer", "30.00")], "deal.shares_not_100"),
        ([("primary", "50.00"), ("primary", "50.00")], "deal.one_primary_buyer"),
        ([("co_buyer", "100.00")], "deal.one_primary_buyer"),
    ],
)
def test_given_bad_buyer_shares_when_subscribing_then_400_naming_buyers(
    world: World, deals: Any, shares: list[Any], code: str
) -> None:
    from anju.customers.services.customers import create_customer

    other = create_customer(actor=world.admin, name="王五", mobiles=["13700137001"], projects=[world.project_a])
    people = [world.customer_a, other]
    buyers = [deals_module_buyer(people[i], role, share) for i, (role, share) in enumerate(shares)]
    with pytest.raises(ApplicationError) as caught:
        deals_module_create(deals, buyers)
    assert caught.value.code == code and "buyers" in caught.value.fields


def deals_module_buyer(customer: Any, role: str, share: str) -> Any:
    return svc.Buyer(customer, role, D(share))


def deals_module_create(fixture: Any, buyers: list[Any]) -> Any:
    return svc.create_subscription(actor=fixture.sales, unit=fixture.unit(), buyers=buyers)


def test_given_a_discount_beyond_the_threshold_when_subscribed_then_it_waits_for_approval(deals: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        deals.subscribe(pricing_basis="whole_unit", total_price=D("2800000.00"))
    assert caught.value.code == "deal.discount_reason_required"
    sub = deals.subscribe(pricing_basis="whole_unit", total_price=D("2800000.00"), discount_reason="老业主推荐")
    assert sub.status == "pending_approval"
    assert [a["action"] for a in SUBSCRIPTION.allowed_actions(sub, deals.sales)] == ["cancel"]
    assert "approve" in [a["action"] for a in SUBSCRIPTION.allowed_actions(sub, deals.supervisor)]
    sub = svc.approve_subscription(actor=deals.supervisor, subscription=sub)
    assert sub.status == "active" and sub.approved_by == deals.supervisor


def test_given_a_small_discount_when_subscribed_then_valid_at_once(deals: Any) -> None:
    sub = deals.subscribe(pricing_basis="whole_unit", total_price=D("2940000.00"), discount_reason="开盘优惠")
    assert sub.status == "active"


def test_given_a_subscription_when_cancelled_then_the_unit_is_back_on_sale_and_the_refund_recorded(deals: Any) -> None:
    sub = deals.subscribe()
    sub = deals_record_deposit(deals, sub)
    sub = svc.cancel_subscription(actor=deals.sales, subscription=sub, reason="客户资金困难")
    assert sub.status == "cancelled" and sub.refund_amount is None
    assert deals.unit().status == "available"
    with pytest.raises(ApplicationError):  # not the consultant: finance pays the deposit back
        SUBSCRIPTION.perform("refund_deposit", sub, deals.sales)
    sub = svc.refund_deposit(
        actor=deals.finance,
        subscription=sub,
        refund_amount=D("50000.00"),
        refunded_on=_today(),
        refund_account="6222021234567890",
    )
    assert sub.refund_amount == D("50000.00") and "6222021234567890" not in sub.refund_account
    with pytest.raises(ConflictError):  # once
        svc.refund_deposit(actor=deals.finance, subscription=sub, refund_amount=D("1.00"), refunded_on=_today())


def deals_record_deposit(fixture: Any, sub: Any) -> Any:
    return svc.record_deposit(
        actor=fixture.finance,
        subscription=sub,
        received_on=_today(),
        method="transfer",
        receipt_number="SJ001",
        invoice_number="FP001",
    )


def test_given_a_deadline_passed_when_the_scheduler_sweeps_then_the_subscription_expires(deals: Any) -> None:
    sub = deals.subscribe(subscribed_on=_today() - datetime.timedelta(days=10))
    assert sweep() >= 1
    sub.refresh_from_db()
    assert sub.status == "expired" and deals.unit().status == "available"
    assert sweep() == 0  # nobody is told twice


def test_given_a_subscription_with_deposit_when_converted_then_the_contract_carries_buyers_price_and_deposit(
    world: World, deals: Any
) -> None:
    sub = deals_record_deposit(deals, deals.subscribe())
    contract = svc.convert_subscription(
        actor=deals.sales, subscription=sub, payment_plan="commercial_loan", loan_amount=D("2000000.00")
    )
    sub.refresh_from_db()
    assert sub.status == "converted" and contract.subscription == sub
    assert contract.number.startswith("HT") and contract.total_price == D("3000000.00")
    assert contract.filing_due_on >= contract.signed_on + datetime.timedelta(days=30)
    assert deals.unit().status == "contracted"
    owners = UnitOwnership.objects.filter(unit=deals.unit())
    assert [(o.customer_id, o.role, o.share) for o in owners] == [(world.customer_a.pk, "primary", D("100.00"))]
    # deposit counted; down payment and loan due
    assert ledger.balance_of(contract) == D("2950000.00")
    kinds = sorted((r.kind, r.amount) for r in contract.receivables.all())
    assert kinds == [("deposit", D("50000.00")), ("down_payment", D("950000.00")), ("loan", D("2000000.00"))]
    # a mortgage case opened by the mortgage app
    assert MortgageCase.objects.filter(contract=contract).count() == 1


def test_given_no_deposit_when_converting_then_refused(deals: Any) -> None:
    sub = deals.subscribe()
    with pytest.raises(ConflictError) as caught:
        svc.convert_subscription(actor=deals.sales, subscription=sub)
    assert caught.value.code == "subscription.deposit_not_received"


def test_given_a_contract_when_filed_then_its_number_and_date_are_kept(deals: Any) -> None:
    contract = deals.sign()
    contract = svc.file_contract(actor=deals.sales, contract=contract, filing_number="WQ2026-1", filed_on=_today())
    assert contract.status == "filed" and contract.filing_number == "WQ2026-1"
    with pytest.raises(ApplicationError):
        svc.file_contract(
            actor=deals.sales, contract=deals.sign(2), filing_number="x", filed_on=_today() + datetime.timedelta(days=1)
        )


def test_given_a_loan_plan_when_the_loan_is_not_below_the_price_then_400(deals: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        deals.sign(payment_plan="commercial_loan", loan_amount=D("3000000.00"))
    assert caught.value.fields.keys() == {"loan_amount"}
    assert not Contract.objects.exists() and deals.unit().status == "available"


def test_given_instalments_when_signed_then_the_schedule_adds_up_to_the_price(deals: Any) -> None:
    due = _today() + datetime.timedelta(days=90)
    contract = deals.sign(
        payment_plan="installments", instalments=[deals_instalment("1000000.00", due), deals_instalment("500000.00", due)]
    )
    assert ledger.balance_of(contract) == contract.total_price
    assert sum(r.amount for r in contract.receivables.all()) == D("3000000.00")


def deals_instalment(amount: str, due_on: datetime.date) -> Any:
    return svc.Instalment(D(amount), due_on)


def test_given_a_contract_when_cancelled_then_the_unit_is_freed_owners_removed_and_the_refund_recorded(deals: Any) -> None:
    contract = deals.sign()
    ledger.record_receipt(
        actor=deals.finance,
        contract=contract,
        amount=D("900000.00"),
        occurred_on=_today(),
        method="transfer",
        receipt_number="R1",
    )
    contract = svc.cancel_contract(actor=deals.supervisor, contract=contract, reason="客户退房", refund_amount=D("900000.00"))
    assert contract.status == "cancelled" and deals.unit().status == "available"
    assert not UnitOwnership.objects.filter(unit=deals.unit()).exists()
    refund = LedgerEntry.objects.get(contract=contract, kind="refund")
    assert refund.status == "pending" and ledger.balance_of(contract) == D("-900000.00")
    with pytest.raises(ApplicationError) as caught:  # four eyes: not the supervisor who asked for it
        ledger.decide_refund(actor=deals.supervisor, entry=refund, action="approve")
    assert caught.value.code == "workflow.own_request"
    ledger.decide_refund(actor=deals.manager, entry=refund, action="approve")
    assert ledger.balance_of(contract) == D("0.00")


def test_given_a_change_of_unit_when_approved_then_the_contract_moves_with_its_owners(world: World, deals: Any) -> None:
    contract = deals.sign()
    change = changes.request_change(
        actor=deals.sales,
        contract=contract,
        kind="unit",
        reason="换大户型",
        new_unit=deals.unit(2),
        new_total_price=D("3100000.00"),
    )
    assert change.status == "pending"
    changes.decide(actor=deals.supervisor, change=change, action="approve")
    contract.refresh_from_db()
    assert contract.unit_id == deals.units[2].pk and contract.total_price == D("3100000.00")
    assert deals.unit(1).status == "available" and deals.unit(2).status == "contracted"
    assert UnitOwnership.objects.filter(unit=deals.unit(2), customer=world.customer_a).exists()
    assert ledger.balance_of(contract) == D("3100000.00")


def test_given_a_change_of_buyers_when_rejected_then_nothing_changes(world: World, deals: Any) -> None:
    from anju.customers.services.customers import create_customer

    contract = deals.sign()
    spouse = create_customer(actor=world.admin, name="李梅", mobiles=["13700137002"], projects=[world.project_a])
    change = changes.request_change(
        actor=deals.sales, contract=contract, kind="buyers", reason="加名", new_buyers=deals.buyers(world.customer_a, spouse)
    )
    changes.decide(actor=deals.supervisor, change=change, action="reject", reason="资料不全")
    assert contract.buyers.count() == 1
    change2 = changes.request_change(
        actor=deals.sales, contract=contract, kind="buyers", reason="加名", new_buyers=deals.buyers(world.customer_a, spouse)
    )
    changes.decide(actor=deals.supervisor, change=change2, action="approve")
    assert sorted(b.share for b in contract.buyers.all()) == [D("40.00"), D("60.00")]
    assert UnitOwnership.objects.filter(unit=deals.unit(), customer=spouse, share=D("40.00")).exists()


def test_given_random_receipts_and_refunds_when_posted_then_the_lines_always_add_up_to_the_balance(deals: Any) -> None:
    contract = deals.sign(payment_plan="full")
    rng = random.Random(20261204)
    for step in range(40):
        paid = sum((e.amount for e in LedgerEntry.objects.filter(contract=contract, status="posted")), D("0"))
        amount = D(rng.randint(1, 20000000)) / 100
        if rng.random() < 0.7:
            ledger.record_receipt(
                actor=deals.finance,
                contract=contract,
                amount=amount,
                occurred_on=_today(),
                method="transfer",
                receipt_number=f"R{step}",
            )
        elif paid > 0:
            entry = ledger.request_refund(
                actor=deals.finance,
                contract=contract,
                amount=min(amount, paid),
                occurred_on=_today(),
                method="transfer",
                note="退",
            )
            ledger.decide_refund(actor=deals.supervisor, entry=entry, action=rng.choice(["approve", "reject"]), reason="核对")
        lines = sum((e.amount for e in LedgerEntry.objects.filter(contract=contract, status="posted")), D("0"))
        annotated = selectors.with_amounts(Contract.objects.filter(pk=contract.pk)).get()
        assert ledger.balance_of(contract) == contract.total_price - lines
        assert annotated.due - annotated.paid == ledger.balance_of(contract)
        assert ledger.balance_of(contract).as_tuple().exponent == -2


def test_given_a_receipt_split_across_receivables_when_over_allocated_then_400_and_nothing_written(deals: Any) -> None:
    contract = deals.sign(payment_plan="installments", instalments=[deals_instalment("1000000.00", _today())])
    receivables = list(contract.receivables.order_by("id"))
    with pytest.raises(ApplicationError) as caught:
        ledger.record_receipt(
            actor=deals.finance,
            contract=contract,
            amount=D("100.00"),
            occurred_on=_today(),
            method="cash",
            allocations=[(receivables[0], D("60.00")), (receivables[1], D("60.00"))],
        )
    assert caught.value.code == "ledger.allocations_exceed_amount"
    assert not LedgerEntry.objects.exists()
    entry = ledger.record_receipt(
        actor=deals.finance,
        contract=contract,
        amount=D("100.00"),
        occurred_on=_today(),
        method="cash",
        allocations=[(receivables[0], D("60.00")), (receivables[1], D("40.00"))],
    )
    assert sorted(a.amount for a in entry.allocations.all()) == [D("40.00"), D("60.00")]


def test_given_an_overdue_down_payment_when_swept_then_the_consultant_is_reminded_once_a_week(deals: Any) -> None:
    from anju.notifications.models import Notification

    contract = deals.sign(
        signed_on=_today() - datetime.timedelta(days=40), down_payment_due_on=_today() - datetime.timedelta(days=3)
    )
    assert selectors.overdue_receivables(actor=deals.sales, today=_today()).filter(contract=contract).exists()
    assert not selectors.overdue_receivables(
        actor=deals.world.user("pb", role="sales_consultant", projects=[deals.world.project_b]), today=_today()
    ).exists()
    sweep()
    sweep()
    assert Notification.objects.filter(recipient=deals.sales, kind="receivable.overdue").count() == 1


def test_given_a_filing_due_in_a_week_when_swept_then_the_consultant_is_warned_and_on_the_day_the_supervisor_too(
    deals: Any,
) -> None:
    from anju.notifications.models import Notification

    contract = deals.sign()
    Contract.objects.filter(pk=contract.pk).update(filing_due_on=_today() + datetime.timedelta(days=5))
    sweep()
    assert Notification.objects.filter(recipient=deals.sales, kind="contract.filing_due_soon").count() == 1
    Contract.objects.filter(pk=contract.pk).update(filing_due_on=_today())
    sweep()
    assert Notification.objects.filter(recipient=deals.supervisor, kind="contract.filing_due").count() == 1


def test_given_a_direct_contract_when_priced_below_the_list_then_a_reason_and_within_the_threshold_only(deals: Any) -> None:
    with pytest.raises(ApplicationError) as caught:
        deals.sign(pricing_basis="whole_unit", total_price=D("1.00"), discount_reason="内部价")
    assert caught.value.code == "contract.discount_needs_approval" and "discount_reason" in caught.value.fields
    with pytest.raises(ApplicationError) as caught:
        deals.sign(pricing_basis="whole_unit", total_price=D("2950000.00"))
    assert caught.value.code == "deal.discount_reason_required"
    contract = deals.sign(pricing_basis="whole_unit", total_price=D("2950000.00"), discount_reason="开盘优惠")
    assert contract.total_price == D("2950000.00") and contract.discount_reason == "开盘优惠"


def test_given_an_approved_subscription_when_converted_then_its_price_is_kept(deals: Any) -> None:
    sub = deals.subscribe(pricing_basis="whole_unit", total_price=D("2800000.00"), discount_reason="老业主")
    sub = svc.approve_subscription(actor=deals.supervisor, subscription=sub)
    sub = deals_record_deposit(deals, sub)
    contract = svc.convert_subscription(actor=deals.sales, subscription=sub, total_price=D("1.00"), unit_price=D("1.00"))
    assert contract.total_price == D("2800000.00") and contract.pricing_basis == "whole_unit"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"pricing_basis": "building_area", "total_price": D("2000000.00")}, "total_price"),
        ({"pricing_basis": "whole_unit", "unit_price": D("1000.00")}, "unit_price"),
        ({"unit_price": D("999999999999.99"), "gross_area": D("99999999.99")}, "unit_price"),
    ],
)
def test_given_prices_that_do_not_fit_the_basis_or_the_column_when_signing_then_400(
    deals: Any, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(ApplicationError) as caught:
        deals.sign(**overrides)
    assert field in caught.value.fields
    assert not Contract.objects.exists()


def test_given_a_unit_without_a_list_price_or_with_owners_when_sold_then_refused(world: World, deals: Any) -> None:
    from anju.sales.models import PriceListItem

    PriceListItem.objects.filter(unit=deals.units[1]).delete()
    with pytest.raises(ApplicationError) as caught:
        deals.subscribe(1, unit_price=D("1.00"))
    assert caught.value.code == "deal.no_list_price"
    with pytest.raises(ConflictError) as conflict:  # unit_a still belongs to 张三
        deals.sign(0)
    assert conflict.value.code == "unit.has_owners"


def test_given_one_receipt_split_twice_onto_one_receivable_when_over_its_amount_then_400(deals: Any) -> None:
    contract = deals.sign()
    receivable = contract.receivables.get()
    with pytest.raises(ApplicationError):
        ledger.record_receipt(
            actor=deals.finance,
            contract=contract,
            amount=D("4000000.00"),
            occurred_on=_today(),
            method="transfer",
            allocations=[(receivable, D("2000000.00")), (receivable, D("2000000.00"))],
        )
    with pytest.raises(ApplicationError):
        ledger.add_receivable(actor=deals.finance, contract=contract, kind="other", amount=D("-2999999.00"))
    with pytest.raises(ApplicationError):
        ledger.record_receipt(
            actor=deals.finance,
            contract=contract,
            amount=D("1.00"),
            occurred_on=_today() + datetime.timedelta(days=1),
            method="cash",
        )


def test_given_a_filed_contract_when_its_unit_changes_then_it_must_be_filed_again(deals: Any) -> None:
    contract = svc.file_contract(actor=deals.sales, contract=deals.sign(), filing_number="WQ-1", filed_on=_today())
    change = changes.request_change(actor=deals.sales, contract=contract, kind="unit", reason="换房", new_unit=deals.unit(2))
    changes.decide(actor=deals.supervisor, change=change, action="approve")
    contract.refresh_from_db()
    assert contract.status == "signed" and contract.filing_number == "" and contract.filing_due_on > _today()


def test_given_a_consultant_who_left_the_project_when_swept_then_the_projects_consultants_are_told(
    world: World, deals: Any
) -> None:
    from anju.notifications.models import Notification
    from anju.properties.services import set_user_scope

    contract = deals.sign()
    Contract.objects.filter(pk=contract.pk).update(filing_due_on=_today() + datetime.timedelta(days=3))
    successor = world.user("successor", role="sales_consultant", projects=[world.project_a])
    set_user_scope(actor=None, user=deals.sales, all_projects=False, city_companies=[], projects=[world.project_b])
    sweep()
    assert not Notification.objects.filter(recipient=deals.sales, kind="contract.filing_due_soon").exists()
    assert Notification.objects.filter(recipient=successor, kind="contract.filing_due_soon").exists()


def test_given_an_overdue_down_payment_when_collections_are_filtered_by_kind_then_only_that_kind_is_listed(
    deals: Any, client_for: Any
) -> None:
    contract = deals.sign(
        signed_on=_today() - datetime.timedelta(days=40), down_payment_due_on=_today() - datetime.timedelta(days=3)
    )
    api = client_for(deals.finance)
    down = api.get("/api/v1/overdue-receivables/", {"kind": "down_payment"}).json()
    assert [r["contract"] for r in down["results"]] == [contract.id]
    # the 财务 home's 逾期未付的面积补差款 counts this list with kind=area_difference: no area difference is due here
    assert api.get("/api/v1/overdue-receivables/", {"kind": "area_difference"}).json()["count"] == 0
    assert api.get("/api/v1/overdue-receivables/", {"kind": "bogus"}).status_code == 400
