"""Report reads: which reports a user may open, the query of a request, and a report's table.

Scope is not decided here: every figure is counted from the rows of the list endpoint it drills down to, read as the
user (``catalog.Context.rows``), so a user's report covers exactly the projects that user's lists cover.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.request import Request

from anju.core.errors import ApplicationError
from anju.core.excel import Column, build_workbook
from anju.core.params import date_param, id_param
from anju.dashboard.workspace import list_rows
from anju.properties.models import Project
from anju.properties.scope import can_see_project
from anju.properties.selectors import list_buildings
from anju.reports.catalog import DIMENSION_LABELS, REPORTS, Context, Query, Report
from anju.reports.errors import ErrorCode
from anju.reports.models import ReportSubscription

MAX_DAYS = 1100  # three years: a longer period is refused (the demo history holds two)


def available_reports(request: Request) -> list[Report]:
    """The reports the user may open: every list a report counts must be open to the user."""
    return [r for r in REPORTS.values() if all(list_rows(request, endpoint, {}) is not None for endpoint in r.lists)]


def get_report(key: str) -> Report:
    report = REPORTS.get(key)
    if report is None:
        raise ApplicationError(ErrorCode.UNKNOWN_REPORT, _("There is no such report."), status_code=404)
    return report


def _invalid(name: str, message: str) -> ApplicationError:
    return ApplicationError(ErrorCode.INVALID_QUERY, message, fields={name: [message]})


def parse_query(report: Report, params: Mapping[str, Any], *, actor: Any, today: datetime.date | None = None) -> Query:
    """The period (default: this month up to today), the project and building (in the user's scope: else a 404) and
    the grouping of a report request; malformed or inconsistent values are a 400 naming the parameter."""
    today = today or timezone.localdate()
    date_to = date_param(params, "date_to") or today
    date_from = date_param(params, "date_from") or date_to.replace(day=1)
    if date_to < date_from:
        raise _invalid("date_to", _("The end of the period cannot be before its start."))
    if (date_to - date_from).days >= MAX_DAYS:
        raise _invalid("date_from", _("A report covers at most three years."))
    project = id_param(params, "project")
    if project is not None and not can_see_project(actor, project):
        raise Http404
    building = id_param(params, "building")
    if building is not None:
        found = list_buildings(actor=actor).filter(pk=building).values_list("project_id", flat=True).first()
        if found is None:
            raise Http404
        if project is not None and found != project:
            raise _invalid("building", _("This building is not in the chosen project."))
    by = params.get("by", "") or report.dimensions[0]
    if by not in report.dimensions:
        raise _invalid("by", _("Choose one of: %(choices)s.") % {"choices": ", ".join(report.dimensions)})
    if by == "floor" and building is None:
        raise _invalid("building", _("Choose a building to see its floors."))
    return Query(date_from=date_from, date_to=date_to, project=project, building=building, by=by)


def compare_requested(params: Mapping[str, Any]) -> bool:
    return str(params.get("compare", "")).lower() in {"1", "true", "yes"}


def run(request: Request, report: Report, query: Query, *, compare: bool = False) -> dict[str, Any]:
    """The report's table: rows (each with its drill-down URL) and totals, and the previous period's totals."""
    rows, totals = report.build(Context(request, query))
    previous = None
    if compare:
        _rows, previous = report.build(Context(request, query.previous()))
    return {
        "key": report.key,
        "title": str(report.title),
        "date_from": query.date_from,
        "date_to": query.date_to,
        "project": query.project,
        "building": query.building,
        "by": query.by,
        "columns": [{"key": c.key, "label": str(c.label), "kind": c.kind} for c in report.columns],
        "rows": rows,
        "totals": totals,
        "previous": (
            {"date_from": query.previous().date_from, "date_to": query.previous().date_to, "totals": previous}
            if previous is not None
            else None
        ),
    }


def describe(report: Report) -> dict[str, Any]:
    return {
        "key": report.key,
        "title": str(report.title),
        "description": str(report.description),
        "dimensions": [{"key": d, "label": str(DIMENSION_LABELS[d])} for d in report.dimensions],
        "columns": [{"key": c.key, "label": str(c.label), "kind": c.kind} for c in report.columns],
        "chart": report.chart,
        "chart_value": report.chart_value,
    }


def workbook(data: dict[str, Any]) -> bytes:
    """A report's table as a spreadsheet (rows, then the totals): the export and the subscriptions' attachment."""
    columns = [Column(c["key"], c["label"], width=24 if c["kind"] == "text" else 14) for c in data["columns"]]
    rows = [[row.get(c.key) for c in columns] for row in data["rows"]]
    total_row = [data["totals"].get(c.key) for c in columns]
    total_row[[c.key for c in columns].index("label")] = _("Total")
    heading = f"{data['title']} {data['date_from']}~{data['date_to']}"
    return build_workbook([(heading.replace("~", " - ")[:31], columns, [*rows, total_row])])


def list_subscriptions(*, actor: Any) -> QuerySet[ReportSubscription]:
    """A user's own subscriptions (nobody sees another's: a 404)."""
    if not getattr(actor, "is_authenticated", False):
        return ReportSubscription.objects.none()
    return ReportSubscription.objects.filter(owner=actor).select_related("project", "building")


def summary_project(actor: Any, value: Any) -> Project:
    """The project of a 工作总结 request: required, in the caller's scope (else a 404)."""
    project_id = id_param({"project": value}, "project")
    if project_id is None:
        raise _invalid("project", _("Choose a project."))
    if not can_see_project(actor, project_id):
        raise Http404
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise Http404
    return project


def summary_query(params: Mapping[str, Any], *, today: datetime.date | None = None) -> tuple[str, datetime.date]:
    """The kind (week or month) and a day of the period of a 工作总结 request (default: the last whole period)."""
    kind = params.get("kind", "") or "week"
    if kind not in {"week", "month"}:
        raise _invalid("kind", _("Choose one of: %(choices)s.") % {"choices": "week, month"})
    day = date_param(params, "date")
    if day is None:
        today = today or timezone.localdate()
        day = today - datetime.timedelta(days=7) if kind == "week" else today.replace(day=1) - datetime.timedelta(days=1)
    return kind, day
