"""Reads of area settlements for the apps above (the handover notice lists a contract's settled difference)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from anju.settlement.choices import BINDING
from anju.settlement.models import SettlementLine


@dataclass(frozen=True)
class SettledDifference:
    settlement_id: int  # the line
    batch_id: int
    status: str  # the batch's status
    buyer_pays: Decimal
    developer_refunds: Decimal
    withdrawal_right: bool
    withdrawing: bool


def settled_difference(contract_id: int) -> SettledDifference | None:
    """The contract's binding settlement (approved or later; the latest batch wins), or None before one exists."""
    line = (
        SettlementLine.objects.filter(contract_id=contract_id, batch__status__in=BINDING)
        .select_related("batch")
        .order_by("-batch__approved_at", "-id")
        .first()
    )
    if line is None:
        return None
    return SettledDifference(
        settlement_id=line.pk,
        batch_id=line.batch_id,
        status=line.batch.status,
        buyer_pays=line.buyer_pays,
        developer_refunds=line.developer_refunds,
        withdrawal_right=line.withdrawal_right,
        withdrawing=line.withdrawing,
    )
