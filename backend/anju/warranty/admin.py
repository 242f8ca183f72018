"""Read-only admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.warranty.models import Contractor


@admin.register(Contractor)
class ContractorAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "qualification_expires_on", "is_active"]
