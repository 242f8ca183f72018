from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.access_log import client_ip
from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import list_timeline
from anju.core.idempotency import idempotent
from anju.core.pagination import SEARCH_COUNT_CAP, PageNumberPagination
from anju.core.params import id_value
from anju.core.serializers import EventSerializer, validated_input
from anju.core.viewsets import ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.properties.api.settings import ProjectSettingsView
from anju.workorders import dispatch as dispatching
from anju.workorders import includes, selectors
from anju.workorders.api import filters as f
from anju.workorders.api import serializers as s
from anju.workorders.choices import Status
from anju.workorders.errors import ErrorCode
from anju.workorders.models import Attachment, Category, ServiceSettings, WorkOrder
from anju.workorders.services import calls, files, orders, technicians, transitions
from anju.workorders.workflow import WORKFLOW, WorkOrderAction


def _dispatch(view: Any, order: WorkOrder, data: dict[str, Any]) -> WorkOrder:
    return transitions.dispatch(actor=view.request.user, order=order, action=WorkOrderAction(view.workflow_action), **data)


def _complete(view: Any, order: WorkOrder, data: dict[str, Any]) -> WorkOrder:
    return transitions.complete(actor=view.request.user, order=order, **{**data, "lines": [dict(x) for x in data["lines"]]})


def _service(action: str) -> Any:
    def run(view: Any, order: WorkOrder, data: dict[str, Any]) -> WorkOrder:
        return transitions.SERVICES[action](actor=view.request.user, order=order, **data)

    return run


class _PageRows:
    """What the paginator slices when a page is read by ``selectors.project_page``: ``rows[start:stop]`` reads it."""

    def __init__(self, read: Callable[[int, int], list[dict[str, Any]]]) -> None:
        self.read = read

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return self.read(window.start, window.stop - window.start)


def _as_given(rows: Any) -> Any:
    return rows


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
class WorkOrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Work orders (工单). Detail responses carry ``allowed_actions`` for the caller."""

    serializer_class = s.WorkOrderSerializer
    filterset_class = f.WorkOrderFilter
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
        "call": "workorders.work_workorder",
    }

    def get_selector_queryset(self) -> QuerySet[WorkOrder]:
        if self.action == "list":
            return selectors.list_work_orders(actor=self.request.user, project=self._project_param())
        return selectors.work_order_details(actor=self.request.user)

    def get_object(self) -> WorkOrder:
        """The order of a detail endpoint (the screen, its timeline and follow-ups, every action) through
        ``selectors.visible_order``: the rows and the 404 of ``work_order_details``, without compiling its joins."""
        order = selectors.visible_order(actor=self.request.user, pk=self.kwargs["pk"])
        if order is None:
            raise Http404
        self.check_object_permissions(self.request, order)
        return order

    def _project_param(self) -> int | None:
        """``?project=`` when well-formed (the filter set answers 400 otherwise): the selector then filters by that
        one project instead of the caller's list of projects."""
        raw = self.request.query_params.get("project")
        return id_value(raw) if raw else None

    def list(self, request: Request) -> Response:
        """The list: rows read as plain values and mapped plainly (``selectors.list_values``, ``serializers.list_row``:
        the same fields as ``WorkOrderSerializer``)."""
        paginator = self.paginator
        assert isinstance(paginator, PageNumberPagination)
        cap = SEARCH_COUNT_CAP if request.query_params.get("q", "").strip() else None
        count = None if cap else self._tallied_count()
        prepared = self._prepared_page() if count is not None else None
        if prepared is not None:  # one project's orders in some statuses, read whole: no filter set, nothing compiled
            page = paginator.paginate_rows(prepared, request, self, rows=_as_given, count=count)
        else:
            queryset = self.filter_queryset(self.get_queryset())
            page = paginator.paginate_rows(queryset, request, self, rows=selectors.list_values, cap=cap, count=count)
        assert page is not None
        return self.get_paginated_response([s.list_row(row) for row in selectors.values_with_stages(page)])

    _TALLIED_PARAMETERS = frozenset({"project", "status", "page", "page_size", "ordering"})

    def _tallied_count(self) -> int | None:
        """The list's total from the status tally (``workorders.tally``, kept by the database with every write) when
        the list is one project's orders in some statuses, read by someone who sees every order of that project —
        the list agents keep open all day (issue 14 §1). ``None`` (count the rows) for anything else."""
        params = self.request.query_params
        if not set(params) <= self._TALLIED_PARAMETERS or "project" not in params or "status" not in params:
            return None
        project, statuses = self._project_param(), self._status_param()
        if project is None or not statuses or not statuses <= set(Status.values):
            return None
        return selectors.tallied_count(actor=self.request.user, project=project, statuses=statuses)

    def _status_param(self) -> set[str]:
        """``?status=``: several values, repeated or comma-separated, read exactly as the filter set reads them (no
        trimming: " dispatched" is the filter set's 400, so it must not be a known status here)."""
        return {value for raw in self.request.query_params.getlist("status") for value in raw.split(",") if value}

    def _prepared_page(self) -> _PageRows | None:
        """The page's rows for ``?project=&status=`` (and ``page``, ``page_size``, an allow-listed ``ordering``) from
        ``selectors.project_page``, called when the tally gave the count (the same parameters, read by someone who
        sees the project whole); ``None`` to filter as for any query (an unknown ordering is then the filter set's
        400)."""
        params = self.request.query_params
        ordering = params.get("ordering") or "-created_at"
        project = self._project_param()
        if ordering not in selectors.ORDERINGS or project is None:
            return None
        statuses, actor = self._status_param(), self.request.user
        # the selector checks that the actor reads the project whole; the tally's count (0) already said when not
        return _PageRows(
            lambda offset, limit: (
                selectors.project_page(
                    actor=actor, project=project, statuses=statuses, ordering=ordering, offset=offset, limit=limit
                )
                or []
            )
        )

    def _detail(self, order: WorkOrder, status: int = 200, *, action: str | None = None, fresh: bool = False) -> Response:
        """The detail body with ``allowed_actions``.

        ``fresh``: the order was just created in this request and already carries its related rows.
        ``action``: what the request just did to it (``selectors.get_work_order_for_answer`` decides what to show).
        """
        if not fresh:
            order = (
                selectors.get_work_order_for_answer(actor=self.request.user, pk=order.pk, action=action)
                if action
                else selectors.get_work_order(actor=self.request.user, pk=order.pk)
            )
        return Response(self._detail_body(order), status=status)

    def _detail_body(self, order: WorkOrder) -> dict[str, Any]:
        return s.detail_row(selectors.with_children(order), WORKFLOW.allowed_actions(order, self.request.user))

    @extend_schema(
        responses=s.WorkOrderScreenSerializer,
        parameters=[
            OpenApiParameter(
                "include",
                str,
                description="comma-separated parts of the detail screen to answer with the order (``included``): "
                "follow_ups, timeline (first page of 20), sla (clocks); a part the caller may not see is left out",
            )
        ],
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        wanted = self._wanted_parts()
        order = self.get_object()  # the detail selector's row: everything the answer shows is already fetched
        body = self._detail_body(order)
        if wanted is not None:
            body["included"] = includes.included(request, order, wanted)
        return Response(body)

    def _wanted_parts(self) -> builtins.list[str] | None:
        raw = self.request.query_params.get("include")
        if raw is None:
            return None
        wanted = list(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
        known = includes.names()
        unknown = [part for part in wanted if part not in known]
        if unknown:
            message = _("Unknown parts: %(parts)s (known: %(known)s).") % {
                "parts": ", ".join(unknown[:5]),
                "known": ", ".join(known),
            }
            raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"include": [message]})
        return wanted

    @extend_schema(
        request=s.WorkOrderCreateSerializer,
        responses={201: s.WorkOrderDetailSerializer},
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, description="same key + body → same answer")
        ],
    )
    def create(self, request: Request) -> Response:
        def prepare() -> tuple[WorkOrder, ServiceSettings]:  # outside the transaction: checks, lookups, no lock held
            data = validated_input(self, s.WorkOrderCreateSerializer)
            planned = orders.plan_work_order(actor=request.user, **data)
            return planned, selectors.service_settings(planned.project_id)

        def run(prepared: tuple[WorkOrder, ServiceSettings]) -> Response:
            planned, settings = prepared
            order = orders.save_planned_order(order=planned, actor=request.user)
            if settings.auto_dispatch:
                order = transitions.auto_dispatch(order=order, settings=settings)
                return self._detail(order, status=201, action=selectors.CREATED)
            return self._detail(selectors.just_created(order), status=201, fresh=True)

        return idempotent(request, "work_orders.create", run, prepare=prepare)

    @extend_schema(request=None, responses=s.CallSerializer)
    @action(detail=True, methods=["post"])
    def call(self, request: Request, pk: str | None = None) -> Response:
        """拨打: the assigned technician gets the owner's number (or a privacy number) for this call; logged."""
        result = calls.start_call(actor=request.user, order=self.get_object(), ip_address=client_ip(request))
        return Response(s.CallSerializer(result).data)

    @extend_schema(responses=s.SuggestionSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="dispatch-suggestions", pagination_class=None)
    def dispatch_suggestions(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        return Response([dispatching.describe(x) for x in dispatching.suggestions(order)])

    @extend_schema(request=s.BatchDispatchInputSerializer, responses=s.BatchDispatchResultSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="batch-dispatch", pagination_class=None)
    def batch_dispatch(self, request: Request) -> Response:
        data = validated_input(self, s.BatchDispatchInputSerializer)
        found = {o.pk: o for o in selectors.list_work_orders(actor=request.user).filter(pk__in=data["orders"])}
        missing = [pk for pk in data["orders"] if pk not in found]
        if missing:
            message = _("Unknown work orders: %(ids)s") % {"ids": ", ".join(map(str, missing[:10]))}
            raise ApplicationError(ErrorCode.WORKORDER_NOT_FOUND, message, fields={"orders": [message]})
        among = set(data["technicians"]) or None
        return Response(transitions.batch_dispatch(actor=request.user, orders=list(found.values()), technician_ids=among))

    def workflow_response(self, order: WorkOrder, action: str) -> Response:
        return self._detail(order, action=action)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        events = list_timeline(obj=self.get_object(), actor=request.user)
        page = self.paginate_queryset(events)
        return self.get_paginated_response(EventSerializer(page, many=True, context={"request": self.request}).data)

    @extend_schema(responses=s.WorkOrderFollowUpSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="follow-ups", pagination_class=None)
    def follow_ups(self, request: Request, pk: str | None = None) -> Response:
        return Response([s.follow_up_row(row) for row in selectors.follow_ups_of(self.get_object())])

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

    def get_parsers(self) -> builtins.list[Any]:  # ``list`` is the list action in this class
        if getattr(self, "action", None) == "add_attachment" or (
            self.request is not None and self.request.method == "POST" and self.request.path.endswith("/attachments/")
        ):
            return [MultiPartParser()]
        return super().get_parsers()


class WorkOrderFileViewSet(mixins.DestroyModelMixin, ScopedViewSet):
    """Download (or remove) a file on an order the caller can see; another project's file is a 404."""

    selector = staticmethod(lambda actor: selectors.list_attachments(actor=actor))
    serializer_class = s.AttachmentSerializer
    http_method_names = ["get", "delete", "head", "options"]
    permission_map = {
        "retrieve": "workorders.view_attachment",
        "thumbnail": "workorders.view_attachment",
        "destroy": "workorders.delete_attachment",
    }

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
            raise Http404
        response = FileResponse(attachment.thumbnail.open("rb"), content_type="image/jpeg")
        response["Cache-Control"] = "private, max-age=3600"
        return response

    def perform_destroy(self, instance: Attachment) -> None:
        files.remove(actor=self.request.user, attachment=instance)


class CategoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The service-category tree (flat list with ``parent``); categories are deactivated, never deleted."""

    serializer_class = s.CategorySerializer
    filterset_class = f.CategoryFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "workorders.view_category",
        "retrieve": "workorders.view_category",
        "create": "workorders.add_category",
        "partial_update": "workorders.change_category",
    }

    def get_selector_queryset(self) -> QuerySet[Category]:
        # the list filters active ones itself (``CategoryFilter``); a deactivated one is still edited by id
        if self.action in ("list", "partial_update"):
            return selectors.list_categories(include_inactive=True)
        return selectors.list_categories(include_inactive=self.request.query_params.get("all") == "true")

    @extend_schema(request=s.CategoryInputSerializer, responses={201: s.CategorySerializer})
    def create(self, request: Request) -> Response:
        category = technicians.create_category(actor=request.user, **validated_input(self, s.CategoryInputSerializer))
        return Response(s.CategorySerializer(category).data, status=201)

    @extend_schema(request=s.CategoryUpdateSerializer, responses=s.CategorySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        category = self.get_object()
        data = validated_input(self, s.CategoryUpdateSerializer)
        return Response(
            s.CategorySerializer(technicians.update_category(actor=request.user, category=category, values=data)).data
        )


class TechnicianViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """维修人员 in the caller's projects, with skills, areas, status, roster and current open orders."""

    selector = staticmethod(lambda actor: selectors.list_technicians(actor=actor).order_by("user__username"))
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

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["loads"] = selectors.technician_loads(actor=self.request.user)
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
        return Response(s.CandidateSerializer(selectors.list_technician_candidates(), many=True).data)

    @extend_schema(responses=s.WorkOrderSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=PageNumberPagination)
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Work history: the orders assigned to this technician that the caller can see, newest first."""
        technician = self.get_object()
        queryset = selectors.list_work_orders(actor=request.user).filter(assignee=technician.user)
        paginator = self.paginator
        assert isinstance(paginator, PageNumberPagination)
        page = paginator.paginate_rows(queryset, request, self, rows=selectors.list_values)
        assert page is not None
        return self.get_paginated_response([s.list_row(row) for row in selectors.values_with_stages(page)])


class TeamViewSet(mixins.ListModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_teams())
    serializer_class = s.TeamSerializer
    http_method_names = ["get", "post", "head", "options"]
    pagination_class = None
    permission_map = {"list": "workorders.view_technician", "create": "workorders.manage_technician"}

    @extend_schema(request=s.TeamInputSerializer, responses={201: s.TeamSerializer})
    def create(self, request: Request) -> Response:
        name = validated_input(self, s.TeamInputSerializer)["name"]
        team, created = technicians.get_or_create_team(actor=request.user, name=name)
        return Response(s.TeamSerializer(team).data, status=201 if created else 200)


class ServiceSettingsView(ProjectSettingsView):
    """A project's service-desk practice settings: auto-dispatch and its threshold, reopen window."""

    permission_map = {"get": "workorders.view_servicesettings", "put": "workorders.change_servicesettings"}

    @extend_schema(operation_id="service_settings_retrieve", responses=s.ServiceSettingsSerializer)
    def get(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        return Response(s.ServiceSettingsSerializer(selectors.service_settings(project.pk)).data)

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
