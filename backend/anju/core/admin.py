"""The Django admin as a read-only console for support staff, scoped like the API.

Nobody writes through the admin: every change goes through a service, which checks the rules and leaves an event on
the record's timeline. Staff (``is_staff``) with the model's view permission see the rows its row rule
(``core.visibility``) lets them see — the same selector the API uses — so a support user bound to one project reads
that project only. Encrypted columns and blind indexes are never shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from anju.core.models import CiphertextField
from anju.core.visibility import visible_rows


class ReadOnlyScopedAdmin(admin.ModelAdmin):
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> Any:
        return visible_rows(self.model, request.user).order_by("-pk")

    def get_exclude(self, request: HttpRequest, obj: models.Model | None = None) -> list[str]:
        hidden = [
            f.name
            for f in self.model._meta.get_fields()
            if isinstance(f, CiphertextField) or f.name.endswith("_index") or f.name.endswith("ciphertext")
        ]
        return [*(super().get_exclude(request, obj) or ()), *hidden]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
