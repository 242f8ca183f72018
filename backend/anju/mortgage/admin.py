"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.mortgage.models import Bank, MortgageCase


@admin.register(MortgageCase)
class MortgageCaseAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "contract", "project", "bank", "loan_type", "amount", "stage", "stage_since", "officer"]
    list_filter = ["stage", "loan_type"]
    search_fields = ["number"]


@admin.register(Bank)
class BankAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "is_active"]
