"""List filters of the handover API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, IdFilter
from anju.handover.choices import BatchStatus, InspectionStatus, NoticeStatus, SlotStatus
from anju.handover.models import HandoverBatch, HandoverNotice, HandoverSlot, Inspection

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class BatchFilter(FilterSet):
    search = filters.CharFilter(method="filter_search", help_text="batch number or name contains")
    project = IdFilter(field_name="project_id")
    status = CommaMultipleChoiceFilter(field_name="status", choices=BatchStatus.choices, error_messages=_INVALID)

    class Meta:
        model = HandoverBatch
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[HandoverBatch], name: str, value: str) -> QuerySet[HandoverBatch]:
        return queryset.filter(Q(number__icontains=value) | Q(name__icontains=value)) if value else queryset


class NoticeFilter(FilterSet):
    batch = IdFilter(field_name="batch_id")
    project = IdFilter(field_name="project_id")
    unit = IdFilter(field_name="unit_id")
    status = CommaMultipleChoiceFilter(field_name="status", choices=NoticeStatus.choices, error_messages=_INVALID)
    handover_on = filters.DateFilter(field_name="handover_on", help_text="the handover date the notice gives")

    class Meta:
        model = HandoverNotice
        fields: list[str] = []


class SlotFilter(FilterSet):
    batch = IdFilter(field_name="batch_id")
    day = filters.DateFilter(field_name="day")
    status = CommaMultipleChoiceFilter(field_name="status", choices=SlotStatus.choices, error_messages=_INVALID)

    class Meta:
        model = HandoverSlot
        fields: list[str] = []


class InspectionFilter(FilterSet):
    batch = IdFilter(field_name="batch_id")
    unit = IdFilter(field_name="unit_id")
    notice = IdFilter(field_name="notice_id")
    status = CommaMultipleChoiceFilter(field_name="status", choices=InspectionStatus.choices, error_messages=_INVALID)

    class Meta:
        model = Inspection
        fields: list[str] = []
