from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.errors import ApplicationError
from anju.core.events import list_timeline
from anju.core.idempotency import idempotent
from anju.core.pagination import PageNumberPagination
from anju.core.params import date_param, id_param
from anju.core.serializers import EventSerializer, validated_input
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.properties import selectors as property_selectors
from anju.properties.scope import visible_project_ids
from anju.workorders import dispatch as dispatching
from anju.workorders import selectors
from anju.workorders.api import serializers as s
from anju.workorders.choices import OrderType, Priority, Status
from anju.workorders.models import Attachment, Category, Team, Technician, WorkOrder
from anju.workorders.services import files, orders, technicians, transitions
from anju.workorders.workflow import WORKFLOW, WorkOrderAction


def _bad(field: str) -> ApplicationError:
    message = _("Enter a valid value.")
    return ApplicationError("validation_error", message, fields={field: [message]})


_INT_FILTERS = ["project", "building", "category", "assignee", "customer", "unit"]
_CHOICE_FILTERS = {"type": OrderType.values, "status": Status.values, "priority": Priority.values}
_LIST_PARAMS = [
    OpenApiParameter("q", str, description="number, title, description or contact name contains"),
    *[OpenApiParameter(name, int) for name in _INT_FILTERS],
    OpenApiParameter("type", str, many=True, enum=OrderType.values),
    OpenApiParameter("status", str, many=True, enum=Status.values),
    OpenApiParameter("priority", str, many=True, enum=Priority.values),
    OpenApiParameter("in_warranty", bool),
    OpenApiParameter("mine", bool, description="only orders assigned to me"),
    OpenApiParameter("created_from", datetime.date, description="created on or after this day"),
    OpenApiParameter("created_to", datetime.date, description="created on or before this day"),
    OpenApiParameter(
        "ordering",
        str,
        enum=["-created_at", "created_at", "sla_due_at"],
        description="newest first (default), oldest first, or the most urgent running SLA target first",
    ),
]


def _filters(request: Request) -> dict[str, Any]:
    params = request.query_params
    result: dict[str, Any] = {"q": params.get("q", "")}
    for name in _INT_FILTERS:
        value = id_param(params, name)
        if value is not None:
            result[name] = value
    for name, allowed in _CHOICE_FILTERS.items():
        values = [v for raw in params.getlist(name) for v in raw.split(",") if v]
        if any(v not in allowed for v in values):
            raise _bad(name)
        if values:
            result[name] = values
    if params.get("in_warranty") in ("true", "false"):
        result["in_warranty"] = params["in_warranty"] == "true"
    if params.get("mine") == "true":
        result["assignee"] = request.user.pk
    ordering = params.get("ordering", "")
    if ordering:
        if ordering not in selectors.ORDERINGS:
            raise _bad("ordering")
        result["ordering"] = ordering
    for name, key, shift in (("created_from", "created_after", 0), ("created_to", "created_before", 1)):
        day = date_param(params, name)
        if day is not None:
            start = datetime.datetime.combine(day + datetime.timedelta(days=shift), datetime.time.min)
            result[key] = timezone.make_aware(start)
    return result


def _dispatch(view: Any, order: WorkOrder, data: dict[str, Any]) -> WorkOrder:
    return transitions.dispatch(actor=view.request.user, order=order, action=WorkOrderAction(view.workflow_action), **data)


def _complete(view: Any, order: WorkOrder, data: dict[str, Any]) -> WorkOrder:
    return transitions.complete(actor=view.request.user, order=order, **{**data, "lines": [dict(x) for x in data["lines"]]})


def _service(action: str) -> Any:
    def run(view: Any, order: WorkOrder, data: dict[str, Any]) -> WorkOrder:
        return transitions.SERVICES[action](actor=view.request.user, order=order, **data)

    return run


@extend_schema(parameters=_LIST_PARAMS)
@workflow_actions(
    WORKFLOW,
    response=s.WorkOrderDetailSerializer,
    endpoints={
        **{a: Endpoint(run=_service(a)) for a in transitions.SERVICES},
        WorkOrderAction.DISPATCH: Endpoint(input=s.DispatchInputSerializer, run=_dispatch, operation_id="work_orders_dispatch"),
        WorkOrderAction.REASSIGN: Endpoint(input=s.DispatchInputSerializer, run=_dispatch),
        WorkOrderAction.RETURN: Endpoint(run=_service(WorkOrderAction.RETURN), operation_id="work_orders_return"),
        WorkOrderAction.COMPLETE: Endpoint(input=s.CompleteInputSerializer, run=_complete),
    },
)
class WorkOrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Work orders (工单). Detail responses carry ``allowed_actions`` for the caller."""

    queryset = WorkOrder.objects.none()
    serializer_class = s.WorkOrderSerializer
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": "workorders.view_workorder",
        "retrieve": "workorders.view_workorder",
        "create": "workorders.add_workorder",
        "batch_dispatch": "workorders.dispatch_workorder",
        "dispatch_suggestions": "workorders.dispatch_workorder",
        "timeline": "workorders.view_workorder",
        "follow_ups": "workorders.view_workorderfollowup",
        "add_follow_up": "workorders.add_workorderfollowup",
        "attachments": "workorders.view_attachment",
        "add_attachment": "workorders.add_attachment",
    }

    def get_queryset(self) -> QuerySet[WorkOrder]:
        if self.action == "list":
            return selectors.list_work_orders(actor=self.request.user, filters=_filters(self.request))
        return selectors.list_work_orders(actor=self.request.user)

    def get_object(self) -> WorkOrder:
        return selectors.get_work_order(actor=self.request.user, pk=self.kwargs["pk"])

    def _detail(self, order: WorkOrder, status: int = 200, *, unscoped: bool = False, fresh: bool = False) -> Response:
        """The detail body with ``allowed_actions``.

        ``fresh``: the order was just created in this request and already carries its related rows.
        ``unscoped``: show it to the caller even if they only see their assigned orders (create, return).
        """
        if not fresh:
            order = (
                selectors.unscoped_detail(pk=order.pk)
                if unscoped
                else selectors.get_work_order(actor=self.request.user, pk=order.pk)
            )
        allowed = WORKFLOW.allowed_actions(order, self.request.user)
        context = {"request": self.request, "allowed_actions": allowed}
        return Response(s.WorkOrderDetailSerializer(order, context=context).data, status=status)

    @extend_schema(responses=s.WorkOrderDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(
        request=s.WorkOrderCreateSerializer,
        responses={201: s.WorkOrderDetailSerializer},
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, description="same key + body → same answer")
        ],
    )
    def create(self, request: Request) -> Response:
        def run() -> Response:
            data = validated_input(self, s.WorkOrderCreateSerializer)
            order = orders.create_work_order(actor=request.user, **data)
            settings = orders.service_settings(order.project_id)
            if settings.auto_dispatch:
                order = transitions.auto_dispatch(order=order, settings=settings)
                return self._detail(order, status=201, unscoped=True)
            return self._detail(order, status=201, fresh=True)

        return idempotent(request, "work_orders.create", run)

    @extend_schema(responses=s.SuggestionSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="dispatch-suggestions", pagination_class=None)
    def dispatch_suggestions(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        return Response([dispatching.describe(x) for x in dispatching.suggestions(order)])

    @extend_schema(request=s.BatchDispatchInputSerializer, responses=s.BatchDispatchResultSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="batch-dispatch")
    def batch_dispatch(self, request: Request) -> Response:
        data = validated_input(self, s.BatchDispatchInputSerializer)
        found = {o.pk: o for o in selectors.list_work_orders(actor=request.user).filter(pk__in=data["orders"])}
        missing = [pk for pk in data["orders"] if pk not in found]
        if missing:
            message = _("Unknown work orders: %(ids)s") % {"ids": ", ".join(map(str, missing[:10]))}
            raise ApplicationError("workorder.not_found", message, fields={"orders": [message]})
        among = set(data["technicians"]) or None
        return Response(transitions.batch_dispatch(actor=request.user, orders=list(found.values()), technician_ids=among))

    def workflow_response(self, order: WorkOrder, action: str) -> Response:
        # a technician who returns an order no longer sees it: answer with it all the same
        return self._detail(order, unscoped=action == WorkOrderAction.RETURN)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        events = list_timeline(obj=self.get_object(), actor=request.user)
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True).data)

    @extend_schema(responses=s.WorkOrderFollowUpSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="follow-ups", pagination_class=None)
    def follow_ups(self, request: Request, pk: str | None = None) -> Response:
        rows = self.get_object().follow_ups.select_related("author")
        return Response(s.WorkOrderFollowUpSerializer(rows, many=True).data)

    @extend_schema(request=s.WorkOrderFollowUpInputSerializer, responses={201: s.WorkOrderFollowUpSerializer})
    @follow_ups.mapping.post
    def add_follow_up(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.WorkOrderFollowUpInputSerializer)
        follow_up = orders.add_follow_up(actor=request.user, order=self.get_object(), **data)
        return Response(s.WorkOrderFollowUpSerializer(follow_up).data, status=201)

    @extend_schema(responses=s.AttachmentSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def attachments(self, request: Request, pk: str | None = None) -> Response:
        return Response(s.AttachmentSerializer(self.get_object().attachments.all(), many=True).data)

    @extend_schema(request={"multipart/form-data": s.AttachmentUploadSerializer}, responses={201: s.AttachmentSerializer})
    @attachments.mapping.post
    def add_attachment(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.AttachmentUploadSerializer)
        attachment = files.attach(actor=request.user, order=self.get_object(), upload=data["file"], stage=data["stage"])
        return Response(s.AttachmentSerializer(attachment).data, status=201)

    def get_parsers(self) -> list[Any]:
        if getattr(self, "action", None) == "add_attachment" or (
            self.request is not None and self.request.method == "POST" and self.request.path.endswith("/attachments/")
        ):
            return [MultiPartParser()]
        return super().get_parsers()


class WorkOrderFileViewSet(mixins.DestroyModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """Download (or remove) a file on an order the caller can see; another project's file is a 404."""

    queryset = Attachment.objects.none()
    serializer_class = s.AttachmentSerializer
    http_method_names = ["get", "delete", "head", "options"]
    permission_map = {
        "retrieve": "workorders.view_attachment",
        "thumbnail": "workorders.view_attachment",
        "destroy": "workorders.delete_attachment",
    }

    def get_queryset(self) -> QuerySet[Attachment]:
        visible = selectors.list_work_orders(actor=self.request.user).values("pk")
        return Attachment.objects.filter(work_order__in=visible).select_related("work_order")

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    def retrieve(self, request: Request, pk: str | None = None) -> FileResponse:
        attachment = self.get_object()
        response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
        disposition = (
            "inline"
            if attachment.content_type.startswith("image/") or attachment.content_type == "application/pdf"
            else "attachment"
        )
        response["Content-Disposition"] = (
            f'{disposition}; filename="file-{attachment.pk}.{attachment.file.name.rsplit(".", 1)[-1]}"'
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=3600"
        return response

    @extend_schema(responses={(200, "image/jpeg"): bytes})
    @action(detail=True, methods=["get"])
    def thumbnail(self, request: Request, pk: str | None = None) -> FileResponse:
        attachment = self.get_object()
        if not attachment.thumbnail:
            from django.http import Http404

            raise Http404
        response = FileResponse(attachment.thumbnail.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=3600"
        return response

    def perform_destroy(self, instance: Attachment) -> None:
        files.remove(actor=self.request.user, attachment=instance)


class CategoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """The service-category tree (flat list with ``parent``); categories are deactivated, never deleted."""

    queryset = Category.objects.none()
    serializer_class = s.CategorySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "workorders.view_category",
        "retrieve": "workorders.view_category",
        "create": "workorders.add_category",
        "partial_update": "workorders.change_category",
    }

    def get_queryset(self) -> QuerySet[Category]:
        return selectors.list_categories(include_inactive=self.request.query_params.get("all") == "true")

    @extend_schema(request=s.CategoryInputSerializer, responses={201: s.CategorySerializer})
    def create(self, request: Request) -> Response:
        category = technicians.create_category(actor=request.user, **validated_input(self, s.CategoryInputSerializer))
        return Response(s.CategorySerializer(category).data, status=201)

    @extend_schema(request=s.CategoryUpdateSerializer, responses=s.CategorySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        category = get_object_or_404(Category.objects.all(), pk=pk)
        data = validated_input(self, s.CategoryUpdateSerializer)
        return Response(
            s.CategorySerializer(technicians.update_category(actor=request.user, category=category, values=data)).data
        )


class TechnicianViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """维修人员 in the caller's projects, with skills, areas, status, roster and current open orders."""

    queryset = Technician.objects.none()
    serializer_class = s.TechnicianSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "workorders.view_technician",
        "retrieve": "workorders.view_technician",
        "create": "workorders.manage_technician",
        "partial_update": "workorders.manage_technician",
        "candidates": "workorders.manage_technician",
        "history": "workorders.view_technician",
    }

    def get_queryset(self) -> QuerySet[Technician]:
        return selectors.list_technicians(actor=self.request.user).order_by("user__username")

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["loads"] = selectors.open_load(
            list(Technician.objects.values_list("user_id", flat=True)), project_ids=visible_project_ids(self.request.user)
        )
        return context

    @extend_schema(request=s.TechnicianInputSerializer, responses={201: s.TechnicianSerializer})
    def create(self, request: Request) -> Response:
        technician = technicians.create_technician(actor=request.user, **validated_input(self, s.TechnicianInputSerializer))
        return Response(s.TechnicianSerializer(technician, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=s.TechnicianUpdateSerializer, responses=s.TechnicianSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.TechnicianUpdateSerializer)
        version = data.pop("version", None)
        technician = technicians.update_technician(actor=request.user, technician=self.get_object(), values=data, version=version)
        return Response(s.TechnicianSerializer(technician, context=self.get_serializer_context()).data)

    @extend_schema(responses=s.CandidateSerializer(many=True))
    @action(detail=False, methods=["get"])
    def candidates(self, request: Request) -> Response:
        """Active users with the technician role and no profile yet."""
        users = (
            get_user_model()
            .objects.filter(is_active=True, groups__name="technician", technician__isnull=True)
            .order_by("username")
            .distinct()
        )
        return Response(s.CandidateSerializer(users, many=True).data)

    @extend_schema(responses=s.WorkOrderSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=PageNumberPagination)
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Work history: the orders assigned to this technician that the caller can see, newest first."""
        technician = self.get_object()
        queryset = selectors.list_work_orders(actor=request.user).filter(assignee=technician.user)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(s.WorkOrderSerializer(page, many=True).data)


class TeamViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    serializer_class = s.TeamSerializer
    http_method_names = ["get", "post", "head", "options"]
    pagination_class = None
    permission_map = {"list": "workorders.view_technician", "create": "workorders.manage_technician"}

    def get_queryset(self) -> QuerySet[Team]:
        return Team.objects.all()

    @extend_schema(request=s.TeamInputSerializer, responses={201: s.TeamSerializer})
    def create(self, request: Request) -> Response:
        name = validated_input(self, s.TeamInputSerializer)["name"]
        team, created = Team.objects.get_or_create(name=name)
        return Response(s.TeamSerializer(team).data, status=201 if created else 200)


class ServiceSettingsView(APIView):
    """A project's service-desk practice settings: auto-dispatch and its threshold, reopen window."""

    permission_map = {"get": "workorders.view_servicesettings", "put": "workorders.change_servicesettings"}

    def _project(self, request: Request, project_id: int) -> Any:
        return get_object_or_404(property_selectors.list_projects(actor=request.user), pk=project_id)

    @extend_schema(operation_id="service_settings_retrieve", responses=s.ServiceSettingsSerializer)
    def get(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        return Response(s.ServiceSettingsSerializer(orders.service_settings(project.pk)).data)

    @extend_schema(
        operation_id="service_settings_update", request=s.ServiceSettingsInputSerializer, responses=s.ServiceSettingsSerializer
    )
    def put(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        data = validated_input(self, s.ServiceSettingsInputSerializer)
        return Response(
            s.ServiceSettingsSerializer(
                technicians.update_service_settings(actor=request.user, project=project, values=data)
            ).data
        )
