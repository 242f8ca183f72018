"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.workorders.models import Category, Technician, WorkOrder


@admin.register(WorkOrder)
class WorkOrderAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "type", "status", "priority", "project", "assignee", "created_at"]
    list_filter = ["type", "status", "priority"]
    search_fields = ["number"]


@admin.register(Technician)
class TechnicianAdmin(ReadOnlyScopedAdmin):
    list_display = ["user", "status", "team", "contractor"]


@admin.register(Category)
class CategoryAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "parent", "warranty_item", "is_active"]
