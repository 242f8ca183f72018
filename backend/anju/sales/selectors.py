"""Sales reads, scoped to the actor's projects (every sales record carries its project).

A 置业顾问 sees the deals of its projects (its own and its team's: the project is the team). Amounts derived from
the ledger (paid, balance) are annotated in the database, so a list never loads the lines.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, F, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from anju.customers.models import Customer
from anju.properties.scope import restrict
from anju.sales.choices import LIVE_CONTRACT, OPEN_SUBSCRIPTION, EntryStatus
from anju.sales.models import (
    Allocation,
    Contract,
    ContractBuyer,
    ContractChange,
    LedgerEntry,
    PresalePermit,
    PriceList,
    PriceListItem,
    Receivable,
    SalesSettings,
    Subscription,
    SubscriptionBuyer,
)

_MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=16, decimal_places=2)
ZERO = Decimal("0.00")


def _sum(model: Any, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(contract_id=OuterRef("pk"), **filters)
        .order_by()
        .values("contract_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=_MONEY), Value(ZERO), output_field=_MONEY)


def with_amounts(queryset: QuerySet[Contract]) -> QuerySet[Contract]:
    """``due`` (receivables), ``paid`` (posted receipts and refunds) on each contract; balance = due - paid."""
    return queryset.annotate(due=_sum(Receivable), paid=_sum(LedgerEntry, status=EntryStatus.POSTED))


def sales_settings(project_id: int) -> SalesSettings:
    """The project's sales settings, or an unsaved row holding the defaults."""
    return SalesSettings.objects.filter(project_id=project_id).first() or SalesSettings(project_id=project_id)


def list_permits(*, actor: Any) -> QuerySet[PresalePermit]:
    return restrict(PresalePermit.objects.select_related("building", "project"), actor)


def building_has_permit(building_id: int, on: datetime.date) -> bool:
    return PresalePermit.objects.filter(building_id=building_id, issued_on__lte=on).exists()


def list_price_lists(*, actor: Any) -> QuerySet[PriceList]:
    return restrict(PriceList.objects.select_related("building", "project", "created_by", "decided_by"), actor)


def current_list_price(unit_id: int, on: datetime.date) -> PriceListItem | None:
    """The unit's price in the newest approved version in force on ``on``."""
    return (
        PriceListItem.objects.filter(unit_id=unit_id, price_list__status="approved", price_list__effective_from__lte=on)
        .select_related("price_list")
        .order_by("-price_list__effective_from", "-price_list__version_number")
        .first()
    )


def current_prices(unit_ids: list[int], on: datetime.date) -> dict[int, PriceListItem]:
    """The list price in force of each unit (for the 楼盘表's price colours), in one query."""
    items = (
        PriceListItem.objects.filter(unit_id__in=unit_ids, price_list__status="approved", price_list__effective_from__lte=on)
        .select_related("price_list")
        .order_by("unit_id", "price_list__effective_from", "price_list__version_number")
    )
    return {item.unit_id: item for item in items}  # the last (newest) wins


def list_subscriptions(*, actor: Any) -> QuerySet[Subscription]:
    return restrict(
        Subscription.objects.select_related("unit__building", "project", "consultant").prefetch_related("buyers__customer"),
        actor,
    )


def open_subscription_of_unit(unit_id: int) -> Subscription | None:
    return Subscription.objects.filter(unit_id=unit_id, status__in=OPEN_SUBSCRIPTION).first()


def list_contracts(*, actor: Any, project: int | None = None) -> QuerySet[Contract]:
    return restrict(
        with_amounts(
            Contract.objects.select_related("unit__building", "project", "consultant", "subscription").prefetch_related(
                "buyers__customer"
            )
        ),
        actor,
        project=project,
    )


def live_contract_of_unit(unit_id: int) -> Contract | None:
    return Contract.objects.filter(unit_id=unit_id, status__in=LIVE_CONTRACT).first()


def list_changes(*, actor: Any) -> QuerySet[ContractChange]:
    return restrict(
        ContractChange.objects.select_related("contract__unit__building", "new_unit", "requested_by", "decided_by"),
        actor,
        lookup="contract__project_id",
    )


def list_entries(*, actor: Any) -> QuerySet[LedgerEntry]:
    return restrict(
        LedgerEntry.objects.select_related("contract", "recorded_by", "decided_by").prefetch_related("allocations"),
        actor,
        lookup="contract__project_id",
    )


def _receivables() -> QuerySet[Receivable]:
    """Receivables with what posted receipts allocated to them (``allocated``)."""
    allocated = (
        Allocation.objects.filter(receivable_id=OuterRef("pk"), entry__status=EntryStatus.POSTED)
        .order_by()
        .values("receivable_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Receivable.objects.select_related("contract__unit__building", "contract__consultant").annotate(
        allocated=Coalesce(Subquery(allocated, output_field=_MONEY), Value(ZERO), output_field=_MONEY)
    )


def list_receivables(*, actor: Any) -> QuerySet[Receivable]:
    return restrict(_receivables(), actor, lookup="contract__project_id")


def _overdue(queryset: QuerySet[Receivable], today: datetime.date) -> QuerySet[Receivable]:
    unpaid = Q(allocated__lt=F("amount"))  # ``allocated`` is the annotation of ``_receivables``
    return queryset.filter(unpaid, contract__status__in=LIVE_CONTRACT, due_on__lt=today, amount__gt=0).order_by("due_on", "id")


def overdue_receivables(*, actor: Any, today: datetime.date) -> QuerySet[Receivable]:
    """催收: receivables of live contracts past their due date and not fully paid."""
    return _overdue(list_receivables(actor=actor), today)


def overdue_receivables_everywhere(today: datetime.date) -> QuerySet[Receivable]:
    """The same rows in every project, for the scheduler's reminders (no user reads this)."""
    return _overdue(_receivables(), today)


def contract_audience(contract: Contract) -> list[Any]:
    """The unit and every buyer: a contract's events show on their timelines too."""
    customers = Customer.objects.filter(pk__in=ContractBuyer.objects.filter(contract=contract).values("customer_id"))
    return [contract.unit, *customers]


def subscription_audience(subscription: Subscription) -> list[Any]:
    customers = Customer.objects.filter(pk__in=SubscriptionBuyer.objects.filter(subscription=subscription).values("customer_id"))
    return [subscription.unit, *customers]
