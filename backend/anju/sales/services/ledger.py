"""The contract's payment ledger (收款台账): receivables, receipts (split across receivables), refunds with approval.

The balance is what the receivables add up to minus the posted receipts and refunds (refunds are negative), to the
fen: ``Decimal`` everywhere, and the one definition is ``selectors.with_amounts`` (a database sum) and
``balance_of`` (the same sum over the rows, for services and tests).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.models import User
from anju.core import pii
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.sales.choices import EntryKind, EntryStatus, MoneyMethod, ReceivableKind
from anju.sales.errors import ErrorCode
from anju.sales.events import SalesEvent
from anju.sales.models import ZERO, Allocation, Contract, LedgerEntry, Receivable
from anju.sales.rules import MAX_MONEY, money
from anju.sales.services.common import contract_audience, ensure_live, lock_contract


def balance_of(contract: Contract) -> Decimal:
    due = Receivable.objects.filter(contract=contract).aggregate(s=Sum("amount"))["s"] or ZERO
    paid = LedgerEntry.objects.filter(contract=contract, status=EntryStatus.POSTED).aggregate(s=Sum("amount"))["s"] or ZERO
    return money(due - paid)


def allocated_to(receivable: Receivable) -> Decimal:
    total = Allocation.objects.filter(receivable=receivable, entry__status=EntryStatus.POSTED).aggregate(s=Sum("amount"))["s"]
    return money(total or ZERO)


def _event(contract: Contract, type_: str, actor: User | None, *, note: str = "", data: dict[str, Any] | None = None) -> None:
    record_event(target=contract, type=type_, actor=actor, note=note[:200], data=data or {}, also_on=contract_audience(contract))


@transaction.atomic
def add_receivable(
    *, actor: User | None, contract: Contract, kind: str, amount: Decimal, due_on: datetime.date | None = None, note: str = ""
) -> Receivable:
    contract = lock_contract(contract)
    ensure_live(contract)
    if amount <= 0 or amount > MAX_MONEY:
        message = _("A receivable is a positive amount (a reduction goes through an approved contract change).")
        raise ApplicationError(ErrorCode.LEDGER_BAD_RECEIVABLE, message, fields={"amount": [message]})
    receivable = Receivable.objects.create(contract=contract, kind=kind, amount=money(amount), due_on=due_on, note=note)
    _event(contract, SalesEvent.RECEIVABLE_ADDED, actor, data={"kind": kind, "amount": str(receivable.amount)})
    return receivable


@transaction.atomic
def add_reduction(*, actor: User | None, contract: Contract, kind: str, amount: Decimal, note: str = "") -> Receivable:
    """A price reduction the contract itself provides for (an area settled smaller, 面积补差): a negative receivable
    of ``kind``, so what the buyer owes falls by ``amount``; money already paid beyond it is refunded separately
    (``request_refund``). Other reductions go through an approved contract change."""
    contract = lock_contract(contract)
    ensure_live(contract)
    if kind != ReceivableKind.AREA_DIFFERENCE or amount <= 0 or amount > MAX_MONEY:
        message = _("Only an area settlement reduces the price this way, by a positive amount.")
        raise ApplicationError(ErrorCode.LEDGER_BAD_REDUCTION, message, fields={"amount": [message]})
    receivable = Receivable.objects.create(contract=contract, kind=kind, amount=-money(amount), note=note)
    _event(contract, SalesEvent.RECEIVABLE_ADDED, actor, data={"kind": kind, "amount": str(receivable.amount)})
    return receivable


def refundable(contract: Contract) -> Decimal:
    """What the buyer has paid and not had back (posted lines plus pending refunds)."""
    return _refundable(contract)


def _auto_allocate(contract: Contract, amount: Decimal, *, loan: bool) -> list[tuple[Receivable, Decimal]]:
    """Oldest due first, skipping the loan receivable unless the money is the loan (and only it otherwise)."""
    plan: list[tuple[Receivable, Decimal]] = []
    left = amount
    receivables = Receivable.objects.filter(contract=contract, amount__gt=0).order_by("due_on", "id")
    for receivable in receivables:
        if (receivable.kind == ReceivableKind.LOAN) != loan:
            continue
        open_amount = receivable.amount - allocated_to(receivable)
        if open_amount <= 0 or left <= 0:
            continue
        part = min(open_amount, left)
        plan.append((receivable, part))
        left -= part
    return plan


@transaction.atomic
def record_receipt(
    *,
    actor: User | None,
    contract: Contract,
    amount: Decimal,
    occurred_on: datetime.date,
    method: str,
    receipt_number: str = "",
    invoice_number: str = "",
    allocations: Sequence[tuple[Receivable, Decimal]] | None = None,
    note: str = "",
) -> LedgerEntry:
    """A receipt recorded by finance; split across receivables as given, else oldest due first."""
    contract = lock_contract(contract)
    ensure_live(contract)
    amount = money(amount)
    if amount <= 0:
        message = _("A receipt is a positive amount.")
        raise ApplicationError(ErrorCode.LEDGER_AMOUNT_NOT_POSITIVE, message, fields={"amount": [message]})
    plan = list(allocations) if allocations is not None else _auto_allocate(contract, amount, loan=method == MoneyMethod.LOAN)
    if amount > MAX_MONEY:
        message = _("The amount is larger than any payment this system records.")
        raise ApplicationError(ErrorCode.LEDGER_AMOUNT_TOO_LARGE, message, fields={"amount": [message]})
    if occurred_on > timezone.localdate():
        message = _("A payment cannot be received in the future.")
        raise ApplicationError(ErrorCode.LEDGER_FUTURE_DATE, message, fields={"occurred_on": [message]})
    total = Decimal("0")
    per_receivable: dict[int, Decimal] = {}
    for receivable, part in plan:
        if receivable.contract_id != contract.pk:
            message = _("That receivable belongs to another contract.")
            raise ApplicationError(ErrorCode.LEDGER_FOREIGN_RECEIVABLE, message, fields={"allocations": [message]})
        per_receivable[receivable.pk] = per_receivable.get(receivable.pk, Decimal("0")) + money(part)
        if money(part) <= 0 or per_receivable[receivable.pk] > receivable.amount - allocated_to(receivable):
            message = _("An allocation must be positive and at most what is still open on its receivable.")
            raise ApplicationError(ErrorCode.LEDGER_ALLOCATION_TOO_LARGE, message, fields={"allocations": [message]})
        total += money(part)
    if total > amount:
        message = _("The allocations add up to more than the receipt.")
        raise ApplicationError(ErrorCode.LEDGER_ALLOCATIONS_EXCEED_AMOUNT, message, fields={"allocations": [message]})
    entry = LedgerEntry.objects.create(
        contract=contract,
        kind=EntryKind.RECEIPT,
        status=EntryStatus.POSTED,
        amount=amount,
        occurred_on=occurred_on,
        method=method,
        receipt_number=receipt_number,
        invoice_number=invoice_number,
        note=note,
        recorded_by=actor,
    )
    Allocation.objects.bulk_create([Allocation(entry=entry, receivable=r, amount=money(p)) for r, p in plan])
    _event(
        contract,
        SalesEvent.PAYMENT_RECEIVED,
        actor,
        note=receipt_number,
        data={"amount": str(amount), "method": method, "balance": str(balance_of(contract))},
    )
    return entry


@transaction.atomic
def request_refund(
    *,
    actor: User | None,
    contract: Contract,
    amount: Decimal,
    occurred_on: datetime.date,
    method: str,
    account: str = "",
    note: str = "",
    approved: bool = False,
) -> LedgerEntry:
    """A refund line (negative); it counts once approved (``approved=True`` for one decided with its change)."""
    contract = lock_contract(contract)
    amount = money(amount)
    if amount <= 0:
        message = _("Give the refund as a positive amount.")
        raise ApplicationError(ErrorCode.LEDGER_AMOUNT_NOT_POSITIVE, message, fields={"amount": [message]})
    if occurred_on > timezone.localdate():
        message = _("A refund cannot be paid in the future.")
        raise ApplicationError(ErrorCode.LEDGER_FUTURE_DATE, message, fields={"occurred_on": [message]})
    refundable = _refundable(contract)
    if amount > refundable:
        message = _("A refund cannot exceed what has been paid (%(paid)s).") % {"paid": refundable}
        raise ApplicationError(ErrorCode.LEDGER_REFUND_EXCEEDS_PAID, message, fields={"amount": [message]})
    entry = LedgerEntry.objects.create(
        contract=contract,
        kind=EntryKind.REFUND,
        status=EntryStatus.POSTED if approved else EntryStatus.PENDING,
        amount=-amount,
        occurred_on=occurred_on,
        method=method,
        account=pii.encrypt(account) if account else "",
        note=note,
        recorded_by=actor,
        decided_by=actor if approved else None,
    )
    _event(contract, SalesEvent.REFUND_REQUESTED, actor, note=note, data={"amount": str(-amount), "approved": approved})
    return entry


def _refundable(contract: Contract) -> Decimal:
    """What is still refundable: posted lines plus pending refunds (negative), in one sum (the contract is locked)."""
    total = LedgerEntry.objects.filter(contract=contract, status__in=[EntryStatus.POSTED, EntryStatus.PENDING]).aggregate(
        s=Sum("amount")
    )["s"]
    return money(total or ZERO)


def mask_account(ciphertext: str) -> str:
    """A bank account shown masked: only its last four digits."""
    if not ciphertext:
        return ""
    plain = pii.decrypt(ciphertext)
    return f"{'*' * max(len(plain) - 4, 0)}{plain[-4:]}"


def masked_account(entry: LedgerEntry) -> str:
    return mask_account(entry.account)


def post_loan_disbursement(
    *, actor: User | None, contract: Contract, amount: Decimal, occurred_on: datetime.date, note: str = ""
) -> LedgerEntry:
    """放款: the bank pays the loan to the developer (受托支付); it pays the contract's loan receivable."""
    return record_receipt(
        actor=actor, contract=contract, amount=amount, occurred_on=occurred_on, method=MoneyMethod.LOAN, note=note
    )


@transaction.atomic
def replace_loan_with_cash(*, actor: User | None, contract: Contract, reason: str, due_on: datetime.date | None = None) -> None:
    """转一次性付款: what is still open on the loan receivable becomes a cash receivable owed by the buyer."""
    contract = lock_contract(contract)
    moved = Decimal("0")
    for receivable in Receivable.objects.filter(contract=contract, kind=ReceivableKind.LOAN):
        open_amount = receivable.amount - allocated_to(receivable)
        if open_amount <= 0:
            continue
        receivable.amount -= open_amount
        receivable.note = (receivable.note + " " + _("changed to full payment")).strip()[:200]
        receivable.save(update_fields=["amount", "note"])
        moved += open_amount
    if moved:
        Receivable.objects.create(
            contract=contract, kind=ReceivableKind.DOWN_PAYMENT, amount=money(moved), due_on=due_on, note=reason[:200]
        )
    Contract.objects.filter(pk=contract.pk).update(payment_plan="full", loan_amount=ZERO, version=contract.version + 1)
    _event(contract, SalesEvent.PLAN_CHANGED_TO_FULL, actor, note=reason, data={"moved": str(money(moved))})


def decide_refund(*, actor: User, entry: LedgerEntry, action: str, reason: str = "", version: int | None = None) -> LedgerEntry:
    """Approve (the refund now counts on the balance) or reject a refund request."""
    from anju.sales.workflow import REFUND

    def change(current: LedgerEntry) -> dict[str, Any]:
        current.decided_by = actor
        return {"amount": str(current.amount)}

    with transaction.atomic():
        # the contract first (as request_refund does): two refunds of one contract are decided one after the other
        lock_contract(entry.contract)
        return REFUND.perform(action, entry, actor, version=version, reason=reason, change=change)
