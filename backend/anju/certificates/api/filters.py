"""List filters of the certificates API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.certificates import selectors
from anju.certificates.choices import OPEN_STAGES, Clock, Stage
from anju.certificates.models import CertificateCase
from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter

_INVALID = {"invalid_choice": _("Enter a valid value.")}
AT_RISK_DAYS = 30  # the window of the "at risk" filter and of the at-risk list by default


class CertificateCaseFilter(FilterSet):
    """``stage`` takes several values; ``at_risk`` names a clock (open and due within 30 days, or missed)."""

    search = filters.CharFilter(method="filter_search", help_text="unit room, contract number, case number or owner name")
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="unit__building_id")
    stage = CommaMultipleChoiceFilter(field_name="stage", choices=Stage.choices, error_messages=_INVALID)
    at_risk = filters.ChoiceFilter(
        method="filter_at_risk", choices=Clock.choices, error_messages=_INVALID, help_text="this clock is at risk"
    )
    open = FlagFilter(method="filter_open", help_text="true: only cases in progress")

    class Meta:
        model = CertificateCase
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[CertificateCase], name: str, value: str) -> QuerySet[CertificateCase]:
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(
            Q(number__icontains=text)
            | Q(contract__number__icontains=text)
            | Q(unit__room_number__icontains=text)
            | Q(owners__name__icontains=text)
        ).distinct()

    def filter_at_risk(self, queryset: QuerySet[CertificateCase], name: str, value: str) -> QuerySet[CertificateCase]:
        if not value:
            return queryset
        limit = timezone.localdate() + datetime.timedelta(days=AT_RISK_DAYS)
        return selectors.clocks_due_by(queryset, limit, value)

    def filter_open(self, queryset: QuerySet[CertificateCase], name: str, value: bool | None) -> QuerySet[CertificateCase]:
        if value is None:
            return queryset
        return queryset.filter(stage__in=OPEN_STAGES) if value else queryset.exclude(stage__in=OPEN_STAGES)


class AtRiskFilter(FilterSet):
    """The at-risk list: ``clock`` (one clock, default all), ``within_days`` (default 30), ``ordering`` by days left."""

    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="unit__building_id")
    clock = filters.ChoiceFilter(method="filter_window", choices=Clock.choices, error_messages=_INVALID)
    within_days = filters.NumberFilter(method="filter_window", min_value=0, max_value=3650, help_text="default 30")
    ordering = filters.ChoiceFilter(
        method="filter_window",
        choices=[("days_left", "days_left"), ("-days_left", "-days_left")],
        error_messages=_INVALID,
        help_text="days_left (default: fewest first) or -days_left",
    )

    class Meta:
        model = CertificateCase
        fields: list[str] = []

    def filter_window(self, queryset: QuerySet[CertificateCase], name: str, value: object) -> QuerySet[CertificateCase]:
        return queryset  # the rows are cut by ``selectors.at_risk_rows`` from the cleaned values

    def window(self) -> tuple[str | None, int, bool]:
        """(clock or None, within days, newest-deadline-last?) from the validated query."""
        data = self.form.cleaned_data
        days = data.get("within_days")
        return data.get("clock") or None, AT_RISK_DAYS if days is None else int(days), data.get("ordering") == "-days_left"
