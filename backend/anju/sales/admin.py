"""Read-only, scoped admin pages for support staff (``core.admin``); bank accounts stay hidden.

Not registered (no row rule of their own; read them on their price list, subscription or contract):
``SalesSettings``, ``PriceListItem``, ``BuyerShare``, ``SubscriptionBuyer``, ``ContractBuyer`` and ``Allocation``.
"""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.sales.models import Contract, ContractChange, LedgerEntry, PresalePermit, PriceList, Receivable, Subscription


@admin.register(PresalePermit)
class PresalePermitAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "project", "building", "issued_on"]
    search_fields = ["number"]


@admin.register(PriceList)
class PriceListAdmin(ReadOnlyScopedAdmin):
    list_display = ["building", "project", "version_number", "effective_from", "status", "decided_at"]
    list_filter = ["status"]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "project", "unit", "subscribed_on", "consultant", "total_price", "sign_by", "status"]
    list_filter = ["status"]
    search_fields = ["number"]


@admin.register(Contract)
class ContractAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "project", "unit", "signed_on", "consultant", "total_price", "payment_plan", "status"]
    list_filter = ["status", "payment_plan"]
    search_fields = ["number", "filing_number"]


@admin.register(ContractChange)
class ContractChangeAdmin(ReadOnlyScopedAdmin):
    list_display = ["contract", "kind", "status", "requested_by", "decided_by", "created_at"]
    list_filter = ["kind", "status"]


@admin.register(Receivable)
class ReceivableAdmin(ReadOnlyScopedAdmin):
    list_display = ["contract", "kind", "amount", "due_on", "reminded_on"]
    list_filter = ["kind"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyScopedAdmin):
    list_display = ["contract", "kind", "status", "amount", "occurred_on", "method", "receipt_number"]
    list_filter = ["kind", "status", "method"]
    search_fields = ["receipt_number", "invoice_number"]
