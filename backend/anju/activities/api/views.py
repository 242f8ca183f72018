"""Member activities for staff: list (with the participation figures), create, cancel, the registrations and
check-in. The owner side lives in the owner API (``anju.owners.api``)."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from anju.activities import selectors, services
from anju.activities.api import serializers as s
from anju.activities.api.filters import ActivityFilter
from anju.activities.workflow import WORKFLOW, ActivityAction
from anju.core.excel import xlsx_response
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions


def _cancel(view: Any, activity: Any, data: dict[str, Any]) -> Any:
    return services.cancel_activity(
        actor=view.request.user, activity=activity, version=data.get("version"), reason=data["reason"]
    )


@workflow_actions(
    WORKFLOW,
    response=s.ActivitySerializer,
    endpoints={ActivityAction.CANCEL: Endpoint(input=s.CancelActivitySerializer, run=_cancel)},
)
class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """会员活动 of the caller's projects; ``taken``, ``checked_in`` and ``cancelled`` are the participation report."""

    selector = staticmethod(lambda actor: selectors.list_activities(actor=actor))
    serializer_class = s.ActivitySerializer
    filterset_class = ActivityFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "activities.view_activity",
        "retrieve": "activities.view_activity",
        "create": "activities.add_activity",
        "partial_update": "activities.change_activity",
        "poster": "activities.change_activity",
        "poster_image": "activities.view_activity",
        "registrations": "activities.view_activity",
        "report": "activities.view_activity",
        "report_export": "activities.view_activity",
    }

    def get_parsers(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST" and self.request.path.endswith("/poster/"):
            return [MultiPartParser()]
        return super().get_parsers()

    def _detail(self, pk: int) -> Response:
        return Response(s.ActivitySerializer(self.get_queryset().get(pk=pk), context=self.get_serializer_context()).data)

    def workflow_response(self, activity: Any, action: str) -> Response:
        return self._detail(activity.pk)

    @extend_schema(request=s.ActivityInputSerializer, responses={201: s.ActivitySerializer})
    def create(self, request: Request) -> Response:
        activity = services.create_activity(actor=request.user, **validated_input(self, s.ActivityInputSerializer))
        response = self._detail(activity.pk)
        response.status_code = 201
        return response

    @extend_schema(request=s.ActivityUpdateSerializer, responses=s.ActivitySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        activity = self.get_object()
        data = validated_input(self, s.ActivityUpdateSerializer)
        version = data.pop("version", None)
        services.update_activity(actor=request.user, activity=activity, version=version, values=data)
        return self._detail(activity.pk)

    @extend_schema(request={"multipart/form-data": s.PosterInputSerializer}, responses=s.ActivitySerializer)
    @action(detail=True, methods=["post"])
    def poster(self, request: Request, pk: str | None = None) -> Response:
        """Upload the poster (JPEG or PNG, checked like every upload); it replaces the one before."""
        activity = self.get_object()
        services.set_poster(actor=request.user, activity=activity, upload=validated_input(self, s.PosterInputSerializer)["file"])
        return self._detail(activity.pk)

    @extend_schema(operation_id="activities_poster_image", responses={(200, "image/*"): bytes})
    @poster.mapping.get
    def poster_image(self, request: Request, pk: str | None = None) -> Any:
        return poster_response(self.get_object())

    def _participation(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        rows = selectors.participation(self.filter_queryset(self.get_queryset()), now=timezone.now())
        return rows, selectors.participation_by_project(rows)

    @extend_schema(filters=True, responses=s.ParticipationSerializer)
    @action(detail=False, methods=["get"], pagination_class=None)
    def report(self, request: Request) -> Response:
        """The participation report: per activity, and per project and audience (the list's filters apply)."""
        rows, totals = self._participation()
        return Response(s.ParticipationSerializer({"activities": rows, "projects": totals}).data)

    @extend_schema(operation_id="activities_report_export", filters=True, responses={(200, "application/octet-stream"): bytes})
    @action(detail=False, methods=["get"], url_path="report/export", pagination_class=None)
    def report_export(self, request: Request) -> Any:
        """The participation report as an Excel file."""
        rows, totals = self._participation()
        return xlsx_response(services.participation_workbook(rows, totals), "anju-activity-participation.xlsx")

    @extend_schema(responses=s.RegistrationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def registrations(self, request: Request, pk: str | None = None) -> Response:
        return Response(s.RegistrationSerializer(selectors.registrations_of(self.get_object()), many=True).data)


class RegistrationViewSet(ScopedViewSet):
    """Check a registered person in at the activity."""

    selector = staticmethod(lambda actor: selectors.list_registrations(actor=actor))
    serializer_class = s.RegistrationSerializer
    http_method_names = ["post", "options"]
    permission_map = {"check_in": "activities.check_in_registration"}

    @extend_schema(request=None, responses=s.RegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        registration = services.check_in(actor=request.user, registration=self.get_object())
        return Response(s.RegistrationSerializer(registration).data)


def poster_response(activity: Any) -> FileResponse:
    """The poster's bytes (a private file: only through a view that checked who may see the activity)."""
    if not activity.poster:
        raise Http404
    try:
        handle = activity.poster.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=activity.poster_type or "image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response
