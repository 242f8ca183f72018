"""List filters of the SLA API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.filters import FilterSet
from anju.core.params import id_value
from anju.sla.models import CalendarDay


@extend_schema_field(OpenApiTypes.INT)
class _YearFilter(filters.CharFilter):
    pass


class CalendarDayFilter(FilterSet):
    year = _YearFilter(method="filter_year")

    class Meta:
        model = CalendarDay
        fields: list[str] = []

    def filter_year(self, queryset: QuerySet[CalendarDay], name: str, value: str) -> QuerySet[CalendarDay]:
        year = id_value(value)
        if year is None or not 1900 <= year <= 2200:
            message = _("Enter a year between 1900 and 2200.")
            raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"year": [message]})
        return queryset.filter(date__year=year)
