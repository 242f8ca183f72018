"""Subscriptions (认购) and contracts (签约): what a deal checks, what it changes on the unit and its owners.

- A unit is reserved by locking its row: of two subscriptions for one unit at the same moment, the second finds it
  已认购 and gets a 409 (on every database: the row lock serialises them).
- A building without a presale permit in force on the day cannot be subscribed or sold off-plan (R5.1, R5.5); a
  unit with a measured area is a completed home (现房) and needs none.
- Buyers: existing customers, exactly one primary, shares adding up to exactly 100.00 %.
- A contract's buyers become the unit's owners (with their shares); cancelling removes them and frees the unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.models import User
from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.numbering import next_number
from anju.customers.choices import OwnershipRole
from anju.customers.models import Customer, UnitOwnership
from anju.customers.services.contacts import add_ownership, ensure_not_erased, remove_ownership
from anju.customers.services.customers import ensure_sales_consultant
from anju.notifications.services import notify
from anju.properties.choices import UnitStatus
from anju.properties.models import Unit
from anju.properties.scope import active_users_in_role, can_see_project
from anju.sales import rules, selectors, signals
from anju.sales.choices import (
    LOAN_PLANS,
    AreaClause,
    BuyerRole,
    MoneyMethod,
    PaymentPlan,
    PricingBasis,
    ReceivableKind,
    SubscriptionStatus,
    TaxBorneBy,
)
from anju.sales.errors import ErrorCode
from anju.sales.events import SalesEvent
from anju.sales.models import (
    ZERO,
    Allocation,
    Contract,
    ContractBuyer,
    LedgerEntry,
    Receivable,
    Subscription,
    SubscriptionBuyer,
)
from anju.sales.rules import money
from anju.sales.services.common import ensure_live
from anju.sales.workflow import CONTRACT, SUBSCRIPTION, ContractAction, SubscriptionAction


@dataclass(frozen=True)
class Buyer:
    customer: Customer
    role: str
    share: Decimal


@dataclass(frozen=True)
class Instalment:
    amount: Decimal
    due_on: datetime.date


def _invalid(code: StrEnum, field: str, message: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _check_buyers(actor: User, buyers: Sequence[Buyer]) -> None:
    if not buyers:
        raise _invalid(ErrorCode.DEAL_NO_BUYER, "buyers", _("Name at least one buyer."))
    if sum(1 for b in buyers if b.role == BuyerRole.PRIMARY) != 1:
        raise _invalid(ErrorCode.DEAL_ONE_PRIMARY_BUYER, "buyers", _("Exactly one buyer must be the primary buyer."))
    if len({b.customer.pk for b in buyers}) != len(buyers):
        raise _invalid(ErrorCode.DEAL_DUPLICATE_BUYER, "buyers", _("A customer appears twice among the buyers."))
    if not rules.shares_complete([b.share for b in buyers]):
        raise _invalid(ErrorCode.DEAL_SHARES_NOT_100, "buyers", _("The buyers' shares must each be positive and add up to 100%."))
    for buyer in buyers:
        ensure_not_erased(buyer.customer)


def _check_unit_sellable(unit: Unit, on: datetime.date) -> None:
    if unit.measured_gross_area is None and not selectors.building_has_permit(unit.building_id, on):
        raise _invalid(
            ErrorCode.DEAL_NO_PRESALE_PERMIT,
            "unit",
            _("Building %(building)s has no presale permit in force on %(date)s: its units cannot be sold off-plan.")
            % {"building": unit.building.name, "date": on.isoformat()},
        )


def _lock_unit(unit: Unit) -> Unit:
    return Unit.objects.select_for_update().select_related("building", "project").get(pk=unit.pk)


def _set_unit_status(unit: Unit, status: str) -> None:
    Unit.objects.filter(pk=unit.pk).update(status=status, version=unit.version + 1, updated_at=timezone.now())
    unit.status = status
    unit.version += 1


def _unit_taken() -> ConflictError:
    return ConflictError(
        ErrorCode.UNIT_NOT_AVAILABLE,
        _("This unit is no longer available: it was reserved or sold a moment ago. Reload and choose another."),
        fields={"unit": [_("This unit is no longer available.")]},
    )


def _ensure_consultant(actor: User, consultant: User | None, project_id: int) -> User:
    chosen = consultant or actor
    ensure_sales_consultant(chosen, code=ErrorCode.DEAL_INVALID_CONSULTANT)
    if not can_see_project(chosen, project_id):
        raise _invalid(ErrorCode.DEAL_INVALID_CONSULTANT, "consultant", _("This consultant does not work on this project."))
    return chosen


def _price(
    unit: Unit, *, basis: str, unit_price: Decimal | None, area: Decimal | None, total: Decimal | None, on: datetime.date
) -> tuple[Decimal | None, Decimal | None, Decimal, Decimal]:
    """(unit price, area, agreed total, list price). 一房一价: a unit is sold only with an approved list price in force;
    missing figures default to it. A per-area basis takes the unit price (its total follows), per unit the total."""
    listed = selectors.current_list_price(unit.pk, on)
    if listed is None:
        raise _invalid(ErrorCode.DEAL_NO_LIST_PRICE, "unit", _("This unit has no approved list price in force: price it first."))
    if basis != PricingBasis.WHOLE_UNIT:
        if total is not None:
            raise _invalid(
                ErrorCode.DEAL_TOTAL_WITH_AREA_BASIS,
                "total_price",
                _("Priced by area, the total follows from the unit price: give the unit price."),
            )
        area = area or (unit.predicted_internal_area if basis == PricingBasis.INNER_AREA else unit.predicted_gross_area)
        if unit_price is None:
            unit_price = money(listed.total_price / area)
            agreed = listed.total_price
        else:
            agreed = rules.agreed_total(basis, unit_price, area, None)
    else:
        if unit_price is not None:
            raise _invalid(
                ErrorCode.DEAL_UNIT_PRICE_WITH_UNIT_BASIS, "unit_price", _("Priced per unit, give the total price only.")
            )
        unit_price, area = None, None
        agreed = money(total) if total is not None else listed.total_price
    if agreed > rules.MAX_MONEY:
        field = "total_price" if basis == PricingBasis.WHOLE_UNIT else "unit_price"
        raise _invalid(ErrorCode.DEAL_PRICE_TOO_LARGE, field, _("The total price is larger than any sale this system records."))
    return unit_price, area, agreed, listed.total_price


def _check_discount(list_total: Decimal, total: Decimal, reason: str) -> Decimal:
    discount = rules.discount_percent(list_total, total)
    if discount > 0 and not reason.strip():
        raise _invalid(
            ErrorCode.DEAL_DISCOUNT_REASON_REQUIRED, "discount_reason", _("A price below the list price needs a reason.")
        )
    return discount


def _check_no_owners(unit: Unit) -> None:
    """A unit that still has owners is not on sale (a resale goes through the owners' change first)."""
    if UnitOwnership.objects.filter(unit=unit).exists():
        raise ConflictError(
            ErrorCode.UNIT_HAS_OWNERS,
            _("This unit still has owners: it is not on sale. Remove the ownership first if it was sold back."),
            fields={"unit": [_("This unit still has owners.")]},
        )


# --- Subscriptions -----------------------------------------------------------------------------------------


@transaction.atomic
def create_subscription(
    *,
    actor: User,
    unit: Unit,
    buyers: Sequence[Buyer],
    subscribed_on: datetime.date | None = None,
    consultant: User | None = None,
    pricing_basis: str = PricingBasis.BUILDING_AREA,
    unit_price: Decimal | None = None,
    area: Decimal | None = None,
    total_price: Decimal | None = None,
    discount_reason: str = "",
    deposit_amount: Decimal = ZERO,
) -> Subscription:
    on = subscribed_on or timezone.localdate()
    _check_buyers(actor, buyers)
    consultant = _ensure_consultant(actor, consultant, unit.project_id)
    unit = _lock_unit(unit)
    if unit.status != UnitStatus.AVAILABLE:
        raise _unit_taken()
    _check_no_owners(unit)
    _check_unit_sellable(unit, on)
    unit_price, area, total, list_total = _price(
        unit, basis=pricing_basis, unit_price=unit_price, area=area, total=total_price, on=on
    )
    if deposit_amount < 0 or deposit_amount > total:
        raise _invalid(
            ErrorCode.SUBSCRIPTION_BAD_DEPOSIT, "deposit_amount", _("The deposit must be between 0 and the total price.")
        )
    discount = _check_discount(list_total, total, discount_reason)
    config = selectors.sales_settings(unit.project_id)
    needs_approval = discount > config.discount_approval_percent
    subscription = Subscription.objects.create(
        number=next_number(scope="subscription", prefix="RG", period=on.strftime("%Y%m%d"), width=4),
        project_id=unit.project_id,
        unit=unit,
        subscribed_on=on,
        consultant=consultant,
        pricing_basis=pricing_basis,
        unit_price=unit_price,
        area=area,
        list_price=list_total,
        total_price=total,
        discount_reason=discount_reason,
        deposit_amount=money(deposit_amount),
        sign_by=on + datetime.timedelta(days=config.signing_deadline_days),
        status=SubscriptionStatus.PENDING_APPROVAL if needs_approval else SubscriptionStatus.ACTIVE,
        created_by=actor,
    )
    SubscriptionBuyer.objects.bulk_create(
        [SubscriptionBuyer(subscription=subscription, customer=b.customer, role=b.role, share=b.share) for b in buyers]
    )
    _set_unit_status(unit, UnitStatus.SUBSCRIBED)
    record_event(
        target=subscription,
        type=SalesEvent.SUBSCRIPTION_CREATED,
        actor=actor,
        to_status=subscription.status,
        data={"unit": str(unit), "total_price": str(total), "discount_percent": str(discount)},
        also_on=selectors.subscription_audience(subscription),
    )
    if needs_approval:
        notify(
            [*active_users_in_role("service_supervisor", unit.project_id), *active_users_in_role("management", unit.project_id)],
            kind="subscription.discount_approval",
            title=_("Subscription %(number)s: a %(percent)s%% discount needs your approval")
            % {"number": subscription.number, "percent": discount},
            link=f"/sales/subscriptions/{subscription.pk}",
        )
    return subscription


def approve_subscription(*, actor: User, subscription: Subscription, version: int | None = None) -> Subscription:
    def change(current: Subscription) -> dict[str, Any]:
        current.approved_by = actor
        return {}

    return SUBSCRIPTION.perform(SubscriptionAction.APPROVE, subscription, actor, version=version, change=change)


def record_deposit(
    *,
    actor: User,
    subscription: Subscription,
    received_on: datetime.date,
    method: str,
    receipt_number: str,
    invoice_number: str = "",
    version: int | None = None,
) -> Subscription:
    if received_on > timezone.localdate() or received_on < subscription.subscribed_on:
        raise _invalid(
            ErrorCode.DEPOSIT_BAD_DATE, "received_on", _("The deposit is received between the subscription date and today.")
        )

    def change(current: Subscription) -> dict[str, Any]:
        current.deposit_received_on = received_on
        current.deposit_method = method
        current.deposit_receipt_number = receipt_number
        current.deposit_invoice_number = invoice_number
        current.deposit_recorded_by = actor
        return {"amount": str(current.deposit_amount), "receipt_number": receipt_number, "method": method}

    return SUBSCRIPTION.perform(
        SubscriptionAction.RECORD_DEPOSIT, subscription, actor, version=version, change=change, note=receipt_number
    )


def _release_unit(unit_id: int) -> None:
    unit = Unit.objects.select_for_update().get(pk=unit_id)
    if unit.status == UnitStatus.SUBSCRIBED:
        _set_unit_status(unit, UnitStatus.AVAILABLE)


def cancel_subscription(*, actor: User, subscription: Subscription, reason: str, version: int | None = None) -> Subscription:
    """退订: the unit goes back on sale; a deposit to pay back is recorded by finance (``refund_deposit``)."""

    def change(current: Subscription) -> dict[str, Any]:
        current.cancel_reason = reason[:200]
        current.cancelled_on = timezone.localdate()
        _release_unit(current.unit_id)
        return {}

    return SUBSCRIPTION.perform(SubscriptionAction.CANCEL, subscription, actor, version=version, reason=reason, change=change)


def refund_deposit(
    *,
    actor: User,
    subscription: Subscription,
    refund_amount: Decimal,
    refunded_on: datetime.date,
    refund_account: str = "",
    version: int | None = None,
) -> Subscription:
    """Finance records the deposit paid back after a cancellation or expiry (at most the deposit received)."""
    from anju.core import pii

    def change(current: Subscription) -> dict[str, Any]:
        if refund_amount <= 0 or refund_amount > current.deposit_amount:
            raise _invalid(ErrorCode.SUBSCRIPTION_BAD_REFUND, "refund_amount", _("A refund is at most the deposit received."))
        if refunded_on > timezone.localdate() or (current.deposit_received_on and refunded_on < current.deposit_received_on):
            raise _invalid(
                ErrorCode.SUBSCRIPTION_BAD_REFUND_DATE, "refunded_on", _("The refund is paid between the deposit date and today.")
            )
        current.refund_amount = money(refund_amount)
        current.refunded_on = refunded_on
        current.refund_account = pii.encrypt(refund_account) if refund_account else ""
        return {"refund_amount": str(current.refund_amount)}

    return SUBSCRIPTION.perform(SubscriptionAction.REFUND_DEPOSIT, subscription, actor, version=version, change=change)


def expire_subscription(*, actor: User | None, subscription: Subscription, version: int | None = None) -> Subscription:
    def change(current: Subscription) -> dict[str, Any]:
        _release_unit(current.unit_id)
        return {"sign_by": current.sign_by.isoformat()}

    return SUBSCRIPTION.perform(SubscriptionAction.EXPIRE, subscription, actor, version=version, change=change)


def convert_subscription(*, actor: User, subscription: Subscription, version: int | None = None, **contract: Any) -> Contract:
    """已转签约: the contract carries the subscription's buyers, price and deposit."""
    made: list[Contract] = []

    def change(current: Subscription) -> dict[str, Any]:
        buyers = [Buyer(b.customer, b.role, b.share) for b in current.buyers.select_related("customer")]
        # the price agreed (and, for a discount, approved) on the subscription: not changed when signing
        for key in ("pricing_basis", "unit_price", "total_price", "gross_area", "internal_area"):
            contract.pop(key, None)
        made.append(
            create_contract(
                actor=actor, unit=current.unit, buyers=buyers, subscription=current, consultant=current.consultant, **contract
            )
        )
        return {"contract": made[0].number}

    SUBSCRIPTION.perform(SubscriptionAction.CONVERT, subscription, actor, version=version, change=change)
    return made[0]


# --- Contracts ---------------------------------------------------------------------------------------------


@transaction.atomic
def create_contract(
    *,
    actor: User,
    unit: Unit,
    buyers: Sequence[Buyer],
    signed_on: datetime.date | None = None,
    consultant: User | None = None,
    pricing_basis: str = PricingBasis.BUILDING_AREA,
    unit_price: Decimal | None = None,
    gross_area: Decimal | None = None,
    internal_area: Decimal | None = None,
    total_price: Decimal | None = None,
    payment_plan: str = PaymentPlan.FULL,
    loan_amount: Decimal = ZERO,
    down_payment_due_on: datetime.date | None = None,
    instalments: Sequence[Instalment] = (),
    delivery_deadline: datetime.date | None = None,
    handover_notice_days: int = 14,
    area_clause: str = AreaClause.STATUTORY,
    area_threshold_percent: Decimal = Decimal("3.00"),
    excess_refund_multiplier: Decimal = Decimal("2.00"),
    rescission_interest_percent: Decimal = Decimal("4.35"),
    area_tax_borne_by: str = TaxBorneBy.BUYER,
    rescission_refund_days: int | None = None,
    discount_reason: str = "",
    subscription: Subscription | None = None,
) -> Contract:
    """签约, from a subscription (its buyers, approved price and deposit) or directly. A direct contract below the list
    price needs a reason, and beyond the project's approval threshold it is refused: subscribe first, so that the
    discount is approved."""
    on = signed_on or timezone.localdate()
    if on > timezone.localdate():
        raise _invalid(ErrorCode.CONTRACT_FUTURE_DATE, "signed_on", _("A contract cannot be signed in the future."))
    _check_buyers(actor, buyers)
    consultant = _ensure_consultant(actor, consultant, unit.project_id)
    unit = _lock_unit(unit)
    if subscription is None and unit.status != UnitStatus.AVAILABLE:
        raise _unit_taken()
    if subscription is not None and (unit.status != UnitStatus.SUBSCRIBED or subscription.unit_id != unit.pk):
        raise _unit_taken()
    if subscription is None:
        _check_no_owners(unit)
    _check_unit_sellable(unit, on)
    gross = gross_area or unit.predicted_gross_area
    internal = internal_area or unit.predicted_internal_area
    if internal > gross:
        raise _invalid(ErrorCode.CONTRACT_BAD_AREAS, "internal_area", _("The internal area cannot exceed the gross floor area."))
    if delivery_deadline is not None and delivery_deadline < on:
        raise _invalid(
            ErrorCode.CONTRACT_BAD_DATE, "delivery_deadline", _("The delivery deadline cannot be before the signing date.")
        )
    if down_payment_due_on is not None and down_payment_due_on < on:
        raise _invalid(
            ErrorCode.CONTRACT_BAD_DATE, "down_payment_due_on", _("The down payment cannot fall due before the signing date.")
        )
    if subscription is not None:
        pricing_basis, unit_price, total = subscription.pricing_basis, subscription.unit_price, subscription.total_price
        discount_reason = subscription.discount_reason
    else:
        area = internal if pricing_basis == PricingBasis.INNER_AREA else gross
        unit_price, _area, total, list_total = _price(
            unit, basis=pricing_basis, unit_price=unit_price, area=area, total=total_price, on=on
        )
        discount = _check_discount(list_total, total, discount_reason)
        if discount > selectors.sales_settings(unit.project_id).discount_approval_percent:
            raise _invalid(
                ErrorCode.CONTRACT_DISCOUNT_NEEDS_APPROVAL,
                "discount_reason",
                _("A discount of %(percent)s%% needs approval: record a subscription first, then sign it.")
                % {"percent": discount},
            )
    loan = money(loan_amount)
    if payment_plan in LOAN_PLANS and not (ZERO < loan < total):
        raise _invalid(ErrorCode.CONTRACT_BAD_LOAN, "loan_amount", _("A loan is more than 0 and less than the total price."))
    if payment_plan not in LOAN_PLANS and loan != ZERO:
        raise _invalid(ErrorCode.CONTRACT_BAD_LOAN, "loan_amount", _("Only a loan payment method carries a loan amount."))
    if payment_plan == PaymentPlan.INSTALLMENTS and not instalments:
        raise _invalid(ErrorCode.CONTRACT_INSTALMENTS_REQUIRED, "instalments", _("Give the instalments and their due dates."))
    if payment_plan != PaymentPlan.INSTALLMENTS and instalments:
        raise _invalid(
            ErrorCode.CONTRACT_INSTALMENTS_NOT_ALLOWED, "instalments", _("Only payment by instalments has instalments.")
        )
    if handover_notice_days < 10:
        raise _invalid(ErrorCode.CONTRACT_NOTICE_TOO_SHORT, "handover_notice_days", _("The handover notice is at least 10 days."))
    deposit = subscription.deposit_amount if subscription is not None else ZERO
    instalment_total = sum((money(i.amount) for i in instalments), ZERO)
    down_payment = total - deposit - loan - instalment_total
    if down_payment < 0:
        raise _invalid(
            ErrorCode.CONTRACT_SCHEDULE_EXCEEDS_PRICE,
            "instalments",
            _("The deposit, loan and instalments add up to more than the price."),
        )
    contract = Contract.objects.create(
        number=next_number(scope="contract", prefix="HT", period=on.strftime("%Y%m%d"), width=4),
        project_id=unit.project_id,
        unit=unit,
        subscription=subscription,
        signed_on=on,
        consultant=consultant,
        pricing_basis=pricing_basis,
        unit_price=unit_price,
        gross_area=gross,
        internal_area=internal,
        total_price=total,
        payment_plan=payment_plan,
        loan_amount=loan,
        delivery_deadline=delivery_deadline,
        handover_notice_days=handover_notice_days,
        area_clause=area_clause,
        area_threshold_percent=area_threshold_percent,
        excess_refund_multiplier=excess_refund_multiplier,
        rescission_interest_percent=rescission_interest_percent,
        area_tax_borne_by=area_tax_borne_by,
        rescission_refund_days=rescission_refund_days or (15 if area_clause == AreaClause.MODEL_CONTRACT else 30),
        discount_reason=discount_reason[:200],
        filing_due_on=rules.filing_due_on(on),
        created_by=actor,
    )
    ContractBuyer.objects.bulk_create(
        [ContractBuyer(contract=contract, customer=b.customer, role=b.role, share=b.share) for b in buyers]
    )
    _open_ledger(contract, subscription, down_payment, down_payment_due_on or on + datetime.timedelta(days=30), instalments)
    _make_owners(actor, contract, buyers, on)
    _set_unit_status(unit, UnitStatus.CONTRACTED if unit.status != UnitStatus.DELIVERED else unit.status)
    record_event(
        target=contract,
        type=SalesEvent.CONTRACT_CREATED,
        actor=actor,
        to_status=contract.status,
        data={
            "unit": str(unit),
            "total_price": str(total),
            "payment_plan": payment_plan,
            "subscription": subscription.number if subscription else None,
        },
        also_on=selectors.contract_audience(contract),
    )
    signals.contract_signed.send(sender=Contract, contract=contract, actor=actor)
    return contract


def _open_ledger(
    contract: Contract,
    subscription: Subscription | None,
    down_payment: Decimal,
    down_payment_due_on: datetime.date,
    instalments: Sequence[Instalment],
) -> None:
    if subscription is not None and subscription.deposit_amount > 0:
        deposit = Receivable.objects.create(
            contract=contract, kind=ReceivableKind.DEPOSIT, amount=subscription.deposit_amount, due_on=subscription.subscribed_on
        )
        if subscription.deposit_received_on is not None:  # 定金转房款: the deposit received counts towards the price
            entry = LedgerEntry.objects.create(
                contract=contract,
                kind="receipt",
                amount=subscription.deposit_amount,
                occurred_on=subscription.deposit_received_on,
                method=subscription.deposit_method or MoneyMethod.TRANSFER,
                receipt_number=subscription.deposit_receipt_number,
                invoice_number=subscription.deposit_invoice_number,
                note=_("Deposit of subscription %(number)s") % {"number": subscription.number},
                recorded_by=subscription.deposit_recorded_by,
            )
            Allocation.objects.create(entry=entry, receivable=deposit, amount=subscription.deposit_amount)
    if down_payment > 0:
        Receivable.objects.create(
            contract=contract, kind=ReceivableKind.DOWN_PAYMENT, amount=down_payment, due_on=down_payment_due_on
        )
    for instalment in instalments:
        Receivable.objects.create(
            contract=contract, kind=ReceivableKind.INSTALMENT, amount=money(instalment.amount), due_on=instalment.due_on
        )
    if contract.loan_amount > 0:
        Receivable.objects.create(contract=contract, kind=ReceivableKind.LOAN, amount=contract.loan_amount)


def _make_owners(actor: User, contract: Contract, buyers: Sequence[Buyer], since: datetime.date) -> None:
    """The buyers become the unit's owners (earlier owners without a contract, e.g. imported, are replaced)."""
    for ownership in UnitOwnership.objects.filter(unit=contract.unit).select_related("customer", "unit"):
        remove_ownership(actor=actor, ownership=ownership)
    for buyer in buyers:
        role = OwnershipRole.PRIMARY if buyer.role == BuyerRole.PRIMARY else OwnershipRole.CO_OWNER
        add_ownership(actor=actor, customer=buyer.customer, unit=contract.unit, role=role, since=since, share=buyer.share)


def _remove_owners(actor: User | None, contract: Contract) -> None:
    customer_ids = ContractBuyer.objects.filter(contract=contract).values("customer_id")
    for ownership in UnitOwnership.objects.filter(unit_id=contract.unit_id, customer_id__in=customer_ids).select_related(
        "customer", "unit"
    ):
        remove_ownership(actor=actor, ownership=ownership)


def file_contract(
    *, actor: User, contract: Contract, filing_number: str, filed_on: datetime.date, version: int | None = None
) -> Contract:
    def change(current: Contract) -> dict[str, Any]:
        if filed_on < current.signed_on or filed_on > timezone.localdate():
            raise _invalid(
                ErrorCode.CONTRACT_BAD_FILING_DATE, "filed_on", _("The filing date is between the signing date and today.")
            )
        current.filing_number = filing_number
        current.filed_on = filed_on
        late = (filed_on - current.filing_due_on).days
        return {"filing_number": filing_number, "filed_on": filed_on.isoformat(), "days_late": max(late, 0)}

    return CONTRACT.perform(ContractAction.FILE, contract, actor, version=version, change=change, note=filing_number)


@transaction.atomic
def cancel_contract(
    *,
    actor: User,
    contract: Contract,
    reason: str,
    refund_amount: Decimal | None = None,
    refund_method: str = MoneyMethod.TRANSFER,
    refund_account: str = "",
    version: int | None = None,
    check_permission: bool = True,
) -> Contract:
    """退房/解约: the unit goes back on sale, the buyers stop being owners, what was still due is written off, a
    refund (if given) is requested for approval, and the mortgage case is withdrawn (signal)."""
    from anju.sales.services import ledger

    def change(current: Contract) -> dict[str, Any]:
        balance = ledger.balance_of(current)
        paid = sum((e.amount for e in current.entries.filter(status="posted")), ZERO)
        due = balance + paid
        if due != 0:
            Receivable.objects.create(
                contract=current, kind=ReceivableKind.OTHER, amount=-due, note=_("Written off on cancellation")[:200]
            )
        current.cancelled_on = timezone.localdate()
        current.cancel_reason = reason[:200]
        _remove_owners(actor, current)
        unit = Unit.objects.select_for_update().get(pk=current.unit_id)
        _set_unit_status(unit, UnitStatus.AVAILABLE)
        return {"written_off": str(money(due))}

    cancelled = CONTRACT.perform(
        ContractAction.CANCEL, contract, actor, version=version, reason=reason, change=change, check_permission=check_permission
    )
    if refund_amount:
        try:  # a refund request, approved (by someone else) before it counts: nobody moves money alone
            ledger.request_refund(
                actor=actor,
                contract=cancelled,
                amount=refund_amount,
                occurred_on=timezone.localdate(),
                method=refund_method,
                account=refund_account,
                note=reason,
            )
        except ApplicationError as exc:
            raise ApplicationError(exc.code, exc.message, fields={"refund_amount": [exc.message]}) from exc
    signals.contract_cancelled.send(sender=Contract, contract=cancelled, actor=actor)
    return cancelled


@transaction.atomic
def update_contract(*, actor: User, contract: Contract, values: dict[str, Any], version: int | None = None) -> Contract:
    """Terms that may change without an approval: the delivery deadline and the handover notice (≥ 10 days)."""
    from anju.core.records import apply_changes, ensure_version

    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    ensure_version(contract, version)
    ensure_live(contract)
    changed = apply_changes(contract, values)
    if changed:
        contract.version += 1
        contract.save()
        record_event(
            target=contract,
            type=SalesEvent.CONTRACT_UPDATED,
            actor=actor,
            changes=changed,
            also_on=selectors.contract_audience(contract),
        )
    return contract
