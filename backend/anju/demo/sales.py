"""Demo deals consistent with the demo units: every building has a presale permit and an approved price list; every
unit marked 已签约 or 已交付 gets a contract whose buyers are its owners (with the ledger paid as far as its story
goes); every 已认购 unit a subscription; loan contracts open mortgage cases, spread over every stage.

Contracts are written with the models (the deals happened in the past, before Anju: the units already have their
owners), then ``contract_signed`` is sent so the mortgage app opens its cases exactly as it does for a new deal.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from anju.accounts.models import User
from anju.core.numbering import next_number
from anju.customers.models import UnitOwnership
from anju.properties.choices import UnitStatus
from anju.properties.models import Building, Project, Unit
from anju.sales import rules, signals
from anju.sales.choices import PaymentPlan, PricingBasis, ReceivableKind
from anju.sales.models import (
    Allocation,
    Contract,
    ContractBuyer,
    LedgerEntry,
    PresalePermit,
    PriceList,
    PriceListItem,
    Receivable,
    Subscription,
    SubscriptionBuyer,
)
from anju.sales.services import catalogue

UNIT_PRICE = {"P001": Decimal("42000.00"), "P002": Decimal("35000.00")}
PLANS = [
    PaymentPlan.COMMERCIAL_LOAN,
    PaymentPlan.COMMERCIAL_LOAN,
    PaymentPlan.PROVIDENT_FUND_LOAN,
    PaymentPlan.COMBINED_LOAN,
    PaymentPlan.FULL,
    PaymentPlan.INSTALLMENTS,
]


def _catalogue(users: dict[str, User], projects: dict[str, Project]) -> None:
    """Prices are drawn up by the administrator and approved by 管理层 (four eyes)."""
    manager, admin = users["manager"], users["admin"]
    for code, project in projects.items():
        for building in Building.objects.filter(project=project).order_by("code"):
            PresalePermit.objects.get_or_create(
                building=building,
                defaults={
                    "project": project,
                    "number": f"沪房管({2022 if code == 'P001' else 2024})预字{project.pk:02d}{building.code.zfill(2)}号",
                    "issued_on": datetime.date(2022, 3, 1) if code == "P001" else datetime.date(2024, 3, 1),
                    "scope": f"{building.name} 1-18层",
                },
            )
            if PriceList.objects.filter(building=building).exists():
                continue
            base = UNIT_PRICE[code]
            units = list(Unit.objects.filter(building=building))
            lines = [catalogue.PriceLine(u, base + Decimal(u.floor * 150)) for u in units]
            price_list = catalogue.create_price_list(
                actor=admin,
                building=building,
                effective_from=datetime.date(2022, 3, 1) if code == "P001" else datetime.date(2024, 3, 1),
                lines=lines,
                note="开盘价",
            )
            PriceList.objects.filter(pk=price_list.pk).update(status="approved", decided_by=manager, decided_at=timezone.now())
    # A second version waiting for 管理层 (a price rise for the unsold units of P002 1号楼).
    building = Building.objects.get(project=projects["P002"], code="1")
    if not PriceList.objects.filter(building=building, version_number=2).exists():
        unsold = list(Unit.objects.filter(building=building, status=UnitStatus.AVAILABLE)[:20])
        draft = catalogue.create_price_list(
            actor=admin,
            building=building,
            effective_from=timezone.localdate() + datetime.timedelta(days=7),
            lines=[catalogue.PriceLine(u, UNIT_PRICE["P002"] + Decimal(u.floor * 150) + Decimal("800")) for u in unsold],
            note="二期调价",
        )
        catalogue.step_price_list(actor=admin, price_list=draft, action="submit")  # waits for 郑总


def _price(unit: Unit) -> tuple[Decimal, Decimal]:
    item = PriceListItem.objects.filter(unit=unit, price_list__status="approved").order_by("-price_list__version_number").first()
    assert item is not None
    return item.unit_price, item.total_price


def _receipt(contract: Contract, receivable: Receivable, amount: Decimal, on: datetime.date, finance: User) -> None:
    entry = LedgerEntry.objects.create(
        contract=contract,
        kind="receipt",
        amount=amount,
        occurred_on=on,
        method="transfer",
        receipt_number=next_number(scope="demo-receipt", prefix="SJ", width=6),
        invoice_number=next_number(scope="demo-invoice", prefix="FP", width=8),
        recorded_by=finance,
    )
    Allocation.objects.create(entry=entry, receivable=receivable, amount=amount)


def _contract(unit: Unit, users: dict[str, User], rng: random.Random, index: int) -> Contract | None:
    owners = list(UnitOwnership.objects.filter(unit=unit).select_related("customer"))
    if not owners:
        return None
    today = timezone.localdate()
    delivered = unit.status == UnitStatus.DELIVERED
    signed = (
        (unit.delivery_date - datetime.timedelta(days=rng.randrange(200, 500)))
        if unit.delivery_date
        else (today - datetime.timedelta(days=rng.randrange(5, 150)))
    )
    unit_price, total = _price(unit)
    plan = PLANS[index % len(PLANS)]
    loan_plans = (PaymentPlan.COMMERCIAL_LOAN, PaymentPlan.PROVIDENT_FUND_LOAN, PaymentPlan.COMBINED_LOAN)
    loan = (total * Decimal("0.6") / 10000).quantize(Decimal("1")) * 10000 if plan in loan_plans else Decimal("0.00")
    due = rules.filing_due_on(signed)
    filed = delivered or index % 7 != 0  # a few recent contracts are not filed yet (some overdue)
    contract = Contract.objects.create(
        number=next_number(scope="contract", prefix="HT", period=signed.strftime("%Y%m%d"), width=4),
        project_id=unit.project_id,
        unit=unit,
        signed_on=signed,
        consultant=users["sales"],
        pricing_basis=PricingBasis.BUILDING_AREA,
        unit_price=unit_price,
        gross_area=unit.predicted_gross_area,
        internal_area=unit.predicted_internal_area,
        total_price=total,
        payment_plan=plan,
        loan_amount=loan,
        delivery_deadline=unit.delivery_date or (today + datetime.timedelta(days=300)),
        status="filed" if filed else "signed",
        filing_due_on=due,
        filing_number=f"网签{signed:%Y}{unit.pk:06d}" if filed else "",
        filed_on=min(signed + datetime.timedelta(days=rng.randrange(3, 25)), today) if filed else None,
        created_by=users["sales"],
    )
    share = (Decimal("100.00") / len(owners)).quantize(Decimal("0.01"))
    shares = [share] * len(owners)
    shares[0] += Decimal("100.00") - sum(shares)
    for owner, part in zip(owners, shares, strict=True):
        ContractBuyer.objects.create(
            contract=contract, customer=owner.customer, role="primary" if owner.role == "primary" else "co_buyer", share=part
        )
        UnitOwnership.objects.filter(pk=owner.pk).update(share=part, since=owner.since or signed)
    finance = users["finance"]
    cash = total - loan
    if plan == PaymentPlan.INSTALLMENTS:
        first = (cash * Decimal("0.5")).quantize(Decimal("0.01"))
        parts = [(ReceivableKind.DOWN_PAYMENT, first, signed + datetime.timedelta(days=15))]
        parts.append((ReceivableKind.INSTALMENT, cash - first, signed + datetime.timedelta(days=180)))
    else:
        parts = [(ReceivableKind.DOWN_PAYMENT, cash, signed + datetime.timedelta(days=15))]
    for kind, amount, due_on in parts:
        receivable = Receivable.objects.create(contract=contract, kind=kind, amount=amount, due_on=due_on)
        # paid when due, except a few recent deals whose down payment is late (the consultant's 催收 list)
        if delivered or (due_on < today and index % 5 != 0):
            _receipt(contract, receivable, amount, min(due_on, today), finance)
    if loan:
        Receivable.objects.create(contract=contract, kind=ReceivableKind.LOAN, amount=loan)
    return contract


def _subscription(unit: Unit, users: dict[str, User], rng: random.Random, index: int) -> None:
    owners = list(UnitOwnership.objects.filter(unit=unit).select_related("customer"))
    if not owners:
        return
    today = timezone.localdate()
    on = today - datetime.timedelta(days=rng.randrange(0, 6))
    unit_price, total = _price(unit)
    deposit = Decimal("50000.00")
    received = index % 3 != 0
    subscription = Subscription.objects.create(
        number=next_number(scope="subscription", prefix="RG", period=on.strftime("%Y%m%d"), width=4),
        project_id=unit.project_id,
        unit=unit,
        subscribed_on=on,
        consultant=users["sales"],
        pricing_basis=PricingBasis.BUILDING_AREA,
        unit_price=unit_price,
        area=unit.predicted_gross_area,
        list_price=total,
        total_price=total,
        deposit_amount=deposit,
        sign_by=on + datetime.timedelta(days=7),
        deposit_received_on=on if received else None,
        deposit_method="wechat" if received else "",
        deposit_receipt_number=next_number(scope="demo-receipt", prefix="SJ", width=6) if received else "",
        deposit_recorded_by=users["finance"] if received else None,
        created_by=users["sales"],
    )
    for position, owner in enumerate(owners):
        SubscriptionBuyer.objects.create(
            subscription=subscription,
            customer=owner.customer,
            role="primary" if position == 0 else "co_buyer",
            share=Decimal("100.00") if len(owners) == 1 else Decimal("50.00"),
        )


def seed_sales(users: dict[str, User], projects: dict[str, Project], rng: random.Random) -> list[Contract]:
    _catalogue(users, projects)
    contracts = []
    units = Unit.objects.filter(ownerships__isnull=False).distinct().order_by("project__code", "building__code", "floor", "stack")
    for index, unit in enumerate(units):
        if unit.status in (UnitStatus.CONTRACTED, UnitStatus.DELIVERED):
            contract = _contract(unit, users, rng, index)
            if contract is not None:
                contracts.append(contract)
        elif unit.status == UnitStatus.SUBSCRIBED:
            _subscription(unit, users, rng, index)
    for contract in contracts:
        signals.contract_signed.send(sender=Contract, contract=contract, actor=users["sales"])
    _stories(users)
    return contracts


def _stories(users: dict[str, User]) -> None:
    """Subscriptions in every state, through the services the screens use: converted to contracts, withdrawn (one
    with its deposit refunded), expired, one awaiting discount approval; and a contract change awaiting approval."""
    from anju.sales.choices import SubscriptionStatus
    from anju.sales.services import changes, deals

    sales, finance = users["sales"], users["finance"]
    today = timezone.localdate()
    received = list(
        Subscription.objects.filter(status=SubscriptionStatus.ACTIVE, deposit_received_on__isnull=False).order_by("id")[:6]
    )
    for subscription in received[:3]:
        deals.convert_subscription(
            actor=sales,
            subscription=subscription,
            payment_plan=PaymentPlan.COMMERCIAL_LOAN,
            loan_amount=(subscription.total_price * Decimal("0.6") / 10000).quantize(Decimal("1")) * 10000,
            delivery_deadline=today + datetime.timedelta(days=400),
        )
    for position, subscription in enumerate(received[3:5]):
        withdrawn = deals.cancel_subscription(actor=sales, subscription=subscription, reason="客户资金安排有变，放弃购买")
        if position == 0:
            deals.refund_deposit(actor=finance, subscription=withdrawn, refund_amount=withdrawn.deposit_amount, refunded_on=today)
    if len(received) > 5:
        late = received[5]
        Subscription.objects.filter(pk=late.pk).update(sign_by=today - datetime.timedelta(days=1))
        late.refresh_from_db()
        deals.expire_subscription(actor=None, subscription=late)
    waiting = (
        Subscription.objects.filter(status=SubscriptionStatus.ACTIVE, deposit_received_on__isnull=True).order_by("id").first()
    )
    if waiting is not None:
        discounted = (waiting.total_price * Decimal("0.95")).quantize(Decimal("0.01"))
        Subscription.objects.filter(pk=waiting.pk).update(
            status=SubscriptionStatus.PENDING_APPROVAL, total_price=discounted, discount_reason="团购优惠 5%"
        )
    contract = Contract.objects.filter(status="signed", unit__status=UnitStatus.CONTRACTED).order_by("id").first()
    if contract is not None:
        changes.request_change(actor=sales, contract=contract, kind="cancellation", reason="客户因工作调动申请退房")
