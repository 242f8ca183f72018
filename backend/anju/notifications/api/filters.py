"""List filters of the inbox API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.db.models import QuerySet
from django_filters import rest_framework as filters

from anju.core.filters import FilterSet, FlagFilter
from anju.notifications.models import Notification


class NotificationFilter(FilterSet):
    unread = FlagFilter(method="filter_unread", help_text="only unread ones")
    kind = filters.CharFilter(method="filter_kind", help_text="one kind or several, comma-separated (e.g. sla.escalation)")

    class Meta:
        model = Notification
        fields: list[str] = []

    def filter_kind(self, queryset: QuerySet[Notification], name: str, value: str) -> QuerySet[Notification]:
        kinds = [k.strip() for k in value.split(",") if k.strip()]
        return queryset.filter(kind__in=kinds) if kinds else queryset

    def filter_unread(self, queryset: QuerySet[Notification], name: str, value: bool) -> QuerySet[Notification]:
        return queryset.filter(read_at__isnull=True) if value else queryset
