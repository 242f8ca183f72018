"""factory_boy factories for customers (issue 11 §3).

A customer is made through ``services.customers.create_customer`` (its mobiles and ID number are encrypted and
indexed there, its code numbered): ``CustomerFactory(actor=world.admin, projects=[world.project_b])``.
``OwnershipFactory(customer=…, unit=…)`` makes them an owner (``services.contacts.add_ownership``).
"""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from anju.customers.models import Customer, UnitOwnership


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer

    # who registers them: a user who may write customers in ``projects`` (e.g. ``world.admin``); handed to the
    # service, not a column
    actor = None

    name = factory.Sequence(lambda n: f"客户{n}")
    mobiles = factory.Sequence(lambda n: [f"137{n:08d}"])
    projects: list[Any] = []

    @classmethod
    def _create(cls, model_class: type[Customer], *args: Any, actor: Any = None, **values: Any) -> Customer:
        from anju.customers.services.customers import create_customer

        return create_customer(actor=actor, **values)


class OwnershipFactory(DjangoModelFactory):
    class Meta:
        model = UnitOwnership

    actor = None  # handed to the service, not a column

    role = "primary"

    @classmethod
    def _create(cls, model_class: type[UnitOwnership], *args: Any, actor: Any = None, **values: Any) -> UnitOwnership:
        from anju.customers.services.contacts import add_ownership

        return add_ownership(actor=actor, **values)
