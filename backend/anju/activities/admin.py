"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.activities.models import Activity, Registration
from anju.core.admin import ReadOnlyScopedAdmin


@admin.register(Activity)
class ActivityAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "project", "starts_at", "capacity", "audience", "status"]
    list_filter = ["status", "audience"]
    search_fields = ["title"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyScopedAdmin):
    list_display = ["activity", "customer", "status", "registered_at", "checked_in_at"]
    list_filter = ["status"]
