"""Read-only, scoped admin pages for support staff (``core.admin``).

Not registered (read them on their order or through the SLA screens): ``SlaClock``, ``EscalationStep``,
``EscalationLog``, ``WorkingHours`` (one row) and ``CalendarYear``.
"""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.sla.models import CalendarDay, SlaPolicy


@admin.register(SlaPolicy)
class SlaPolicyAdmin(ReadOnlyScopedAdmin):
    list_display = ["order_type", "priority", "project", "respond_minutes", "resolve_minutes", "around_the_clock"]
    list_filter = ["order_type", "priority"]


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyScopedAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
