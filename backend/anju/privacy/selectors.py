"""Privacy reads: the person whose rights are exercised is a customer the actor can see (else a 404)."""

from __future__ import annotations

from typing import Any

from anju.customers.models import Customer
from anju.customers.selectors import get_customer


def get_person(*, actor: Any, pk: Any) -> Customer:
    """The customer in the actor's scope (``customers.selectors.get_customer``)."""
    return get_customer(actor=actor, pk=pk)
