"""The Django admin as a read-only console for support staff, scoped like the API.

Nobody writes through the admin: every change goes through a service, which checks the rules and leaves an event on
the record's timeline. Staff (``is_staff``) with the model's view permission see the rows its row rule
(``core.visibility``) lets them see — the same selector the API uses — so a support user bound to one project reads
that project only. Encrypted columns and blind indexes are never shown.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.filters import RelatedOnlyFieldListFilter
from django.db import models
from django.db.models.constants import LOOKUP_SEP
from django.http import HttpRequest

from anju.core.models import CiphertextField
from anju.core.visibility import visible_rows


class ReadOnlyScopedAdmin(admin.ModelAdmin):
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> Any:
        return visible_rows(self.model, request.user).order_by("-pk")

    def get_exclude(self, request: HttpRequest, obj: models.Model | None = None) -> list[str]:
        # Many-to-many fields are left out too: a page would list every related row, another project's included.
        many = [f.name for f in self.model._meta.many_to_many]
        return [*(super().get_exclude(request, obj) or ()), *sorted(self._hidden_fields()), *many]

    def get_list_filter(self, request: HttpRequest) -> Any:
        """A filter on a relation offers only the related rows the page's own (scoped) rows use — never the names of
        another project's records (Django's default lists every related row)."""
        filters: list[Any] = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and self._is_relation(entry):
                filters.append((entry, RelatedOnlyFieldListFilter))
            else:
                filters.append(entry)
        return filters

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        """Only the page's own filters may be used in the query string. Django otherwise accepts any lookup on the
        model's columns (``?password__regex=…``, ``?id_number_index__startswith=…``): a hidden column read one
        character at a time."""
        field = lookup.split(LOOKUP_SEP, 1)[0]
        if field not in self._offered_filters() or field in self._hidden_fields():
            return False
        return bool(super().lookup_allowed(lookup, value, request))  # type: ignore[arg-type]

    def _offered_filters(self) -> set[str]:
        """The query-string names the page's filters use: a field name, a ``(field, filter class)`` pair's field, or
        a ``SimpleListFilter``'s ``parameter_name``."""
        offered: set[str] = set()
        for entry in self.list_filter:
            if isinstance(entry, str):
                offered.add(entry)
            elif isinstance(entry, tuple | list):
                offered.add(str(entry[0]))
            elif getattr(entry, "parameter_name", None):
                offered.add(str(entry.parameter_name))  # type: ignore[union-attr]
        return offered

    def _is_relation(self, name: str) -> bool:
        try:
            return bool(self.model._meta.get_field(name).is_relation)
        except Exception:  # noqa: BLE001 - a list_filter entry that is not a field (a method, a path)
            return False

    def _hidden_fields(self) -> set[str]:
        return {
            f.name
            for f in self.model._meta.get_fields()
            if isinstance(f, CiphertextField) or f.name.endswith(("_index", "ciphertext")) or f.name == "password"
        }

    def get_search_results(self, request: HttpRequest, queryset: Any, search_term: str) -> tuple[Any, bool]:
        # a NUL in the search box is nobody's text (and PostgreSQL refuses it in a query): drop it
        return super().get_search_results(request, queryset, search_term.replace("\x00", ""))

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
