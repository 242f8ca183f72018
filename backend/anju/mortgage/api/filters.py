"""List filters of the mortgage API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them). The
case list, its export, the kanban counts and the bank figures all take the same filters."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter
from anju.mortgage import selectors
from anju.mortgage.choices import OPEN_STAGES, LoanType, Stage
from anju.mortgage.models import Bank, MortgageCase

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class _IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class MortgageCaseFilter(FilterSet):
    """``stage`` and ``loan_type`` take several values (repeated or comma-separated); an unknown value, a malformed id
    or number is a 400 naming the parameter."""

    search = filters.CharFilter(method="filter_search", help_text="case number or contract number contains")
    project = IdFilter(field_name="project_id")
    contract = IdFilter(field_name="contract_id")
    bank = IdFilter(field_name="bank_id")
    officer = IdFilter(field_name="officer_id")
    stage = CommaMultipleChoiceFilter(field_name="stage", choices=Stage.choices, error_messages=_INVALID)
    loan_type = CommaMultipleChoiceFilter(field_name="loan_type", choices=LoanType.choices, error_messages=_INVALID)
    open = FlagFilter(method="filter_open", help_text="true: only cases still in progress; false: only ended ones")
    days_in_stage_min = _IntegerFilter(
        method="filter_days_in_stage_min",
        min_value=0,
        max_value=36500,
        help_text="in the current stage for at least this many days",
    )

    class Meta:
        model = MortgageCase
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[MortgageCase], name: str, value: str) -> QuerySet[MortgageCase]:
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(Q(number__icontains=text) | Q(contract__number__icontains=text))

    def filter_open(self, queryset: QuerySet[MortgageCase], name: str, value: bool | None) -> QuerySet[MortgageCase]:
        if value is None:
            return queryset
        return queryset.filter(stage__in=OPEN_STAGES) if value else queryset.exclude(stage__in=OPEN_STAGES)

    def filter_days_in_stage_min(self, queryset: QuerySet[MortgageCase], name: str, value: int | None) -> QuerySet[MortgageCase]:
        if not value:
            return queryset
        return queryset.filter(stage_since__lt=selectors.entered_stage_before(value))


class BankFilter(FilterSet):
    project = IdFilter(field_name="projects", help_text="only the partner banks of this project")
    active = FlagFilter(field_name="is_active")

    class Meta:
        model = Bank
        fields: list[str] = []
