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
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.events import list_timeline
from anju.core.params import id_param
from anju.core.serializers import EventSerializer, event_rows, validated_input


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
        return selector(self.request.user)

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


class TimelineMixin:
    # ``GET <record>/timeline/`` for a ScopedViewSet: the object comes through ``get_object`` (scoped: 404 outside).

    @extend_schema(responses=EventSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        """The record's events, newest first, paged; an event that also concerns a record the caller may not see
        is left out (the row rules of ``core.events.list_timeline``)."""
        view: Any = self
        page = view.paginate_queryset(list_timeline(obj=view.get_object(), actor=request.user))
        return view.get_paginated_response(event_rows(page, request.user))


class CaseViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The shape of a post-sale pipeline's case (按揭 mortgage, 产证 certificate): a scoped list (``?project=`` as
    one equality), a detail read fresh through the selector after every write, a versioned ``PATCH``, a document
    checklist and a timeline; the workflow endpoints come from ``core.workflow_api.workflow_actions``.

    A subclass names its selectors, serializers and services; it documents ``retrieve``, ``partial_update`` and
    ``checklist`` with ``extend_schema_view`` (the serializers differ per app)::

        list_selector = staticmethod(selectors.list_mortgage_cases)      # (actor=, project=) -> QuerySet
        details_selector = staticmethod(selectors.case_details)          # (actor=) -> QuerySet
        get_selector = staticmethod(selectors.get_case)                  # (actor=, pk=) -> case
        detail_serializer_class / update_serializer_class / checklist_serializer_class
        update_service = staticmethod(cases.update_case)                 # (actor=, case=, values=, version=)
        checklist_service = staticmethod(cases.set_checklist)            # (actor=, case=, **input)
    """

    list_actions: ClassVar[tuple[str, ...]] = ("list",)
    list_selector: ClassVar[Any] = None
    details_selector: ClassVar[Any] = None
    get_selector: ClassVar[Any] = None
    detail_serializer_class: ClassVar[Any] = None
    update_serializer_class: ClassVar[Any] = None
    checklist_serializer_class: ClassVar[Any] = None
    update_service: ClassVar[Any] = None
    checklist_service: ClassVar[Any] = None
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_selector_queryset(self) -> QuerySet[Any]:
        cls = type(self)
        if self.action in cls.list_actions:
            project = id_param(self.request.query_params, "project")
            return cls.list_selector(actor=self.request.user, project=project)
        return cls.details_selector(actor=self.request.user)

    def detail_response(self, case: Any) -> Response:
        fresh = type(self).get_selector(actor=self.request.user, pk=case.pk)
        return Response(type(self).detail_serializer_class(fresh, context={"request": self.request}).data)

    def workflow_response(self, case: Any, action: str) -> Response:
        return self.detail_response(case)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.detail_response(self.get_object())

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        data = validated_input(self, type(self).update_serializer_class)
        version = data.pop("version", None)
        return self.detail_response(type(self).update_service(actor=request.user, case=case, values=data, version=version))

    @action(detail=True, methods=["post"])
    def checklist(self, request: Request, pk: str | None = None) -> Response:
        case = self.get_object()
        data = validated_input(self, type(self).checklist_serializer_class)
        return self.detail_response(type(self).checklist_service(actor=request.user, case=case, **data))
