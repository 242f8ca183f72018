"""Read-only, scoped admin pages for support staff (``core.admin``)."""

from django.contrib import admin

from anju.core.admin import ReadOnlyScopedAdmin
from anju.properties.models import Building, CityCompany, Project, Unit


@admin.register(CityCompany)
class CityCompanyAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Project)
class ProjectAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "city_company", "is_active"]
    search_fields = ["code", "name"]


@admin.register(Building)
class BuildingAdmin(ReadOnlyScopedAdmin):
    list_display = ["project", "code", "name"]
    list_filter = ["project"]


@admin.register(Unit)
class UnitAdmin(ReadOnlyScopedAdmin):
    list_display = ["__str__", "project", "status", "delivery_date"]
    list_filter = ["status"]
