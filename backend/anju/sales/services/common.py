"""What every sales service shares: the row lock (the timelines an event also goes on are in ``selectors``)."""

from __future__ import annotations

from anju.sales.models import Contract
from anju.sales.selectors import contract_audience, subscription_audience

__all__ = ["contract_audience", "lock_contract", "subscription_audience"]


def lock_contract(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().get(pk=contract.pk)
