"""The report centre (统计报表): six reports, each one table of rows and totals, each row with its drill-down.

A report never counts rows of its own: it aggregates the queryset of the list endpoint its rows link to
(``dashboard.workspace.list_rows`` runs that list view's permission check, scoped selector and filters with the
row's query), so a row's count is exactly the number of records its ``drilldown`` URL lists, and a user's report
shows only the projects that user's lists show. SLA attainment and satisfaction come from the service-quality
roll-ups (``visits.rollups``) fed with those same rows.

Durations (response, arrival, resolution) are working time on the business calendar (``sla.selectors.working_time``:
working hours, weekends, 法定节假日 and 调休), in minutes: response and arrival from dispatch (the technician's part),
resolution from the order's creation (the owner's wait).
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request

from anju.accounts.selectors import list_departments
from anju.complaints.models import ComplaintCategory, Severity, Stage
from anju.complaints.selectors import list_category_departments, list_incidents, stage_changes
from anju.dashboard.workspace import list_rows
from anju.reports import worktimes
from anju.sla.calendar import WorkingTime, business_minutes_between
from anju.sla.models import SlaClock, SlaTarget
from anju.sla.selectors import working_time
from anju.visits import rollups
from anju.visits.models import ReturnVisit
from anju.workorders.choices import OPEN_STATUSES, Channel, OrderType, Status

API = "/api/v1/"
FINISHED = (Status.COMPLETED, Status.PENDING_VISIT, Status.CLOSED)  # the work is done (closed or awaiting the visit)
NOT_DONE = (Status.PENDING_DISPATCH, *OPEN_STATUSES)


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    kind: str = "count"  # count | percent | minutes | score | number | text


@dataclass(frozen=True)
class Query:
    date_from: datetime.date
    date_to: datetime.date
    project: int | None = None
    building: int | None = None
    by: str = ""

    def previous(self) -> Query:
        """The period just before this one (for "compare with the previous period"): whole calendar months (a month,
        a quarter) compare with as many months before; any other period with the same number of days before."""
        following = self.date_to + datetime.timedelta(days=1)
        if self.date_from.day == 1 and following.day == 1:
            months = (following.year - self.date_from.year) * 12 + following.month - self.date_from.month
            index = self.date_from.year * 12 + self.date_from.month - 1 - months
            start = datetime.date(index // 12, index % 12 + 1, 1)
            return Query(start, self.date_from - datetime.timedelta(days=1), self.project, self.building, self.by)
        length = (self.date_to - self.date_from).days + 1
        end = self.date_from - datetime.timedelta(days=1)
        return Query(end - datetime.timedelta(days=length - 1), end, self.project, self.building, self.by)

    def scope(self, query: dict[str, Any]) -> dict[str, str]:
        """The list query with the project and building filters added."""
        full = {key: str(value) for key, value in query.items()}
        if self.project:
            full["project"] = str(self.project)
        if self.building:
            full["building"] = str(self.building)
        return full

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        start = timezone.make_aware(datetime.datetime.combine(self.date_from, datetime.time.min))
        end = timezone.make_aware(datetime.datetime.combine(self.date_to + datetime.timedelta(days=1), datetime.time.min))
        return start, end


@dataclass
class Context:
    request: Request
    query: Query
    _wt: WorkingTime | None = field(default=None)

    def rows(self, endpoint: str, query: dict[str, str]) -> QuerySet[Any]:
        """The rows ``GET /api/v1/<endpoint>?<query>`` lists for the user (a 403 when the user may not list them)."""
        rows = list_rows(self.request, endpoint, query)
        if rows is None:
            raise PermissionDenied(_("You may not see the records this report counts."))
        return rows.order_by()

    def may_list(self, endpoint: str) -> bool:
        return list_rows(self.request, endpoint, {}) is not None

    @property
    def working_time(self) -> WorkingTime:
        if self._wt is None:
            self._wt = working_time()
        return self._wt


def drilldown(endpoint: str, query: dict[str, str]) -> str:
    return f"{API}{endpoint}?{urlencode(sorted(query.items()))}"


def percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


# the per-order mean and the nearest-rank P90, shared with the stored working times' SQL figures
mean = worktimes.mean
p90 = worktimes.p90


def _label(value: Any) -> str:
    return str(value) if value not in (None, "") else "—"


def _sum(rows: Iterable[dict[str, Any]], keys: Iterable[str]) -> dict[str, int]:
    rows = list(rows)
    return {key: sum(int(row.get(key) or 0) for row in rows) for key in keys}


# --- 客户报修情况 ------------------------------------------------------------------------------------------------------

REPAIR_DIMENSIONS = ("category", "building", "project", "channel", "month")
_REPAIR_GROUPS: dict[str, tuple[str, str, str]] = {  # dimension: (group field, label field, list filter)
    "category": ("category_id", "category__name", "category_only"),
    "building": ("building_id", "building__name", "building"),
    "project": ("project_id", "project__name", "project"),
    "channel": ("channel", "channel", "channel"),
}


def _order_counts() -> dict[str, Any]:
    return {
        "count": Count("id"),
        "open": Count("id", filter=Q(status__in=NOT_DONE)),
        "closed": Count("id", filter=Q(status=Status.CLOSED)),
        "finished": Count("id", filter=Q(status__in=FINISHED)),
        "first_time_fixed": Count("id", filter=Q(status__in=FINISHED, reopen_count=0)),
        "reopened": Count("id", filter=Q(reopen_count__gt=0)),
        "within_warranty": Count("id", filter=Q(in_warranty=True)),
        "outside_warranty": Count("id", filter=Q(in_warranty=False)),
    }


def _repair_rates(row: dict[str, Any]) -> dict[str, Any]:
    row["first_time_fix_percent"] = percent(row["first_time_fixed"], row["finished"])
    row["reopen_percent"] = percent(row["reopened"], row["count"])
    return row


def repairs(ctx: Context) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    q = ctx.query
    base = q.scope({"type": OrderType.REPAIR, "created_from": q.date_from, "created_to": q.date_to})
    orders = ctx.rows("work-orders/", base)
    rows: list[dict[str, Any]] = []
    if q.by == "month":
        for group in orders.values(month=TruncMonth("created_at")).annotate(**_order_counts()).order_by("month"):
            month = group.pop("month")
            month_start = timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month
            first = max(month_start, q.date_from)
            last = min((month_start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1), q.date_to)
            query = {**base, "created_from": str(first), "created_to": str(last)}
            rows.append(
                _repair_rates(
                    {
                        "key": first.strftime("%Y-%m"),
                        "label": first.strftime("%Y-%m"),
                        **group,
                        "drilldown": drilldown("work-orders/", query),
                    }
                )
            )
    else:
        key, label, param = _REPAIR_GROUPS[q.by]
        for group in orders.values(group=F(key), name=F(label)).annotate(**_order_counts()).order_by("-count", "group"):
            value, name = group.pop("group"), group.pop("name")
            if q.by == "channel":
                name = Channel(value).label if value in Channel.values else value
            link = drilldown("work-orders/", {**base, param: str(value)}) if value is not None else None
            rows.append(_repair_rates({"key": _label(value), "label": _label(name), **group, "drilldown": link}))
    totals = _repair_rates({**orders.aggregate(**_order_counts())})
    totals["drilldown"] = drilldown("work-orders/", base)
    return rows, totals


# --- 维修人员工作效率 ---------------------------------------------------------------------------------------------------


def _working_days(ctx: Context) -> int:
    q, wt = ctx.query, ctx.working_time
    return sum(
        1 for n in range((q.date_to - q.date_from).days + 1) if wt.is_working_day(q.date_from + datetime.timedelta(days=n))
    )


def _sla_and_visits(ctx: Context, dimension: str, orders: QuerySet[Any] | None = None) -> dict[Any, dict[str, Any]]:
    """The service-quality roll-up per group, in the user's scope and the report's project and building.

    Without ``orders``: SLA targets met in the period and return visits answered in it (the technicians' view).
    With ``orders``: the resolution targets and answered visits of those orders (the departments' view).
    """
    q = ctx.query
    since: datetime.datetime | None
    until: datetime.datetime | None
    since, until = q.moments()
    clocks = SlaClock.objects.all()
    if q.project:
        clocks = clocks.filter(work_order__project_id=q.project)
    if q.building:
        clocks = clocks.filter(work_order__building_id=q.building)
    if not ctx.may_list("return-visits/"):
        visits: QuerySet[Any] = ReturnVisit.objects.none()
    elif orders is None:
        visits = ctx.rows("return-visits/", _visit_query(q))
    else:
        visits = ctx.rows("return-visits/", q.scope({"status": "done", "kind": "service"}))
    if orders is not None:
        clocks = clocks.filter(work_order__in=orders.values("id"), target=SlaTarget.RESOLVE)
        visits = visits.filter(work_order__in=orders.values("id"))
        since = until = None
    rows = rollups.rollup(actor=ctx.request.user, dimension=dimension, since=since, until=until, clocks=clocks, visits=visits)
    return {row["id"]: row for row in rows}


def _technician_labels(user_ids: Iterable[Any]) -> dict[Any, tuple[str, str, str]]:
    """Per assignee: name, team and contractor (one query over the assignees counted)."""
    rows = (
        get_user_model()
        .objects.filter(pk__in=[pk for pk in user_ids if pk is not None])
        .values_list("pk", "display_name", "username", "technician__team__name", "technician__contractor__name")
    )
    return {pk: (name or username or "—", team or "", contractor or "") for pk, name, username, team, contractor in rows}


TIMES = tuple(worktimes.SPANS)  # respond, arrive, resolve


def technician_efficiency(ctx: Context) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    q, wt = ctx.query, ctx.working_time
    base = q.scope({"type": OrderType.REPAIR, "completed_from": q.date_from, "completed_to": q.date_to})
    orders = ctx.rows("work-orders/", base)
    quality = _sla_and_visits(ctx, "technician")
    days = _working_days(ctx)
    # Counted and timed in SQL per assignee: the durations come from each order's stored working-time row when it is
    # current (else computed for that order), averages and P90 from the same per-order minutes as before
    # (anju.reports.worktimes.span_figures) — without reading a year of orders into Python.
    counts = {"completed": Count("id"), "reopened": Count("id", filter=Q(reopen_count__gt=0))}
    per, every = worktimes.span_figures(orders, "assignee_id", counts, wt, worktimes.calendar_stamp())
    people = _technician_labels(per)
    rows = []
    for user_id, figures in per.items():
        label, team, contractor = people.get(user_id, ("—", "", ""))
        completed, reopened = figures.counts["completed"], figures.counts["reopened"]
        sla = quality.get(user_id, {})
        rows.append(
            {
                "key": _label(user_id),
                "label": label,
                "team": team,
                "contractor": contractor,
                "completed": completed,
                "reopened": reopened,
                **{f"{name}_avg": figures.spans[name].avg for name in TIMES},
                **{f"{name}_p90": figures.spans[name].p90 for name in TIMES},
                "rework_percent": percent(reopened, completed),
                "sla_finished": sla.get("finished", 0),
                "sla_percent": sla.get("on_time_percent"),
                "visits": sla.get("visits", 0),
                "satisfaction": float(sla["satisfaction"]) if sla.get("satisfaction") is not None else None,
                "per_working_day": round(completed / days, 2) if days else None,
                "drilldown": drilldown("work-orders/", {**base, "assignee": str(user_id)}) if user_id else None,
            }
        )
    rows.sort(key=lambda r: (-r["completed"], r["label"]))
    all_sla = list(quality.values())
    finished = sum(r["finished"] for r in all_sla)
    on_time = sum(r["on_time"] for r in all_sla)
    completed = sum(r["completed"] for r in rows)
    totals = {
        "completed": completed,
        "reopened": sum(r["reopened"] for r in rows),
        **{f"{name}_avg": every.spans[name].avg for name in TIMES},
        **{f"{name}_p90": every.spans[name].p90 for name in TIMES},
        "rework_percent": percent(sum(r["reopened"] for r in rows), completed),
        "sla_finished": finished,
        "sla_percent": percent(on_time, finished),
        "visits": sum(r["visits"] for r in all_sla),
        "per_working_day": round(completed / days, 2) if days else None,
        "working_days": days,
        "drilldown": drilldown("work-orders/", base),
    }
    return rows, totals


# --- 部门绩效 -----------------------------------------------------------------------------------------------------------


def department_performance(ctx: Context) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    q = ctx.query
    base = q.scope({"created_from": q.date_from, "created_to": q.date_to})
    orders = ctx.rows("work-orders/", base)
    now = timezone.now()
    counts = (
        orders.values(group=F("category__department_id"), name=F("category__department__name"))
        .annotate(
            count=Count("id"),
            closed=Count("id", filter=Q(status=Status.CLOSED)),
            overdue=Count("id", filter=Q(status__in=NOT_DONE, sla_due_at__lt=now)),
        )
        .order_by()
    )
    quality = _sla_and_visits(ctx, "department", orders)
    complaints_by_department: Counter[Any] = Counter()
    if ctx.may_list("complaints/"):
        mapping = {row.category: row.department_id for row in list_category_departments()}
        complaints = ctx.rows("complaints/", q.scope({"created_from": q.date_from, "created_to": q.date_to}))
        for row in complaints.values("category").annotate(n=Count("id")):
            complaints_by_department[mapping.get(row["category"])] += row["n"]
    rows = []
    for group in counts:
        sla = quality.get(group["group"], {})
        rows.append(
            {
                "key": _label(group["group"]),
                "label": group["name"] or _("No department"),
                "count": group["count"],
                "closed": group["closed"],
                "overdue": group["overdue"],
                "sla_finished": sla.get("finished", 0),
                "sla_percent": sla.get("on_time_percent"),
                "complaints": complaints_by_department.get(group["group"], 0),
                "satisfaction": float(sla["satisfaction"]) if sla.get("satisfaction") is not None else None,
                "drilldown": drilldown("work-orders/", {**base, "department": str(group["group"])}) if group["group"] else None,
            }
        )
    # a department complained about without orders of its own in the period still has its row
    named = {d.pk: d.name for d in list_departments().filter(pk__in=[k for k in complaints_by_department if k])}
    for department_id in sorted(set(complaints_by_department) - {group["group"] for group in counts}, key=str):
        rows.append(
            {
                "key": _label(department_id),
                "label": named.get(department_id) or _("No department"),
                "count": 0,
                "closed": 0,
                "overdue": 0,
                "sla_finished": 0,
                "sla_percent": None,
                "complaints": complaints_by_department[department_id],
                "satisfaction": None,
                "drilldown": drilldown("work-orders/", {**base, "department": str(department_id)}) if department_id else None,
            }
        )
    # the league table: best SLA attainment first, then the larger volume
    rows.sort(key=lambda r: (r["sla_percent"] is None, -(r["sla_percent"] or 0), -r["count"], r["label"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    finished = sum(r["finished"] for r in quality.values())
    on_time = sum(r["on_time"] for r in quality.values())
    totals = {
        **_sum(rows, ("count", "closed", "overdue", "sla_finished")),
        "complaints": sum(complaints_by_department.values()),
        "sla_percent": percent(on_time, finished),
        "drilldown": drilldown("work-orders/", base),
    }
    return rows, totals


# --- 投诉分析 -----------------------------------------------------------------------------------------------------------

COMPLAINT_DIMENSIONS = ("category", "severity")
# The stages a complaint spends time in (closed is the end); each gets an average and a P90 column.
COMPLAINT_STAGES = (Stage.RECEIVED, Stage.APOLOGISED, Stage.INVESTIGATING, Stage.REPLIED, Stage.CONFIRMED)


def complaint_stage_minutes(
    cases: QuerySet[Any], found: dict[int, tuple[Any, datetime.datetime]], wt: WorkingTime
) -> dict[Any, dict[str, list[int]]]:
    """Per group: per stage, the working minutes (business calendar) each complaint spent in it — from entering the
    stage (received: the complaint's creation; then each stage change of its workflow) to leaving it, its stints
    added up (a reopened complaint investigates twice). A stage not left yet is not counted.

    ``found``: the complaints of ``cases``, work order id → (group, received)."""
    changes = stage_changes(cases.values("work_order_id"))
    spent: dict[Any, dict[str, list[int]]] = defaultdict(lambda: {stage: [] for stage in COMPLAINT_STAGES})
    for order_id, (group, created) in found.items():
        entries = [(Stage.RECEIVED.value, created), *changes.get(order_id, [])]
        minutes: Counter[str] = Counter()
        for (stage, start), (_next, end) in itertools.pairwise(entries):
            if stage in COMPLAINT_STAGES:
                minutes[stage] += business_minutes_between(start, end, wt)
        for stage, value in minutes.items():
            spent[group][stage].append(value)
    return spent


def _stage_columns(spent: dict[str, list[int]] | None) -> dict[str, Any]:
    spent = spent or {}
    return {
        **{f"{stage}_avg": mean(spent.get(stage, [])) for stage in COMPLAINT_STAGES},
        **{f"{stage}_p90": p90(spent.get(stage, [])) for stage in COMPLAINT_STAGES},
    }


def complaints(ctx: Context) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    q = ctx.query
    base = q.scope({"created_from": q.date_from, "created_to": q.date_to})
    cases = ctx.rows("complaints/", base)
    labels = dict(ComplaintCategory.choices) if q.by == "category" else dict(Severity.choices)
    aggregates = {
        "count": Count("id", distinct=True),
        "serious": Count("id", filter=Q(severity__in=(Severity.SERIOUS, Severity.CRITICAL)), distinct=True),
        "escalated": Count("id", filter=Q(escalation_level__gt=0), distinct=True),
        "in_incident": Count("id", filter=Q(incidents__isnull=False), distinct=True),
        "closed": Count("id", filter=Q(stage=Stage.CLOSED), distinct=True),
    }
    # One read of the period's complaints (a few per thousand orders) with their orders' closing time, filtered here:
    # "closed_at IS NOT NULL" in SQL made PostgreSQL expect one order and walk the million orders' primary key in a
    # merge join (0.34 s at 1M) instead of looking up the complaints' orders.
    found: dict[int, tuple[Any, datetime.datetime]] = {}
    days: dict[Any, list[float]] = defaultdict(list)
    for order_id, group, created, closed in cases.values_list("work_order_id", q.by, "created_at", "work_order__closed_at"):
        found[order_id] = (group, created)
        if closed is not None:
            days[group].append((closed - created).total_seconds() / 86400)
    stages = complaint_stage_minutes(cases, found, ctx.working_time)
    rows = []
    for group in cases.values(q.by).annotate(**aggregates).order_by("-count", q.by):
        value = group.pop(q.by)
        spent = days.get(value, [])
        rows.append(
            {
                "key": value,
                "label": str(labels.get(value, value)),
                **group,
                "avg_days_to_close": round(sum(spent) / len(spent), 1) if spent else None,
                **_stage_columns(stages.get(value)),
                "drilldown": drilldown("complaints/", {**base, q.by: value}),
            }
        )
    every = [d for values in days.values() for d in values]
    per_customer = (
        cases.exclude(work_order__customer_id=None).values("work_order__customer_id").annotate(n=Count("id", distinct=True))
    )
    start, end = q.moments()
    incidents = list_incidents(actor=ctx.request.user).filter(opened_at__gte=start, opened_at__lt=end)
    if q.project:
        incidents = incidents.filter(project_id=q.project)
    if q.building:
        incidents = incidents.filter(building_id=q.building)
    totals = {
        **cases.aggregate(**aggregates),
        "avg_days_to_close": round(sum(every) / len(every), 1) if every else None,
        **_stage_columns({stage: [m for group in stages.values() for m in group[stage]] for stage in COMPLAINT_STAGES}),
        "repeat_complainants": per_customer.filter(n__gte=2).count(),  # a count only: no names in a report
        "incidents": incidents.count(),
        "drilldown": drilldown("complaints/", base),
    }
    return rows, totals


# --- 满意度 -------------------------------------------------------------------------------------------------------------

SATISFACTION_DIMENSIONS = ("project", "building", "category", "technician", "team")


def _visit_query(q: Query) -> dict[str, str]:
    return q.scope({"status": "done", "kind": "service", "completed_from": q.date_from, "completed_to": q.date_to})


def satisfaction(ctx: Context) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    q = ctx.query
    base = _visit_query(q)
    visits = ctx.rows("return-visits/", base)
    groups = rollups.rollup(actor=ctx.request.user, dimension=q.by, clocks=SlaClock.objects.none(), visits=visits)
    rows = []
    for group in groups:
        rows.append(
            {
                "key": _label(group["id"]),
                "label": group["name"],
                "visits": group["visits"],
                "satisfaction": float(group["satisfaction"]) if group["satisfaction"] is not None else None,
                "low_scores": group["low_scores"],
                "low_percent": percent(group["low_scores"], group["visits"]),
                "reopened": group["reopened"],
                "unresolved": group["unresolved"],
                "drilldown": drilldown("return-visits/", {**base, q.by: str(group["id"])}) if group["id"] is not None else None,
            }
        )
    rows.sort(key=lambda r: (-r["visits"], r["label"]))
    total_visits = sum(r["visits"] for r in rows)
    low = sum(r["low_scores"] for r in rows)
    average = visits.aggregate(avg=Avg("satisfaction"))["avg"]
    totals = {
        "visits": total_visits,
        "satisfaction": round(float(average), 2) if average is not None else None,
        "low_scores": low,
        "low_percent": percent(low, total_visits),
        "reopened": sum(r["reopened"] for r in rows),
        "unresolved": sum(r["unresolved"] for r in rows),
        "drilldown": drilldown("return-visits/", base),
        "low_drilldown": drilldown("return-visits/", {**base, "low_score": "true"}),
    }
    return rows, totals


# --- 质量热点 -----------------------------------------------------------------------------------------------------------

HOT_SPOT_DIMENSIONS = ("building", "floor", "contractor")


def hot_spots(ctx: Context) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    q = ctx.query
    base = q.scope({"type": OrderType.REPAIR, "created_from": q.date_from, "created_to": q.date_to})
    orders = ctx.rows("work-orders/", base)
    counts = {"count": Count("id"), "reworked": Count("id", filter=Q(reopen_count__gt=0))}
    rows = []
    if q.by == "contractor":
        for group in (
            orders.values(group=F("responsible_contractor_id"), name=F("responsible_contractor__name"))
            .annotate(**counts)
            .order_by("-count", "group")
        ):
            value = group["group"]
            rows.append(
                {
                    "key": _label(value),
                    "label": group["name"] or _("No contractor"),
                    "y": group["name"] or _("No contractor"),
                    "x": "",
                    "count": group["count"],
                    "reworked": group["reworked"],
                    "rework_percent": percent(group["reworked"], group["count"]),
                    "drilldown": drilldown("work-orders/", {**base, "contractor": str(value)}) if value else None,
                }
            )
    else:
        y_field, y_label, y_param = (
            ("building_id", "building__name", "building") if q.by == "building" else ("unit__floor", "unit__floor", "floor")
        )
        cells = (
            orders.values(y=F(y_field), y_name=F(y_label), x=F("category_id"), x_name=F("category__name"))
            .annotate(**counts)
            .order_by("y", "x")
        )
        for cell in cells:
            y_name = (
                _label(cell["y_name"])
                if q.by == "building"
                else (_("Floor %(floor)s") % {"floor": cell["y"]} if cell["y"] is not None else "—")
            )
            link = None
            if cell["y"] is not None and cell["x"] is not None:
                link = drilldown("work-orders/", {**base, y_param: str(cell["y"]), "category_only": str(cell["x"])})
            rows.append(
                {
                    "key": f"{_label(cell['y'])}:{_label(cell['x'])}",
                    "label": f"{y_name} · {_label(cell['x_name'])}",
                    "y": y_name,
                    "x": _label(cell["x_name"]),
                    "count": cell["count"],
                    "reworked": cell["reworked"],
                    "rework_percent": percent(cell["reworked"], cell["count"]),
                    "drilldown": link,
                }
            )
    total = orders.aggregate(**counts)
    totals = {**total, "rework_percent": percent(total["reworked"], total["count"]), "drilldown": drilldown("work-orders/", base)}
    return rows, totals


# --- the catalogue ------------------------------------------------------------------------------------------------------

DIMENSION_LABELS: dict[str, Promise] = {
    "category": gettext_lazy("Category"),
    "building": gettext_lazy("Building"),
    "project": gettext_lazy("Project"),
    "channel": gettext_lazy("Channel"),
    "month": gettext_lazy("Month"),
    "technician": gettext_lazy("Technician"),
    "team": gettext_lazy("Team"),
    "department": gettext_lazy("Department"),
    "severity": gettext_lazy("Severity"),
    "floor": gettext_lazy("Floor × category (one building)"),
    "contractor": gettext_lazy("Contractor"),
}


@dataclass(frozen=True)
class Report:
    key: str
    title: Promise
    description: Promise
    lists: tuple[str, ...]  # the list endpoints it counts (the user must be able to open them)
    dimensions: tuple[str, ...]  # the ``by`` values; the first is the default
    columns: tuple[Column, ...]
    build: Callable[[Context], tuple[list[dict[str, Any]], dict[str, Any]]]
    chart: str = "bar"  # bar | line | heatmap — how the web app draws the rows
    chart_value: str = "count"


C = Column


def _stage_label(template: Promise, stage: Stage) -> Promise:
    return cast(Promise, format_lazy(template, stage=stage.label))


# 投诉分析: the working time each complaint stage took (average and P90).
STAGE_COLUMNS = (
    *(
        C(f"{stage}_avg", _stage_label(gettext_lazy("{stage}: average (working minutes)"), stage), "minutes")
        for stage in COMPLAINT_STAGES
    ),
    *(
        C(f"{stage}_p90", _stage_label(gettext_lazy("{stage}: P90 (working minutes)"), stage), "minutes")
        for stage in COMPLAINT_STAGES
    ),
)

REPORTS: dict[str, Report] = {
    r.key: r
    for r in (
        Report(
            "repairs",
            gettext_lazy("Repairs"),
            gettext_lazy("Repair orders received in the period: open and closed, warranty, first-time fix and reopen rates."),
            ("work-orders/",),
            REPAIR_DIMENSIONS,
            (
                C("label", gettext_lazy("Group"), "text"),
                C("count", gettext_lazy("Orders")),
                C("open", gettext_lazy("Not finished")),
                C("closed", gettext_lazy("Closed")),
                C("within_warranty", gettext_lazy("In warranty")),
                C("outside_warranty", gettext_lazy("Out of warranty")),
                C("first_time_fix_percent", gettext_lazy("First-time fix %"), "percent"),
                C("reopen_percent", gettext_lazy("Reopen %"), "percent"),
            ),
            repairs,
        ),
        Report(
            "technician_efficiency",
            gettext_lazy("Technician efficiency"),
            gettext_lazy(
                "Repair orders completed in the period per technician: working-time response, arrival and resolution, "
                "SLA attainment, rework and satisfaction."
            ),
            ("work-orders/",),
            ("technician",),
            (
                C("label", gettext_lazy("Technician"), "text"),
                C("team", gettext_lazy("Team"), "text"),
                C("contractor", gettext_lazy("Contractor"), "text"),
                C("completed", gettext_lazy("Orders completed")),
                C("respond_avg", gettext_lazy("Response, average (working minutes)"), "minutes"),
                C("respond_p90", gettext_lazy("Response, P90 (working minutes)"), "minutes"),
                C("arrive_avg", gettext_lazy("Arrival, average (working minutes)"), "minutes"),
                C("arrive_p90", gettext_lazy("Arrival, P90 (working minutes)"), "minutes"),
                C("resolve_avg", gettext_lazy("Resolution, average (working minutes)"), "minutes"),
                C("resolve_p90", gettext_lazy("Resolution, P90 (working minutes)"), "minutes"),
                C("sla_percent", gettext_lazy("SLA met %"), "percent"),
                C("rework_percent", gettext_lazy("Rework %"), "percent"),
                C("satisfaction", gettext_lazy("Satisfaction"), "score"),
                C("per_working_day", gettext_lazy("Orders per working day"), "number"),
            ),
            technician_efficiency,
            chart_value="completed",
        ),
        Report(
            "department_performance",
            gettext_lazy("Department performance"),
            gettext_lazy("Orders received in the period per responsible department, ranked by SLA attainment."),
            ("work-orders/",),
            ("department",),
            (
                C("rank", gettext_lazy("Rank"), "number"),
                C("label", gettext_lazy("Department"), "text"),
                C("count", gettext_lazy("Orders")),
                C("closed", gettext_lazy("Closed")),
                C("overdue", gettext_lazy("Overdue now")),
                C("sla_percent", gettext_lazy("SLA met %"), "percent"),
                C("complaints", gettext_lazy("Complaints")),
                C("satisfaction", gettext_lazy("Satisfaction"), "score"),
            ),
            department_performance,
        ),
        Report(
            "complaints",
            gettext_lazy("Complaint analysis"),
            gettext_lazy(
                "Complaints received in the period by category or severity: escalations, group incidents, time to close."
            ),
            ("complaints/",),
            COMPLAINT_DIMENSIONS,
            (
                C("label", gettext_lazy("Group"), "text"),
                C("count", gettext_lazy("Complaints")),
                C("serious", gettext_lazy("Serious or critical")),
                C("escalated", gettext_lazy("Escalated")),
                C("in_incident", gettext_lazy("In a group incident")),
                C("closed", gettext_lazy("Closed")),
                C("avg_days_to_close", gettext_lazy("Days to close, average (calendar days)"), "number"),
                *STAGE_COLUMNS,
            ),
            complaints,
        ),
        Report(
            "satisfaction",
            gettext_lazy("Satisfaction"),
            gettext_lazy("Return visits answered in the period: average score, low scores and the orders they reopened."),
            ("return-visits/",),
            SATISFACTION_DIMENSIONS,
            (
                C("label", gettext_lazy("Group"), "text"),
                C("visits", gettext_lazy("Return visits")),
                C("satisfaction", gettext_lazy("Satisfaction"), "score"),
                C("low_scores", gettext_lazy("Low scores")),
                C("low_percent", gettext_lazy("Low score %"), "percent"),
                C("reopened", gettext_lazy("Reopened")),
                C("unresolved", gettext_lazy("Unresolved")),
            ),
            satisfaction,
            chart_value="visits",
        ),
        Report(
            "hot_spots",
            gettext_lazy("Defect hot spots"),
            gettext_lazy(
                "Repair orders received in the period per building and category (or floor and category of one "
                "building), and the contractors ranked by defects and rework."
            ),
            ("work-orders/",),
            HOT_SPOT_DIMENSIONS,
            (
                C("label", gettext_lazy("Where · what"), "text"),
                C("count", gettext_lazy("Defects")),
                C("reworked", gettext_lazy("Reworked")),
                C("rework_percent", gettext_lazy("Rework %"), "percent"),
            ),
            hot_spots,
            chart="heatmap",
        ),
    )
}
