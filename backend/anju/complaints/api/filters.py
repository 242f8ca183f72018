"""List filters of the complaints API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from anju.complaints.models import Complaint, Incident
from anju.core.filters import IdFilter


class ComplaintFilter(filters.FilterSet):
    work_order = IdFilter(field_name="work_order_id")
    stage = filters.CharFilter(field_name="stage")

    class Meta:
        model = Complaint
        fields: list[str] = []


class IncidentFilter(filters.FilterSet):
    status = filters.CharFilter(field_name="status")

    class Meta:
        model = Incident
        fields: list[str] = []
