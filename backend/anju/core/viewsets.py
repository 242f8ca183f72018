"""``ScopedViewSet``: the one base of every API viewset - its rows come from a selector and nowhere else.

A viewset names the selector that gives the caller's rows (the selector applies the data scope,
``properties.scope.visible_project_ids``), either as a class attribute::

    class CustomerViewSet(mixins.ListModelMixin, ScopedViewSet):
        selector = staticmethod(lambda actor: selectors.list_customers(actor=actor))

or, when it needs more than the actor (the action, the request), as a method::

    def get_selector_queryset(self) -> QuerySet[Customer]:
        return selectors.list_customers(actor=self.request.user)

- ``get_queryset()`` is that selector's queryset: a list, an export and the object of a detail action all come
  from the same scoped rows; there is no ``queryset`` attribute to forget about.
- ``get_object()`` looks the ``pk`` up in that queryset *without* the list's filters (``?status=`` on a detail URL
  changes nothing), so a record outside the caller's scope is a 404, never a 403, and the object permissions of
  ``ActionPermission`` are still checked.
- A viewset that declares neither refuses to work (``ImproperlyConfigured``) instead of serving every row.
- List filters are a django-filter ``FilterSet`` in the app's ``api/filters.py`` (``filterset_class``), applied by
  ``anju.core.filters.FilterBackend`` and documented in OpenAPI by django-filter's drf-spectacular integration.

Global reference tables (tags, categories, contractors...) have selectors too; those say in their docstring
why they are not scoped.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from rest_framework import viewsets


class ScopedViewSet(viewsets.GenericViewSet):
    """A GenericViewSet whose rows come only from ``selector(actor)`` or ``get_selector_queryset()``."""

    # ``staticmethod(lambda actor: ...)``: a function of the actor returning a QuerySet (``Any``: mypy would take a
    # Callable class attribute for a method)
    selector: ClassVar[Any] = None

    def get_selector_queryset(self) -> QuerySet[Any]:
        selector = type(self).selector
        if selector is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} declares no selector: set `selector` or override `get_selector_queryset()`."
            )
        return selector(self.request.user)  # type: ignore[no-any-return]

    def get_queryset(self) -> QuerySet[Any]:
        queryset = self.get_selector_queryset()
        if not isinstance(queryset, QuerySet):
            raise ImproperlyConfigured(f"The selector of {type(self).__name__} must return a QuerySet.")
        return queryset

    def get_object(self) -> Any:
        lookup = self.lookup_url_kwarg or self.lookup_field
        obj = get_object_or_404(self.get_queryset(), **{self.lookup_field: self.kwargs[lookup]})
        self.check_object_permissions(self.request, obj)
        return obj
