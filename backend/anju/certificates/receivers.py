"""A signed contract keeps whether it was a 现售; a delivered unit opens its certificate case and starts its clocks,
in the handover's own transaction."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.certificates.services import cases
from anju.properties.signals import unit_delivered
from anju.sales.signals import contract_cancelled, contract_signed


@receiver(contract_signed, dispatch_uid="certificates.remember_sale")
def _signed(sender: Any, contract: Any, actor: Any = None, **kwargs: Any) -> None:
    cases.remember_sale(contract)


@receiver(unit_delivered, dispatch_uid="certificates.open_case")
def _delivered(sender: Any, unit: Any, delivered_on: Any, actor: Any = None, **kwargs: Any) -> None:
    cases.open_for_delivered_unit(actor=actor, unit=unit, delivered_on=delivered_on)


@receiver(contract_cancelled, dispatch_uid="certificates.withdraw_case")
def _cancelled(sender: Any, contract: Any, actor: Any = None, **kwargs: Any) -> None:
    cases.withdraw_for_contract(actor=actor, contract=contract)
