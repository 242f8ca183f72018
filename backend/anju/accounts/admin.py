"""Read-only admin pages for support staff (``core.admin``); passwords and session stamps are never shown.

Users and departments are one company-wide list (like ``/api/v1/users/``): the row rule needs the view permission.
Not registered (security records, no page for support): ``LoginAttempt``, ``UserSession`` and ``ApiToken``.
"""

from django.contrib import admin

from anju.accounts.models import Department, User
from anju.core.admin import ReadOnlyScopedAdmin


@admin.register(User)
class UserAdmin(ReadOnlyScopedAdmin):
    list_display = ["username", "display_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "groups"]
    search_fields = ["username", "display_name"]
    exclude = ["password", "access_stamp"]


@admin.register(Department)
class DepartmentAdmin(ReadOnlyScopedAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name"]
