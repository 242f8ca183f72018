"""List filters of the customer API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.core.filters import CommaMultipleChoiceFilter, FilterSet, FlagFilter, IdFilter, local_midnight
from anju.customers import selectors
from anju.customers.choices import AppointmentStatus
from anju.customers.models import Appointment, Consultation, Customer, FollowUp, UnitOwnership


class CustomerFilter(FilterSet):
    q = filters.CharFilter(method="filter_q", help_text="name or customer code contains")
    tag = IdFilter(method="filter_customers")
    project = IdFilter(method="filter_customers")
    consultant = IdFilter(method="filter_customers")
    created_from = filters.DateFilter(method="filter_created_from", help_text="created on or after this day")
    ordering = filters.ChoiceFilter(
        method="filter_ordering",
        choices=[(key, key) for key in selectors.CUSTOMER_ORDERINGS],
        error_messages={"invalid_choice": _("Enter a valid value.")},
        help_text="allow-listed: newest first (default), by name, customer code or creation either way; any other value is a 400",
    )

    class Meta:
        model = Customer
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return self.filter_customers(queryset, name, value)

    def filter_customers(self, queryset: QuerySet[Customer], name: str, value: Any) -> QuerySet[Customer]:
        actor = self.request.user if self.request is not None else None
        return selectors.filter_customers(queryset, actor=actor, filters={name: value[:50] if name == "q" else value})

    def filter_created_from(self, queryset: QuerySet[Customer], name: str, value: datetime.date) -> QuerySet[Customer]:
        return queryset.filter(created_at__gte=local_midnight(value))

    def filter_ordering(self, queryset: QuerySet[Customer], name: str, value: str) -> QuerySet[Customer]:
        return queryset.order_by(*selectors.CUSTOMER_ORDERINGS[value])


class OwnershipFilter(FilterSet):
    class Meta:
        model = UnitOwnership
        fields = ["customer", "unit"]


class ConsultationFilter(FilterSet):
    class Meta:
        model = Consultation
        fields = ["customer", "project", "channel", "category", "handler"]


class AppointmentFilter(FilterSet):
    customer = IdFilter(field_name="customer_id")
    project = IdFilter(field_name="project_id")
    consultant = IdFilter(field_name="consultant_id")
    starts_after = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    status = CommaMultipleChoiceFilter(
        field_name="status", choices=AppointmentStatus.choices, help_text="one status or several, comma-separated"
    )

    class Meta:
        model = Appointment
        fields: list[str] = []


class FollowUpFilter(FilterSet):
    customer = IdFilter(field_name="customer_id")
    owner = IdFilter(field_name="owner_id")
    project = IdFilter(
        method="filter_project",
        help_text="about this project, or about the customer as a whole when the customer is one of this project's",
    )
    overdue = FlagFilter(method="filter_overdue", help_text="the next follow-up date is before today")

    class Meta:
        model = FollowUp
        fields = ["method"]

    def filter_project(self, queryset: QuerySet[FollowUp], name: str, value: int) -> QuerySet[FollowUp]:
        actor = self.request.user if self.request is not None else None
        return selectors.follow_ups_about_project(queryset, actor=actor, project=value) if actor else queryset.none()

    def filter_overdue(self, queryset: QuerySet[FollowUp], name: str, value: bool | None) -> QuerySet[FollowUp]:
        if value is None:
            return queryset
        today = timezone.localdate()
        return queryset.filter(next_follow_up_on__lt=today) if value else queryset.exclude(next_follow_up_on__lt=today)
