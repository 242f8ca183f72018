"""List filters of the work-order API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter, local_midnight
from anju.workorders import selectors
from anju.workorders.choices import Channel, OrderType, Priority, Status
from anju.workorders.models import Category, WorkOrder
from anju.workorders.search import keyword_filter
from anju.workorders.selectors import ORDERINGS

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class WorkOrderFilter(FilterSet):
    """Every filter of ``GET /work-orders/``; ``type``, ``status`` and ``priority`` take several values (repeated or
    comma-separated); an unknown choice, a malformed id or date is a 400 naming the parameter."""

    q = filters.CharFilter(method="filter_q", help_text="number, title, description or contact name contains")
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="building_id")
    category = IdFilter(method="filter_category", help_text="this category or one of its children")
    assignee = IdFilter(field_name="assignee_id")
    customer = IdFilter(field_name="customer_id")
    unit = IdFilter(field_name="unit_id")
    type = CommaMultipleChoiceFilter(field_name="type", choices=OrderType.choices, error_messages=_INVALID)
    status = CommaMultipleChoiceFilter(field_name="status", choices=Status.choices, error_messages=_INVALID)
    complaint_stage = CommaMultipleChoiceFilter(
        field_name="complaint__stage", choices=selectors.complaint_stage_choices, error_messages=_INVALID
    )
    priority = CommaMultipleChoiceFilter(field_name="priority", choices=Priority.choices, error_messages=_INVALID)
    in_warranty = FlagFilter(field_name="in_warranty")
    mine = FlagFilter(method="filter_mine", help_text="only orders assigned to me")
    channel = CommaMultipleChoiceFilter(field_name="channel", choices=Channel.choices, error_messages=_INVALID)
    sla_due_before = filters.IsoDateTimeFilter(
        field_name="sla_due_at", lookup_expr="lt", help_text="the running SLA target falls due before this moment"
    )
    sla_due_after = filters.IsoDateTimeFilter(
        field_name="sla_due_at", lookup_expr="gte", help_text="the running SLA target falls due at or after this moment"
    )
    created_from = filters.DateFilter(method="filter_created_from", help_text="created on or after this day")
    created_to = filters.DateFilter(method="filter_created_to", help_text="created on or before this day")
    # The report centre's drill-downs (anju.reports): each report row links to this list with exactly what it counted.
    completed_from = filters.DateFilter(method="filter_completed_from", help_text="completed on or after this day")
    completed_to = filters.DateFilter(method="filter_completed_to", help_text="completed on or before this day")
    category_only = IdFilter(field_name="category_id", help_text="exactly this category (not its children)")
    department = IdFilter(field_name="category__department_id", help_text="the category's responsible department")
    contractor = IdFilter(field_name="responsible_contractor_id", help_text="the responsible contractor")
    floor = filters.NumberFilter(field_name="unit__floor", help_text="the unit's floor")
    reopened = FlagFilter(method="filter_reopened", help_text="reopened at least once (true) or never (false)")
    ordering = filters.ChoiceFilter(
        method="filter_ordering",
        choices=[(key, key) for key in ORDERINGS],
        error_messages=_INVALID,
        help_text=(
            "allow-listed: newest first (default), oldest first, by order number either way, by priority "
            "(urgent first) or the most urgent running SLA target first; any other value is a 400"
        ),
    )

    class Meta:
        model = WorkOrder
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[WorkOrder], name: str, value: str) -> QuerySet[WorkOrder]:
        text = value.strip()
        if not text:
            return queryset
        return keyword_filter(queryset, text)

    def filter_category(self, queryset: QuerySet[WorkOrder], name: str, value: int) -> QuerySet[WorkOrder]:
        return queryset.filter(Q(category_id=value) | Q(category__parent_id=value))

    def filter_mine(self, queryset: QuerySet[WorkOrder], name: str, value: bool) -> QuerySet[WorkOrder]:
        if not value or self.request is None:
            return queryset
        return queryset.filter(assignee_id=self.request.user.pk)

    def filter_created_from(self, queryset: QuerySet[WorkOrder], name: str, value: datetime.date) -> QuerySet[WorkOrder]:
        return queryset.filter(created_at__gte=local_midnight(value))

    def filter_created_to(self, queryset: QuerySet[WorkOrder], name: str, value: datetime.date) -> QuerySet[WorkOrder]:
        return queryset.filter(created_at__lt=local_midnight(value + datetime.timedelta(days=1)))

    def filter_completed_from(self, queryset: QuerySet[WorkOrder], name: str, value: datetime.date) -> QuerySet[WorkOrder]:
        return queryset.filter(completed_at__gte=local_midnight(value))

    def filter_completed_to(self, queryset: QuerySet[WorkOrder], name: str, value: datetime.date) -> QuerySet[WorkOrder]:
        return queryset.filter(completed_at__lt=local_midnight(value + datetime.timedelta(days=1)))

    def filter_reopened(self, queryset: QuerySet[WorkOrder], name: str, value: bool | None) -> QuerySet[WorkOrder]:
        if value is None:
            return queryset
        return queryset.filter(reopen_count__gt=0) if value else queryset.filter(reopen_count=0)

    def filter_ordering(self, queryset: QuerySet[WorkOrder], name: str, value: str) -> QuerySet[WorkOrder]:
        return queryset.order_by(*ORDERINGS[value])


class CategoryFilter(FilterSet):
    all = FlagFilter(method="filter_all", help_text="include deactivated categories")

    class Meta:
        model = Category
        fields: list[str] = []

    def filter_queryset(self, queryset: Any) -> Any:
        if self.form.cleaned_data.get("all") is not True:
            queryset = queryset.filter(is_active=True)
        return super().filter_queryset(queryset)

    def filter_all(self, queryset: QuerySet[Category], name: str, value: bool) -> QuerySet[Category]:
        return queryset  # applied in ``filter_queryset``: without ``all=true`` only active categories
