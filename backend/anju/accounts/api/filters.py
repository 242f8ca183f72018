"""List filters of the accounts API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from anju.accounts.models import User
from anju.core.filters import FilterSet


class _TruthField(forms.CharField):
    """``1``/``true`` (any case) is True, any other non-empty value False (as the user list always read it)."""

    def to_python(self, value: Any) -> bool | None:  # type: ignore[override]
        text = super().to_python(value)
        return None if not text else text.lower() in ("1", "true")


@extend_schema_field(OpenApiTypes.BOOL)
class _TruthFilter(filters.Filter):
    field_class = _TruthField


class UserFilter(FilterSet):
    q = filters.CharFilter(method="filter_q", help_text="username or display name contains")
    role = filters.CharFilter(method="filter_role")
    is_active = _TruthFilter(field_name="is_active")

    class Meta:
        model = User
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        text = value[:50]
        return queryset.filter(Q(username__icontains=text) | Q(display_name__icontains=text))

    def filter_role(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(groups__name=value[:50])
