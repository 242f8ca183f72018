"""工作总结: the weekly or monthly summary of one project's customer service (客服部), counted by the report centre.

Every figure is a total of a report of the catalogue run for the project and the period — so the summary, the report
screens and their drill-down lists always agree — and each is shown beside the previous period's:

- received: repair orders received (报修情况 ``count``), still not finished of them (``open``), reopen %;
- completed: repair orders completed (维修人员工作效率 ``completed``) and SLA attainment (``sla_percent``);
- complaints received (投诉分析 ``count``);
- satisfaction: return visits answered, average score and low scores (满意度);
- top problems: the five categories with most repair orders received (报修情况 by category);
- overdue: orders open at the period's end past their SLA due time (received before the end, not finished and not
  cancelled by then), with the ten oldest listed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.pdf import Document
from anju.reports.catalog import REPORTS, Context, Query
from anju.reports.schedule import period_before, period_containing
from anju.workorders.choices import Status


@dataclass(frozen=True)
class Figure:
    key: str
    report: str  # the catalogue report whose total it is ("" for the overdue count)
    column: str
    label: Any
    unit: Any = ""
    better: str = "up"  # up | down: which way is an improvement


FIGURES = (
    Figure("received", "repairs", "count", gettext_lazy("Repair orders received"), gettext_lazy("orders"), "none"),
    Figure("not_finished", "repairs", "open", gettext_lazy("Of them not finished"), gettext_lazy("orders"), "down"),
    Figure("reopen_percent", "repairs", "reopen_percent", gettext_lazy("Reopen rate"), "%", "down"),
    Figure("completed", "technician_efficiency", "completed", gettext_lazy("Repair orders completed"), gettext_lazy("orders")),
    Figure("sla_percent", "technician_efficiency", "sla_percent", gettext_lazy("SLA attainment"), "%"),
    Figure("complaints", "complaints", "count", gettext_lazy("Complaints received"), gettext_lazy("complaints"), "down"),
    Figure("visits", "satisfaction", "visits", gettext_lazy("Return visits answered"), gettext_lazy("visits"), "none"),
    Figure("satisfaction", "satisfaction", "satisfaction", gettext_lazy("Average satisfaction"), gettext_lazy("of 5")),
    Figure("low_scores", "satisfaction", "low_scores", gettext_lazy("Low scores"), gettext_lazy("visits"), "down"),
    Figure("overdue", "", "", gettext_lazy("Overdue at the period's end"), gettext_lazy("orders"), "down"),
)
TOP_PROBLEMS = 5
OVERDUE_LISTED = 10


def _end(day: datetime.date) -> datetime.datetime:
    return Query(day, day).moments()[1]


def _overdue(ctx: Context, project: int, date_to: datetime.date) -> Any:
    end = _end(date_to)
    orders = ctx.rows("work-orders/", {"project": str(project)})
    finished_by_end = Q(completed_at__lt=end) | Q(closed_at__lt=end)
    return (
        orders.filter(created_at__lt=end, sla_due_at__lt=end)
        .exclude(status=Status.CANCELLED)
        .exclude(finished_by_end)
        .select_related("category")
        .order_by("sla_due_at", "id")
    )


def _period_figures(request: Any, project: int, date_from: datetime.date, date_to: datetime.date) -> dict[str, Any]:
    totals: dict[str, dict[str, Any]] = {}
    top: list[dict[str, Any]] = []
    for key in ("repairs", "technician_efficiency", "complaints", "satisfaction"):
        report = REPORTS[key]
        ctx = Context(request, Query(date_from, date_to, project=project, by=report.dimensions[0]))
        if not ctx.may_list(report.lists[0]):
            continue
        rows, totals[key] = report.build(ctx)
        if key == "repairs":
            top = [{"label": r["label"], "count": r["count"], "drilldown": r["drilldown"]} for r in rows[:TOP_PROBLEMS]]
    ctx = Context(request, Query(date_from, date_to, project=project))
    overdue = _overdue(ctx, project, date_to)
    values = {f.key: totals.get(f.report, {}).get(f.column) for f in FIGURES if f.report}
    values["overdue"] = overdue.count()
    return {"values": values, "top": top, "overdue": overdue}


def work_summary(request: Any, project: Any, kind: str, day: datetime.date) -> dict[str, Any]:
    """The summary of the week or month (``kind``) containing ``day`` for ``project``, read as the request's user."""
    date_from, date_to = period_containing(kind, day)
    prev_from, prev_to = period_before(kind, date_from)
    now = _period_figures(request, project.pk, date_from, date_to)
    before = _period_figures(request, project.pk, prev_from, prev_to)
    figures = []
    for f in FIGURES:
        value, previous = now["values"].get(f.key), before["values"].get(f.key)
        change = round(value - previous, 2) if value is not None and previous is not None else None
        figures.append(
            {
                "key": f.key,
                "label": str(f.label),
                "unit": str(f.unit),
                "value": value,
                "previous": previous,
                "change": change,
                "better": f.better,
            }
        )
    previous_top = {t["label"]: t["count"] for t in before["top"]}
    return {
        "project": project.pk,
        "project_name": project.name,
        "kind": kind,
        "date_from": date_from,
        "date_to": date_to,
        "previous_from": prev_from,
        "previous_to": prev_to,
        "figures": figures,
        "top_problems": [{**t, "previous": previous_top.get(t["label"], 0)} for t in now["top"]],
        "overdue_orders": [
            {
                "id": o.pk,
                "number": o.number,
                "category": o.category.name if o.category else "",
                "status": o.get_status_display(),
                "sla_due_at": o.sla_due_at,
            }
            for o in now["overdue"][:OVERDUE_LISTED]
        ],
    }


def title(summary: dict[str, Any]) -> str:
    kind = _("Weekly work summary") if summary["kind"] == "week" else _("Monthly work summary")
    return f"{summary['project_name']} {kind} {summary['date_from']} ~ {summary['date_to']}"


def _number(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value}{unit}" if unit == "%" else str(value)


def _change(figure: dict[str, Any]) -> str:
    change = figure["change"]
    if change is None:
        return "—"
    return f"+{change}" if change > 0 else str(change)


def short_text(summary: dict[str, Any]) -> str:
    """The summary in a few lines (the inbox entry and the e-mail body)."""
    lines = [
        _("%(label)s: %(value)s (previous period %(previous)s)")
        % {"label": f["label"], "value": _number(f["value"], f["unit"]), "previous": _number(f["previous"], f["unit"])}
        for f in summary["figures"]
    ]
    if summary["top_problems"]:
        tops = "、".join(f"{t['label']} {t['count']}" for t in summary["top_problems"])
        lines.append(_("Top problems: %(list)s") % {"list": tops})
    return "\n".join(lines)


def pdf(summary: dict[str, Any]) -> bytes:
    """The summary as a PDF (core.pdf: reportlab with the STSong-Light CID font, ADR 0006)."""
    document = Document(title=title(summary))
    section = document.section(
        title(summary),
        _("Compared with %(start)s ~ %(end)s") % {"start": summary["previous_from"], "end": summary["previous_to"]},
    )
    section.heading(_("Figures"))
    section.table(
        [_("Figure"), _("This period"), _("Previous period"), _("Change")],
        [[f["label"], _number(f["value"], f["unit"]), _number(f["previous"], f["unit"]), _change(f)] for f in summary["figures"]],
        widths=[0.4, 0.2, 0.2, 0.2],
        right_align=[1, 2, 3],
    )
    section.heading(_("Top problems (repair orders by category)"))
    if summary["top_problems"]:
        section.table(
            [_("Category"), _("This period"), _("Previous period")],
            [[t["label"], t["count"], t["previous"]] for t in summary["top_problems"]],
            widths=[0.5, 0.25, 0.25],
            right_align=[1, 2],
        )
    else:
        section.paragraph(_("No repair orders in the period."))
    section.heading(_("Overdue at the period's end"))
    if summary["overdue_orders"]:
        section.table(
            [_("Work order"), _("Category"), _("Status"), _("Due")],
            [[o["number"], o["category"], o["status"], o["sla_due_at"]] for o in summary["overdue_orders"]],
            widths=[0.3, 0.25, 0.2, 0.25],
        )
    else:
        section.paragraph(_("Nothing was overdue."))
    return document.build()
