"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.complaints.models import Complaint, Incident
from anju.core.admin import ReadOnlyScopedAdmin


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyScopedAdmin):
    list_display = ["work_order", "category", "severity", "stage", "escalation_level"]
    list_filter = ["stage", "category"]


@admin.register(Incident)
class IncidentAdmin(ReadOnlyScopedAdmin):
    list_display = ["project", "building", "category", "status"]
