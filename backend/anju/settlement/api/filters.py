"""List filters of the area-settlement API."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter
from anju.settlement.choices import Outcome, SettlementStatus
from anju.settlement.models import SettlementBatch, SettlementLine


class BatchFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="building_id")
    status = CommaMultipleChoiceFilter(choices=SettlementStatus.choices)

    class Meta:
        model = SettlementBatch
        fields: list[str] = []


class LineFilter(FilterSet):
    """``outcome``: ``pays`` (the buyer pays), ``refund`` (the developer refunds), ``none`` (nothing changes hands)."""

    batch = IdFilter(field_name="batch_id")
    contract = IdFilter(field_name="contract_id")
    project = IdFilter(field_name="project_id")
    withdrawal_right = FlagFilter(field_name="withdrawal_right")
    withdrawing = FlagFilter(field_name="withdrawing")
    status = CommaMultipleChoiceFilter(field_name="batch__status", choices=SettlementStatus.choices)
    outcome = filters.ChoiceFilter(method="filter_outcome", choices=Outcome.choices)
    search = filters.CharFilter(method="filter_search", help_text="contract number or room number contains")

    class Meta:
        model = SettlementLine
        fields: list[str] = []

    def filter_outcome(self, queryset: QuerySet[SettlementLine], name: str, value: str) -> QuerySet[SettlementLine]:
        if value == "pays":
            return queryset.filter(buyer_pays__gt=0)
        if value == "refund":
            return queryset.filter(developer_refunds__gt=0)
        return queryset.filter(buyer_pays=0, developer_refunds=0)

    def filter_search(self, queryset: QuerySet[SettlementLine], name: str, value: str) -> QuerySet[SettlementLine]:
        value = value.strip()
        return (
            queryset.filter(Q(contract__number__icontains=value) | Q(unit__room_number__icontains=value)) if value else queryset
        )
