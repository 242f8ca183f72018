"""Reads of area settlements for the apps above (the handover notice lists a contract's settled difference)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from anju.properties.scope import restrict
from anju.settlement.choices import BINDING
from anju.settlement.models import SettlementBatch, SettlementLine

ZERO = Decimal("0.00")
_MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)


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


# --- Lists for the screens (scoped) ---------------------------------------------------------------------------


def list_batches(*, actor: Any, project: int | None = None) -> QuerySet[SettlementBatch]:
    totals = {
        "line_count": Count("lines", distinct=True),
        "withdrawal_count": Count("lines", filter=Q(lines__withdrawal_right=True), distinct=True),
        "total_buyer_pays": Coalesce(Sum("lines__buyer_pays"), Value(ZERO), output_field=_MONEY),
        "total_developer_refunds": Coalesce(Sum("lines__developer_refunds"), Value(ZERO), output_field=_MONEY),
    }
    return restrict(
        SettlementBatch.objects.select_related("project", "building", "created_by", "reviewed_by", "approved_by")
        .annotate(**totals)
        .order_by("-created_at", "-id"),  # a GROUP BY query ignores Meta.ordering: pages must not shift
        actor,
        project=project,
    )


def list_lines(*, actor: Any) -> QuerySet[SettlementLine]:
    """Lines in the actor's projects; a reader without the batches (置业顾问) sees the lines of their own contracts."""
    rows = restrict(
        SettlementLine.objects.select_related("batch", "contract__consultant", "unit__building", "cancellation"),
        actor,
    )
    if actor is not None and actor.is_authenticated and not actor.has_perm("settlement.view_settlementbatch"):
        rows = rows.filter(contract__consultant=actor)
    return rows.order_by("batch_id", "unit__floor", "unit__room_number", "id")


def batch_audience(batch: SettlementBatch) -> list[Any]:
    return [batch.building]
