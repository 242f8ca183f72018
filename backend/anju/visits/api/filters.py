"""List filters of the visits API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter, local_midnight
from anju.visits.models import CarePlan, ReturnVisit, VisitKind, VisitStatus
from anju.visits.rollups import low_score


class ReturnVisitFilter(FilterSet):
    status = CommaMultipleChoiceFilter(field_name="status", choices=VisitStatus.choices, help_text="one or more, comma-separated")
    kind = CommaMultipleChoiceFilter(field_name="kind", choices=VisitKind.choices, help_text="one or more, comma-separated")
    plan = IdFilter(field_name="plan_id")
    mine = FlagFilter(method="filter_mine", help_text="assigned to me, or to nobody yet")
    due_before = filters.IsoDateTimeFilter(field_name="due_at", lookup_expr="lt", help_text="due before this moment")
    # The report centre's drill-downs (anju.reports): a report row links to this list with exactly what it counted.
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="work_order__building_id", help_text="the visited order's building")
    category = IdFilter(field_name="work_order__category_id", help_text="the visited order's category (exactly)")
    technician = IdFilter(field_name="technician_id", help_text="the technician who did the work (a user id)")
    team = IdFilter(field_name="technician__technician__team_id", help_text="that technician's team")
    low_score = FlagFilter(
        method="filter_low_score", help_text="scored at or below the project's low-score threshold (ServiceSettings, default 2)"
    )
    completed_from = filters.DateFilter(method="filter_completed_from", help_text="answered on or after this day")
    completed_to = filters.DateFilter(method="filter_completed_to", help_text="answered on or before this day")

    class Meta:
        model = ReturnVisit
        fields: list[str] = []

    def filter_mine(self, queryset: QuerySet[ReturnVisit], name: str, value: bool) -> QuerySet[ReturnVisit]:
        if not value or self.request is None:
            return queryset
        return queryset.filter(Q(assignee=self.request.user) | Q(assignee__isnull=True))

    def filter_low_score(self, queryset: QuerySet[ReturnVisit], name: str, value: bool | None) -> QuerySet[ReturnVisit]:
        if value is None:
            return queryset
        low = low_score()
        return queryset.filter(low) if value else queryset.exclude(low)

    def filter_completed_from(self, queryset: QuerySet[ReturnVisit], name: str, value: datetime.date) -> QuerySet[ReturnVisit]:
        return queryset.filter(completed_at__gte=local_midnight(value))

    def filter_completed_to(self, queryset: QuerySet[ReturnVisit], name: str, value: datetime.date) -> QuerySet[ReturnVisit]:
        return queryset.filter(completed_at__lt=local_midnight(value + datetime.timedelta(days=1)))


class CarePlanFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    active = FlagFilter(field_name="active")

    class Meta:
        model = CarePlan
        fields: list[str] = []
