from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.excel import Column, build_workbook, xlsx_response
from anju.reports import selectors
from anju.reports.api.serializers import ReportInfoSerializer, ReportSerializer

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
        columns = [Column(c["key"], c["label"], width=24 if c["kind"] == "text" else 14) for c in data["columns"]]
        rows = [[row.get(c.key) for c in columns] for row in data["rows"]]
        total_row = [data["totals"].get(c.key) for c in columns]
        total_row[[c.key for c in columns].index("label")] = _("Total")
        heading = f"{data['title']} {data['date_from']}~{data['date_to']}"
        content = build_workbook([(heading.replace("~", " - ")[:31], columns, [*rows, total_row])])
        return xlsx_response(content, f"anju-report-{data['key']}-{data['date_from']}-{data['date_to']}.xlsx")
