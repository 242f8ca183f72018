"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.settlement.models import SettlementBatch, SettlementLine


@admin.register(SettlementBatch)
class SettlementBatchAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "project", "building", "status", "approved_at", "posted_at"]
    list_filter = ["status"]
    search_fields = ["number"]


@admin.register(SettlementLine)
class SettlementLineAdmin(ReadOnlyScopedAdmin):
    list_display = ["unit", "batch", "contract", "contract_area", "measured_area", "buyer_pays", "developer_refunds"]
    list_filter = ["area_clause", "settles"]
