"""List filters of the visits API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from anju.core.filters import FlagFilter, IdFilter, LenientChoiceFilter
from anju.visits.models import CarePlan, ReturnVisit, VisitKind, VisitStatus


class ReturnVisitFilter(filters.FilterSet):
    status = LenientChoiceFilter(choices=VisitStatus.choices)
    kind = LenientChoiceFilter(choices=VisitKind.choices)
    plan = IdFilter(field_name="plan_id")
    mine = FlagFilter(method="filter_mine", help_text="assigned to me, or to nobody yet")
    due_before = filters.IsoDateTimeFilter(field_name="due_at", lookup_expr="lt", help_text="due before this moment")

    class Meta:
        model = ReturnVisit
        fields: list[str] = []

    def filter_mine(self, queryset: QuerySet[ReturnVisit], name: str, value: bool) -> QuerySet[ReturnVisit]:
        if not value or self.request is None:
            return queryset
        return queryset.filter(Q(assignee=self.request.user) | Q(assignee__isnull=True))


class CarePlanFilter(filters.FilterSet):
    project = IdFilter(field_name="project_id")
    active = FlagFilter(field_name="active")

    class Meta:
        model = CarePlan
        fields: list[str] = []
