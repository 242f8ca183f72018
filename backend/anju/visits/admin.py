"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.visits.models import CarePlan, ReturnVisit


@admin.register(ReturnVisit)
class ReturnVisitAdmin(ReadOnlyScopedAdmin):
    list_display = ["kind", "project", "work_order", "customer", "status", "due_at", "satisfaction"]
    list_filter = ["kind", "status"]


@admin.register(CarePlan)
class CarePlanAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "project", "basis", "active"]
