"""List filters of the warranty API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from anju.core.filters import FilterSet, IdFilter
from anju.warranty.models import WarrantyResponsibility


class ResponsibilityFilter(FilterSet):
    building = IdFilter(field_name="building_id")

    class Meta:
        model = WarrantyResponsibility
        fields: list[str] = []
