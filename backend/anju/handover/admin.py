"""Read-only, scoped admin pages for support staff (``core.admin``).

Not registered (no row rule of their own; read them on their batch or inspection): ``BatchMember``, ``BatchTask``
and ``Defect``.
"""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.handover.models import HandoverBatch, HandoverNotice, HandoverSlot, Inspection


@admin.register(HandoverBatch)
class HandoverBatchAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "name", "project", "starts_on", "ends_on", "status"]
    list_filter = ["status"]
    search_fields = ["number", "name"]


@admin.register(HandoverNotice)
class HandoverNoticeAdmin(ReadOnlyScopedAdmin):
    list_display = ["unit", "batch", "project", "handover_on", "window", "status", "sent_on"]
    list_filter = ["status"]


@admin.register(HandoverSlot)
class HandoverSlotAdmin(ReadOnlyScopedAdmin):
    list_display = ["unit", "batch", "project", "day", "window", "status", "checked_in_at"]
    list_filter = ["status"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "unit", "batch", "project", "round", "status", "inspector", "accepted_on"]
    list_filter = ["status"]
    search_fields = ["number"]
