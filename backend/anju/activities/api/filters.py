"""List filters of the member activities (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.activities.models import Activity, ActivityStatus, Audience
from anju.core.filters import FilterSet, IdFilter

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class ActivityFilter(FilterSet):
    search = filters.CharFilter(method="filter_search", help_text="title or place")
    project = IdFilter(field_name="project_id")
    status = filters.ChoiceFilter(choices=ActivityStatus.choices, error_messages=_INVALID)
    audience = filters.ChoiceFilter(choices=Audience.choices, error_messages=_INVALID)
    starts_from = filters.DateFilter(field_name="starts_at", lookup_expr="date__gte", help_text="starts on or after")
    starts_to = filters.DateFilter(field_name="starts_at", lookup_expr="date__lte", help_text="starts on or before")

    class Meta:
        model = Activity
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        text = value.strip()[:100]
        if not text:
            return queryset
        return queryset.filter(Q(title__icontains=text) | Q(place__icontains=text))
