"""List filters of the complaints API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.complaints.models import Complaint, ComplaintCategory, Incident, Severity
from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter, local_midnight

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class ComplaintFilter(FilterSet):
    work_order = IdFilter(field_name="work_order_id")
    stage = filters.CharFilter(field_name="stage")
    # The report centre's drill-downs (anju.reports): a report row links to this list with exactly what it counted.
    project = IdFilter(field_name="work_order__project_id")
    building = IdFilter(field_name="work_order__building_id")
    category = CommaMultipleChoiceFilter(field_name="category", choices=ComplaintCategory.choices, error_messages=_INVALID)
    severity = CommaMultipleChoiceFilter(field_name="severity", choices=Severity.choices, error_messages=_INVALID)
    escalated = FlagFilter(method="filter_escalated", help_text="escalated at least once (true) or never (false)")
    created_from = filters.DateFilter(method="filter_created_from", help_text="received on or after this day")
    created_to = filters.DateFilter(method="filter_created_to", help_text="received on or before this day")

    class Meta:
        model = Complaint
        fields: list[str] = []

    def filter_escalated(self, queryset: QuerySet[Complaint], name: str, value: bool | None) -> QuerySet[Complaint]:
        if value is None:
            return queryset
        return queryset.filter(escalation_level__gt=0) if value else queryset.filter(escalation_level=0)

    def filter_created_from(self, queryset: QuerySet[Complaint], name: str, value: datetime.date) -> QuerySet[Complaint]:
        return queryset.filter(created_at__gte=local_midnight(value))

    def filter_created_to(self, queryset: QuerySet[Complaint], name: str, value: datetime.date) -> QuerySet[Complaint]:
        return queryset.filter(created_at__lt=local_midnight(value + datetime.timedelta(days=1)))


class IncidentFilter(FilterSet):
    status = filters.CharFilter(field_name="status")

    class Meta:
        model = Incident
        fields: list[str] = []
