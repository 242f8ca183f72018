"""factory_boy factories for contracts (issue 11 §3).

A signed full-payment contract of a fresh unit, sold by a fresh 置业顾问; ``buyers=[customer]`` adds the buyers
(the primary one first). The row is written as the sales services leave it after signing, without the events:
for reading it (lists, the admin, reports), not for testing the signing itself (``services.deals``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import factory
from factory.django import DjangoModelFactory

from anju.accounts.tests.factories import UserFactory
from anju.properties.tests.factories import UnitFactory
from anju.sales.choices import BuyerRole, ReceivableKind
from anju.sales.models import Contract, ContractBuyer, Receivable


class ContractFactory(DjangoModelFactory):
    class Meta:
        model = Contract
        skip_postgeneration_save = True

    unit = factory.SubFactory(UnitFactory)
    project = factory.LazyAttribute(lambda o: o.unit.project)
    number = factory.Sequence(lambda n: f"HT-F{n:05d}")
    signed_on = datetime.date(2024, 3, 1)
    consultant = factory.SubFactory(UserFactory, role="sales_consultant")
    pricing_basis = "whole_unit"
    gross_area = Decimal("100.00")
    internal_area = Decimal("80.00")
    total_price = Decimal("1000000.00")
    payment_plan = "full"
    loan_amount = Decimal("0.00")
    filing_due_on = factory.LazyAttribute(lambda o: o.signed_on + datetime.timedelta(days=30))
    status = "signed"

    @factory.post_generation
    def buyers(self, create: bool, extracted: list[Any] | None, **kwargs: Any) -> None:
        customers = list(extracted or [])
        for index, customer in enumerate(customers):
            share = (Decimal("100.00") / len(customers)).quantize(Decimal("0.01"))
            role = BuyerRole.PRIMARY if index == 0 else BuyerRole.CO_BUYER
            ContractBuyer.objects.create(contract=self, customer=customer, role=role, share=share)

    @factory.post_generation
    def down_payment(self, create: bool, extracted: bool | None, **kwargs: Any) -> None:
        """The down payment receivable (the whole price of a full-payment contract), unless ``down_payment=False``."""
        if create and extracted is not False:
            Receivable.objects.create(contract=self, kind=ReceivableKind.DOWN_PAYMENT, amount=self.total_price - self.loan_amount)
