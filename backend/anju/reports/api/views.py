from __future__ import annotations

import datetime
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.excel import xlsx_response
from anju.core.pdf import pdf_response
from anju.core.viewsets import ScopedViewSet
from anju.reports import selectors, services, summary
from anju.reports.api.serializers import (
    ReportInfoSerializer,
    ReportSerializer,
    ReportSubscriptionSerializer,
    ReportSubscriptionUpdateSerializer,
    WorkSummarySerializer,
)

_PARAMETERS = [
    OpenApiParameter("key", str, OpenApiParameter.PATH, description="the report: see GET /reports/"),
    OpenApiParameter("date_from", datetime.date, description="first day of the period (default: the 1st of date_to's month)"),
    OpenApiParameter("date_to", datetime.date, description="last day of the period (default: today)"),
    OpenApiParameter("project", int, description="only this project (in the caller's scope, else 404)"),
    OpenApiParameter("building", int, description="only this building (in the caller's scope, else 404)"),
    OpenApiParameter("by", str, description="how rows are grouped: one of the report's dimensions (default: the first)"),
    OpenApiParameter("compare", bool, description="add the previous period's totals"),
]


def _report(request: Request, key: str, *, compare: bool) -> dict[str, Any]:
    report = selectors.get_report(key)
    query = selectors.parse_query(report, request.query_params, actor=request.user)
    return selectors.run(request, report, query, compare=compare)


class ReportListView(APIView):
    """The reports of the report centre (统计报表) the caller may open."""

    permission_map = {"get": "reports.view_report"}

    @extend_schema(operation_id="reports_list", responses=ReportInfoSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = [selectors.describe(report) for report in selectors.available_reports(request)]
        return Response(ReportInfoSerializer(rows, many=True).data)


class ReportView(APIView):
    """One report for a period of the caller's projects: rows (each with its drill-down list URL) and totals."""

    permission_map = {"get": "reports.view_report"}

    @extend_schema(operation_id="reports_retrieve", parameters=_PARAMETERS, responses=ReportSerializer)
    def get(self, request: Request, key: str) -> Response:
        data = _report(request, key, compare=selectors.compare_requested(request.query_params))
        return Response(ReportSerializer(data).data)


class ReportExportView(APIView):
    """The same report's table as a spreadsheet (rows, then the totals)."""

    permission_map = {"get": "reports.view_report"}
    path_examples = {"key": "repairs"}  # for the export checks of core.tests.test_export_formulas

    @extend_schema(
        operation_id="reports_export",
        parameters=[p for p in _PARAMETERS if p.name != "compare"],
        responses={(200, "application/octet-stream"): bytes},
    )
    def get(self, request: Request, key: str) -> Any:
        data = _report(request, key, compare=False)
        content = selectors.workbook(data)
        return xlsx_response(content, f"anju-report-{data['key']}-{data['date_from']}-{data['date_to']}.xlsx")


class SubscriptionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, ScopedViewSet
):
    """The caller's report subscriptions (我的订阅): a report with its filters sent on a schedule, as an Excel file by
    e-mail and to the inbox. Each user sees only their own (another's is a 404)."""

    selector = staticmethod(lambda actor: selectors.list_subscriptions(actor=actor))
    serializer_class = ReportSubscriptionSerializer
    pagination_class = None  # a handful per user
    permission_map = {
        "list": "reports.view_report",
        "retrieve": "reports.view_report",
        "create": "reports.view_report",
        "partial_update": "reports.view_report",
        "destroy": "reports.view_report",
    }
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = ReportSubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = serializer.validated_data
        params = {
            "project": str(values.get("project_id") or ""),
            "building": str(values.get("building_id") or ""),
            "by": values.get("by", ""),
        }
        subscription = services.subscribe(
            actor=request.user, report_key=values["report_key"], schedule=values["schedule"], params=params
        )
        return Response(ReportSubscriptionSerializer(subscription).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReportSubscriptionUpdateSerializer, responses=ReportSubscriptionSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        subscription = self.get_object()
        serializer = ReportSubscriptionUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = services.set_active(
            actor=request.user, subscription=subscription, active=serializer.validated_data["active"]
        )
        return Response(ReportSubscriptionSerializer(subscription).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.unsubscribe(actor=request.user, subscription=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


_SUMMARY_PARAMETERS = [
    OpenApiParameter("project", int, required=True, description="the project (in the caller's scope, else 404)"),
    OpenApiParameter("kind", str, enum=["week", "month"], description="a week (Monday … Sunday) or a calendar month"),
    OpenApiParameter("date", datetime.date, description="any day of the period (default: the last whole one)"),
]


def _summary(request: Request) -> dict[str, Any]:
    project = selectors.summary_project(request.user, request.query_params.get("project", ""))
    kind, day = selectors.summary_query(request.query_params)
    return summary.work_summary(request, project, kind, day)


class WorkSummaryView(APIView):
    """工作总结: one project's week or month of customer service — volumes, SLA attainment, satisfaction, top problems
    and overdue orders — beside the previous period; every figure is a report total of the same period."""

    permission_map = {"get": "reports.view_report"}

    @extend_schema(operation_id="work_summary_retrieve", parameters=_SUMMARY_PARAMETERS, responses=WorkSummarySerializer)
    def get(self, request: Request) -> Response:
        return Response(WorkSummarySerializer(_summary(request)).data)


class WorkSummaryPdfView(APIView):
    """The same 工作总结 as a PDF."""

    permission_map = {"get": "reports.view_report"}

    @extend_schema(operation_id="work_summary_pdf", parameters=_SUMMARY_PARAMETERS, responses={(200, "application/pdf"): bytes})
    def get(self, request: Request) -> Any:
        data = _summary(request)
        filename = f"{summary.title(data)}.pdf".replace(" ~ ", "_").replace(" ", "_")
        return pdf_response(summary.pdf(data), filename, inline=False)
