"""Read-only, scoped admin pages for support staff (``core.admin``); the certificate number stays hidden.

Not registered (no row rule of their own; read them on their case): ``ProjectMilestone`` (a project's dates),
``SaleSnapshot`` (the sale a case was opened from), ``ChecklistItem``, ``Delay`` and ``ClockAlert`` (parts of a case).
"""

from django.contrib import admin

from anju.certificates.models import CertificateCase, Receipt
from anju.core.admin import ReadOnlyScopedAdmin


@admin.register(CertificateCase)
class CertificateCaseAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "project", "unit", "contract", "stage", "stage_since", "next_clock", "next_due_on", "handler"]
    list_filter = ["stage", "sale_kind", "mortgaged"]
    search_fields = ["number"]


@admin.register(Receipt)
class ReceiptAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "case", "kind", "handed_on", "handed_by"]
    list_filter = ["kind"]
    search_fields = ["number"]
