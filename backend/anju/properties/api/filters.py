"""List filters of the property API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django_filters import rest_framework as filters

from anju.core.filters import FilterSet, IdFilter
from anju.properties.choices import UnitStatus
from anju.properties.models import Building, Project, Unit


class ProjectFilter(FilterSet):
    class Meta:
        model = Project
        fields = ["city_company", "is_active"]


class BuildingFilter(FilterSet):
    class Meta:
        model = Building
        fields = ["project"]


class UnitFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    building = IdFilter(field_name="building_id")
    status = filters.ChoiceFilter(choices=UnitStatus.choices)
    room_number = filters.CharFilter(lookup_expr="icontains", max_length=20)

    class Meta:
        model = Unit
        fields = ["status", "floor", "room_number"]
