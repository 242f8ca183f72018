"""List filters of the sales API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter
from anju.sales.choices import (
    ChangeKind,
    ChangeStatus,
    ContractStatus,
    EntryKind,
    EntryStatus,
    PaymentPlan,
    PriceListStatus,
    ReceivableKind,
    SubscriptionStatus,
)
from anju.sales.models import Contract, ContractChange, LedgerEntry, PresalePermit, PriceList, Receivable, Subscription

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class PermitFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="building_id")

    class Meta:
        model = PresalePermit
        fields: list[str] = []


class PriceListFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="building_id")
    status = CommaMultipleChoiceFilter(field_name="status", choices=PriceListStatus.choices, error_messages=_INVALID)

    class Meta:
        model = PriceList
        fields: list[str] = []


class _DealFilter(FilterSet):
    q = filters.CharFilter(method="filter_q", help_text="number, buyer name or room number contains")
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="unit__building_id")
    unit = IdFilter(field_name="unit_id")
    consultant = IdFilter(field_name="consultant_id")
    customer = IdFilter(method="filter_customer", help_text="deals where this customer is a buyer")
    mine = FlagFilter(method="filter_mine", help_text="only my deals (I am the consultant)")

    def filter_q(self, queryset: QuerySet[Contract], name: str, value: str) -> QuerySet[Contract]:
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(number__icontains=text) | Q(buyers__customer__name__icontains=text) | Q(unit__room_number__icontains=text)
        ).distinct()

    def filter_customer(self, queryset: QuerySet[Contract], name: str, value: int) -> QuerySet[Contract]:
        return queryset.filter(buyers__customer_id=value).distinct()

    def filter_mine(self, queryset: QuerySet[Contract], name: str, value: bool) -> QuerySet[Contract]:
        return queryset.filter(consultant=self.request.user) if value else queryset


class SubscriptionFilter(_DealFilter):
    status = CommaMultipleChoiceFilter(field_name="status", choices=SubscriptionStatus.choices, error_messages=_INVALID)
    deposit_received = filters.BooleanFilter(field_name="deposit_received_on", lookup_expr="isnull", exclude=True)
    subscribed_from = filters.DateFilter(field_name="subscribed_on", lookup_expr="gte")
    subscribed_to = filters.DateFilter(field_name="subscribed_on", lookup_expr="lte")

    class Meta:
        model = Subscription
        fields: list[str] = []


class ContractFilter(_DealFilter):
    status = CommaMultipleChoiceFilter(field_name="status", choices=ContractStatus.choices, error_messages=_INVALID)
    payment_plan = CommaMultipleChoiceFilter(field_name="payment_plan", choices=PaymentPlan.choices, error_messages=_INVALID)
    signed_from = filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_to = filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    filing_overdue = FlagFilter(method="filter_filing_overdue", help_text="signed, not filed, and past the filing deadline")
    unpaid = FlagFilter(method="filter_unpaid", help_text="a balance is still open")

    class Meta:
        model = Contract
        fields: list[str] = []

    def filter_filing_overdue(self, queryset: QuerySet[Contract], name: str, value: bool) -> QuerySet[Contract]:
        if not value:
            return queryset
        return queryset.filter(status=ContractStatus.SIGNED, filing_due_on__lt=timezone.localdate())

    def filter_unpaid(self, queryset: QuerySet[Contract], name: str, value: bool) -> QuerySet[Contract]:
        from django.db.models import F

        return queryset.filter(Q(due__gt=F("paid"))) if value else queryset


class ChangeFilter(FilterSet):
    contract = IdFilter(field_name="contract_id")
    project = IdFilter(field_name="contract__project_id")
    kind = CommaMultipleChoiceFilter(field_name="kind", choices=ChangeKind.choices, error_messages=_INVALID)
    status = CommaMultipleChoiceFilter(field_name="status", choices=ChangeStatus.choices, error_messages=_INVALID)

    class Meta:
        model = ContractChange
        fields: list[str] = []


class EntryFilter(FilterSet):
    contract = IdFilter(field_name="contract_id")
    project = IdFilter(field_name="contract__project_id")
    kind = CommaMultipleChoiceFilter(field_name="kind", choices=EntryKind.choices, error_messages=_INVALID)
    status = CommaMultipleChoiceFilter(field_name="status", choices=EntryStatus.choices, error_messages=_INVALID)

    class Meta:
        model = LedgerEntry
        fields: list[str] = []


class ReceivableFilter(FilterSet):
    project = IdFilter(field_name="contract__project_id")
    consultant = IdFilter(field_name="contract__consultant_id")
    mine = FlagFilter(method="filter_mine", help_text="only receivables of my deals")
    kind = CommaMultipleChoiceFilter(field_name="kind", choices=ReceivableKind.choices, error_messages=_INVALID)

    class Meta:
        model = Receivable
        fields: list[str] = []

    def filter_mine(self, queryset: QuerySet[Receivable], name: str, value: bool) -> QuerySet[Receivable]:
        return queryset.filter(contract__consultant=self.request.user) if value else queryset
