"""Contracts, banks and cases for the mortgage tests and the permission-matrix rows (contracts are made as rows here;
the sales services that sign them send ``contract_signed`` exactly as ``sign`` does)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from anju.mortgage.choices import DocumentStatus
from anju.mortgage.models import Bank, MortgageCase
from anju.sales.choices import ReceivableKind
from anju.sales.models import Contract, ContractBuyer, Receivable
from anju.sales.signals import contract_signed

_numbers = itertools.count(1)
SIGNED_ON = datetime.date(2026, 3, 2)  # a Monday


def consultant(world: Any) -> Any:
    if "mortgage_consultant" not in world._users:
        world._users["mortgage_consultant"] = world.user("mortgage_consultant", role="sales_consultant")
    return world._users["mortgage_consultant"]


def contract(
    world: Any,
    *,
    plan: str = "commercial_loan",
    loan: Decimal = Decimal("700000.00"),
    total: Decimal = Decimal("1000000.00"),
    project: Any = None,
    unit: Any = None,
    buyers: list[Any] | None = None,
    signed_on: datetime.date = SIGNED_ON,
    status: str = "signed",
    receivables: bool = True,
) -> Contract:
    """A contract of project A (unit A, customer A buying) with its down-payment and loan receivables."""
    project = project or world.project_a
    row = Contract.objects.create(
        number=f"HT-M{next(_numbers):05d}",
        project=project,
        unit=unit or (world.unit_a if project == world.project_a else world.unit_b),
        signed_on=signed_on,
        consultant=consultant(world),
        pricing_basis="whole_unit",
        gross_area=Decimal("100.00"),
        internal_area=Decimal("80.00"),
        total_price=total,
        payment_plan=plan,
        loan_amount=loan if plan.endswith("loan") else Decimal("0.00"),
        filing_due_on=signed_on + datetime.timedelta(days=30),
        status=status,
    )
    for customer in buyers or [world.customer_a if project == world.project_a else world.customer_b]:
        ContractBuyer.objects.create(contract=row, customer=customer, role="primary", share=Decimal("100.00"))
    if receivables:
        Receivable.objects.create(contract=row, kind=ReceivableKind.DOWN_PAYMENT, amount=total - row.loan_amount)
        if row.loan_amount:
            Receivable.objects.create(contract=row, kind=ReceivableKind.LOAN, amount=row.loan_amount)
    return row


def sign(world: Any, **options: Any) -> Contract:
    """A contract, announced as the sales services announce a signed one."""
    row = contract(world, **options)
    contract_signed.send(sender=Contract, contract=row, actor=world.admin)
    return row


def bank(code: str = "ICBC", name: str = "工商银行", projects: list[Any] | None = None) -> Bank:
    row, _created = Bank.objects.get_or_create(code=code, defaults={"name": name})
    if projects:
        row.projects.add(*projects)
    return row


def case(world: Any, *, stage: str | None = None, with_bank: bool = True, received: bool = False, **options: Any) -> MortgageCase:
    """An opened case of a fresh contract, optionally at a bank, all documents received, placed in ``stage``."""
    row = sign(world, **options)
    opened = MortgageCase.objects.get(contract=row)
    if with_bank and opened.bank_id is None:
        MortgageCase.objects.filter(pk=opened.pk).update(bank=bank())
    if received:
        opened.checklist.update(status=DocumentStatus.RECEIVED)
    if stage:
        MortgageCase.objects.filter(pk=opened.pk).update(stage=stage)
    opened.refresh_from_db()
    return opened
