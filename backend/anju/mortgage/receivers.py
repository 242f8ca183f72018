"""A contract's life opens, updates and withdraws its mortgage cases, in the contract's own transaction."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.mortgage.services import cases
from anju.sales.choices import ChangeKind
from anju.sales.signals import contract_cancelled, contract_changed, contract_signed


@receiver(contract_signed, dispatch_uid="mortgage.open_case")
def _signed(sender: Any, contract: Any, actor: Any = None, **kwargs: Any) -> None:
    cases.open_for_contract(actor=actor, contract=contract)


@receiver(contract_changed, dispatch_uid="mortgage.sync_borrowers")
def _changed(sender: Any, contract: Any, actor: Any = None, kind: str = "", **kwargs: Any) -> None:
    if kind == ChangeKind.BUYERS:
        cases.sync_borrowers(actor=actor, contract=contract)


@receiver(contract_cancelled, dispatch_uid="mortgage.withdraw_cases")
def _cancelled(sender: Any, contract: Any, actor: Any = None, **kwargs: Any) -> None:
    cases.withdraw_for_contract(actor=actor, contract=contract)
