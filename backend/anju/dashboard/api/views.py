from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.params import id_param, invalid_param
from anju.core.permissions import AUTHENTICATED
from anju.dashboard import selectors, workspace
from anju.dashboard.api.serializers import DashboardSerializer, WorkspaceSerializer
from anju.dashboard.errors import ErrorCode


class DashboardView(APIView):
    """Home-page figures for the signed-in user's scope; sections without permission are null."""

    permission_map = {"get": AUTHENTICATED}

    @extend_schema(
        operation_id="dashboard_retrieve",
        parameters=[
            OpenApiParameter("project", int, description="only this project (must be in scope)"),
            OpenApiParameter(
                "sections",
                str,
                description="comma-separated: only these of " + ", ".join(selectors.SECTIONS) + " (the others are null)",
            ),
        ],
        responses=DashboardSerializer,
    )
    def get(self, request: Request) -> Response:
        project = id_param(
            request.query_params, "project", message=_("Give the project as its numeric id."), code=ErrorCode.INVALID_PROJECT
        )
        raw = request.query_params.get("sections", "")
        sections = [part for part in raw.split(",") if part] if raw else None
        if sections is not None and not set(sections) <= set(selectors.SECTIONS):
            raise invalid_param(
                "sections",
                _("Choose sections among: %(sections)s.") % {"sections": ", ".join(selectors.SECTIONS)},
            )
        return Response(DashboardSerializer(selectors.summary(actor=request.user, project=project, sections=sections)).data)


class WorkspaceView(APIView):
    """The signed-in user's role home (工作台): per role, the figures it acts on, each counted by the list it opens."""

    permission_map = {"get": AUTHENTICATED}

    @extend_schema(
        operation_id="workspace_retrieve",
        parameters=[OpenApiParameter("project", int, description="only this project (must be in scope)")],
        responses=WorkspaceSerializer,
    )
    def get(self, request: Request) -> Response:
        project = id_param(
            request.query_params, "project", message=_("Give the project as its numeric id."), code=ErrorCode.INVALID_PROJECT
        )
        if project is not None:
            selectors.scoped_project(request.user, project)
        return Response(WorkspaceSerializer(workspace.workspace(request=request, project=project)).data)
