"""Read-only, scoped admin pages for support staff (``core.admin``); personal data stays masked or hidden."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.customers.models import Appointment, Consultation, Customer, FollowUp, UnitOwnership


@admin.register(Customer)
class CustomerAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "source", "created_at", "erased_at"]
    search_fields = ["code", "name"]


@admin.register(UnitOwnership)
class UnitOwnershipAdmin(ReadOnlyScopedAdmin):
    list_display = ["customer", "unit", "role", "since"]


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyScopedAdmin):
    list_display = ["customer", "project", "channel", "category", "occurred_at"]


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyScopedAdmin):
    list_display = ["customer", "project", "consultant", "starts_at", "status"]


@admin.register(FollowUp)
class FollowUpAdmin(ReadOnlyScopedAdmin):
    list_display = ["customer", "project", "method", "owner", "occurred_at"]
