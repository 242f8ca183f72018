"""Read-only admin pages (``core.admin``): a user's own report subscriptions, as the API shows them.

Not registered: ``Report`` (no rows: it only carries the report permissions), ``OrderWorkTime`` (a derived figure per
order, read through the reports) and ``ScheduledSend`` (the sender's bookkeeping).
"""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.reports.models import ReportSubscription


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(ReadOnlyScopedAdmin):
    list_display = ["report_key", "owner", "project", "building", "schedule", "active", "last_sent_at"]
    list_filter = ["schedule", "active"]
