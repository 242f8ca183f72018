"""What every sales service shares: the row lock (the timelines an event also goes on are in ``selectors``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from anju.core.errors import ConflictError
from anju.sales.choices import LIVE_CONTRACT
from anju.sales.errors import ErrorCode
from anju.sales.models import Contract
from anju.sales.selectors import contract_audience, subscription_audience

__all__ = ["contract_audience", "ensure_live", "lock_contract", "subscription_audience"]


def lock_contract(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().get(pk=contract.pk)


def ensure_live(contract: Contract) -> None:
    """Nothing more happens to a cancelled contract (409)."""
    if contract.status not in LIVE_CONTRACT:
        raise ConflictError(ErrorCode.CONTRACT_NOT_LIVE, _("This contract has been cancelled."))
