"""Role homes (工作台): per role, the figures that role acts on, each a link to the list it counts.

A tile names a list endpoint and its query; its figure is counted by that endpoint's own view — the same selector,
row rules and filters the list applies — so the number on the home page is the number of rows the link opens. A
tile whose list the user may not open is left out (never a zero). The web app opens ``route`` with the same query.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, F, Q
from django.http import QueryDict
from django.urls import resolve
from django.utils import timezone
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.request import Request

from anju.accounts.roles import ROLES
from anju.certificates.choices import Clock
from anju.complaints.models import IncidentStatus
from anju.core.filters import local_midnight
from anju.customers.choices import AppointmentStatus
from anju.properties.choices import UnitStatus
from anju.sla.models import SlaClock
from anju.visits import rollups
from anju.visits.models import ReturnVisit, VisitKind, VisitStatus
from anju.workorders.choices import OPEN_STATUSES, Channel, OrderType, Status
from anju.workorders.selectors import list_work_orders

API = "/api/v1/"
WORST_LIMIT = 5
JOBS_LIMIT = 20
SOON = datetime.timedelta(hours=4)  # "about to breach": due within the next four hours


@dataclass(frozen=True)
class Tile:
    key: str  # the web app's label: home.tiles.<key>
    endpoint: str  # the list endpoint under /api/v1/
    query: dict[str, str]
    route: str  # the web screen showing that list
    tone: str = ""  # "danger" / "warning" when a non-zero figure needs attention


@dataclass
class Context:
    request: Request
    now: datetime.datetime
    today: datetime.date
    project: int | None

    @property
    def user(self) -> Any:
        return self.request.user

    def day_start(self, day: datetime.date) -> datetime.datetime:
        return local_midnight(day)


def count_list(request: Request, endpoint: str, query: dict[str, str]) -> int | None:
    """How many rows ``GET /api/v1/<endpoint>?<query>`` lists for this user, or None when the user may not list them."""
    rows = list_rows(request, endpoint, query)
    return None if rows is None else int(rows.count())


def list_rows(request: Request, endpoint: str, query: dict[str, str]) -> Any:
    """The queryset ``GET /api/v1/<endpoint>?<query>`` lists for this user (its permission check, selector and
    filters), or None when the user may not list it. Reports aggregate it, so a figure is its drill-down's count."""
    match = resolve(API + endpoint)
    view_func: Any = match.func
    view = view_func.cls(**view_func.initkwargs)
    django_request = copy.copy(request._request)
    params = QueryDict(mutable=True)
    params.update(query)
    django_request.GET = params  # type: ignore[assignment]  # a QueryDict like any other GET
    inner = Request(django_request, parsers=request.parsers, authenticators=list(request.authenticators or []))  # type: ignore[arg-type]
    inner.user = request.user
    view.request = inner
    view.args, view.kwargs, view.format_kwarg = (), match.kwargs, None
    view.action_map = getattr(view_func, "actions", {})
    view.action = view.action_map.get("get")
    view.headers = {}
    try:
        view.check_permissions(inner)
    except (PermissionDenied, NotAuthenticated):
        return None
    # A filter the list refuses (a date out of range, say) is the caller's 400, not "may not list".
    return view.filter_queryset(view.get_queryset())


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


OPEN = ",".join(OPEN_STATUSES)
OPEN_OR_PENDING = ",".join([Status.PENDING_DISPATCH, *OPEN_STATUSES])


def _scoped(ctx: Context, query: dict[str, str]) -> dict[str, str]:
    return {**query, "project": str(ctx.project)} if ctx.project else query


# Post-sale figures (入伙, 面积补差, 产证), shared by the roles that act on them.
SETTLEMENT_ROUTE = "/area-settlements"


def handover_defects(ctx: Context) -> Tile:
    """Defects found at handover inspections are repair orders of their own channel; the open ones."""
    return Tile(
        "handoverDefectsOpen",
        "work-orders/",
        _scoped(ctx, {"channel": Channel.HANDOVER_INSPECTION, "status": OPEN_OR_PENDING}),
        "/work-orders",
        "warning",
    )


def follow_ups_due(ctx: Context) -> Tile:
    """My customer follow-ups whose next date has come (the latest per customer)."""
    return Tile("followUpsDue", "follow-ups/due/", _scoped(ctx, {}), "/follow-ups/due")


def follow_ups_overdue(ctx: Context) -> Tile:
    return Tile("followUpsOverdue", "follow-ups/due/", _scoped(ctx, {"overdue": "true"}), "/follow-ups/due", "danger")


def handover_today(ctx: Context) -> Tile:
    """The units whose 入伙通知书 gives today as the handover date."""
    return Tile("handoverToday", "handover-notices/", _scoped(ctx, {"handover_on": ctx.today.isoformat()}), "/handover/notices")


def handover_notices_to_send(ctx: Context) -> Tile:
    return Tile("handoverNoticesToSend", "handover-notices/", _scoped(ctx, {"status": "draft"}), "/handover/notices", "warning")


def settlements(ctx: Context, key: str, status: str, tone: str = "") -> Tile:
    return Tile(key, "area-settlements/", _scoped(ctx, {"status": status}), SETTLEMENT_ROUTE, tone)


def overdue_area_difference(ctx: Context) -> Tile:
    """面积补差 the buyer owes, posted to the ledger and past its due date."""
    query = _scoped(ctx, {"kind": "area_difference"})
    return Tile("overdueAreaDifference", "overdue-receivables/", query, "/sales/collections", "danger")


def certificates_at_risk(ctx: Context, clock: str, key: str) -> Tile:
    """产证 cases whose ``clock`` is due within the at-risk window or already missed."""
    return Tile(key, "certificate-cases/", _scoped(ctx, {"open": "true", "at_risk": clock}), "/certificates", "danger")


def agent_tiles(ctx: Context) -> list[Tile]:
    now = _iso(ctx.now)
    return [
        Tile("myOpenOrders", "work-orders/", _scoped(ctx, {"mine": "true", "status": OPEN}), "/work-orders"),
        Tile(
            "myOverdueOrders",
            "work-orders/",
            _scoped(ctx, {"mine": "true", "status": OPEN, "sla_due_before": now}),
            "/work-orders",
            "danger",
        ),
        Tile(
            "myComplaints",
            "work-orders/",
            _scoped(ctx, {"mine": "true", "type": OrderType.COMPLAINT, "status": OPEN}),
            "/work-orders",
        ),
        Tile(
            "portalOrders",
            "work-orders/",
            _scoped(ctx, {"channel": Channel.OWNER_PORTAL, "status": Status.PENDING_DISPATCH}),
            "/work-orders",
            "warning",
        ),
        Tile(
            "visitsDue",
            "return-visits/",
            _scoped(
                ctx,
                {
                    "mine": "true",
                    "status": VisitStatus.PENDING,
                    "due_before": _iso(ctx.day_start(ctx.today + datetime.timedelta(days=1))),
                },
            ),
            "/return-visits",
            "warning",
        ),
        follow_ups_due(ctx),
        follow_ups_overdue(ctx),
        handover_today(ctx),
    ]


def supervisor_tiles(ctx: Context) -> list[Tile]:
    now = _iso(ctx.now)
    return [
        Tile(
            "overdue", "work-orders/", _scoped(ctx, {"status": OPEN_OR_PENDING, "sla_due_before": now}), "/work-orders", "danger"
        ),
        Tile(
            "aboutToBreach",
            "work-orders/",
            _scoped(ctx, {"status": OPEN_OR_PENDING, "sla_due_after": now, "sla_due_before": _iso(ctx.now + SOON)}),
            "/work-orders",
            "warning",
        ),
        Tile("unassigned", "work-orders/", _scoped(ctx, {"status": Status.PENDING_DISPATCH}), "/work-orders", "warning"),
        Tile("openIncidents", "incidents/", {"status": IncidentStatus.OPEN}, "/incidents", "danger"),
        Tile(
            "teamVisitsDue",
            "return-visits/",
            _scoped(
                ctx,
                {
                    "mine": "false",
                    "status": VisitStatus.PENDING,
                    "due_before": _iso(ctx.day_start(ctx.today + datetime.timedelta(days=1))),
                },
            ),
            "/return-visits",
        ),
        Tile(
            "escalations", "notifications/", {"unread": "true", "kind": "sla.escalation,complaint.escalated"}, "/inbox", "danger"
        ),
        handover_today(ctx),
        handover_notices_to_send(ctx),
        handover_defects(ctx),
        settlements(ctx, "settlementsToReview", "draft"),
        certificates_at_risk(ctx, Clock.DEVELOPER_DOCUMENTS, "certificatesDocumentsAtRisk"),
        certificates_at_risk(ctx, Clock.TRANSFER_REGISTRATION, "certificatesAtRisk"),
    ]


def technician_tiles(ctx: Context) -> list[Tile]:
    return [
        Tile("myOpenOrders", "work-orders/", _scoped(ctx, {"mine": "true", "status": OPEN}), "/m/orders"),
        Tile(
            "myOverdueOrders",
            "work-orders/",
            _scoped(ctx, {"mine": "true", "status": OPEN, "sla_due_before": _iso(ctx.now)}),
            "/m/orders",
            "danger",
        ),
    ]


def consultant_tiles(ctx: Context) -> list[Tile]:
    return [
        Tile("mySubscriptions", "subscriptions/", _scoped(ctx, {"mine": "true", "status": "active"}), "/sales/subscriptions"),
        Tile("myUnfiled", "contracts/", _scoped(ctx, {"mine": "true", "filing_overdue": "true"}), "/sales/contracts", "danger"),
        Tile(
            "myUnpaid",
            "contracts/",
            _scoped(ctx, {"mine": "true", "unpaid": "true", "status": "signed,filed"}),
            "/sales/contracts",
        ),
        Tile("myOverdueReceivables", "overdue-receivables/", _scoped(ctx, {"mine": "true"}), "/sales/collections", "warning"),
    ]


def mortgage_tiles(ctx: Context) -> list[Tile]:
    me = str(ctx.user.pk)
    return [
        Tile("myOpenCases", "mortgage-cases/", _scoped(ctx, {"officer": me, "open": "true"}), "/mortgage-cases"),
        Tile(
            "myCasesAtBank",
            "mortgage-cases/",
            _scoped(ctx, {"officer": me, "stage": "submitted,interviewed,under_approval"}),
            "/mortgage-cases",
        ),
        Tile(
            "myCasesApproved",
            "mortgage-cases/",
            _scoped(ctx, {"officer": me, "stage": "approved,loan_contract_signed,registering,registered"}),
            "/mortgage-cases",
        ),
        certificates_at_risk(ctx, Clock.TRANSFER_REGISTRATION, "certificatesAtRisk"),
    ]


def finance_tiles(ctx: Context) -> list[Tile]:
    return [
        Tile(
            "depositsToRecord",
            "subscriptions/",
            _scoped(ctx, {"status": "active", "deposit_received": "false"}),
            "/sales/subscriptions",
            "warning",
        ),
        Tile("overdueReceivables", "overdue-receivables/", _scoped(ctx, {}), "/sales/collections", "danger"),
        Tile("unpaidContracts", "contracts/", _scoped(ctx, {"unpaid": "true", "status": "signed,filed"}), "/sales/contracts"),
        settlements(ctx, "settlementsToApprove", "reviewed", "warning"),
        settlements(ctx, "settlementsToNotify", "approved", "warning"),
        settlements(ctx, "settlementsToPost", "notified"),
        overdue_area_difference(ctx),
        certificates_at_risk(ctx, Clock.TRANSFER_REGISTRATION, "certificatesAtRisk"),
    ]


def management_tiles(ctx: Context) -> list[Tile]:
    month_start = ctx.today.replace(day=1).isoformat()
    return [
        Tile("ordersThisMonth", "work-orders/", _scoped(ctx, {"created_from": month_start}), "/work-orders"),
        Tile(
            "overdue",
            "work-orders/",
            _scoped(ctx, {"status": OPEN_OR_PENDING, "sla_due_before": _iso(ctx.now)}),
            "/work-orders",
            "danger",
        ),
        Tile(
            "openComplaints",
            "work-orders/",
            _scoped(ctx, {"type": OrderType.COMPLAINT, "status": OPEN_OR_PENDING}),
            "/work-orders",
            "warning",
        ),
        Tile("contractsThisMonth", "contracts/", _scoped(ctx, {"signed_from": month_start}), "/sales/contracts"),
        handover_defects(ctx),
        settlements(ctx, "settlementsOpen", "draft,reviewed,approved,notified"),
        overdue_area_difference(ctx),
        certificates_at_risk(ctx, Clock.TRANSFER_REGISTRATION, "certificatesAtRisk"),
    ]


def figure_tiles(ctx: Context) -> list[Tile]:
    """The figures of the selling and managing roles' home (customers, units, today's viewings, follow-ups due, orders
    in progress), each counted by the list it opens like any other tile."""
    today = ctx.day_start(ctx.today)
    return [
        Tile("customers", "customers/", _scoped(ctx, {}), "/customers"),
        Tile(
            "customersNewThisMonth",
            "customers/",
            _scoped(ctx, {"created_from": ctx.today.replace(day=1).isoformat()}),
            "/customers",
        ),
        Tile("units", "units/", _scoped(ctx, {}), "/units"),
        Tile("unitsAvailable", "units/", _scoped(ctx, {"status": UnitStatus.AVAILABLE}), "/units"),
        Tile(
            "appointmentsToday",
            "appointments/",
            _scoped(
                ctx,
                {
                    "starts_after": _iso(today),
                    "starts_before": _iso(today + datetime.timedelta(days=1)),
                    "status": ",".join(s for s in AppointmentStatus if s != AppointmentStatus.CANCELLED),
                },
            ),
            "/appointments",
        ),
        follow_ups_due(ctx),
        follow_ups_overdue(ctx),
        Tile("workOrdersOpen", "work-orders/", _scoped(ctx, {"status": OPEN}), "/work-orders"),
        Tile(
            "workOrdersToDispatch", "work-orders/", _scoped(ctx, {"status": Status.PENDING_DISPATCH}), "/work-orders", "warning"
        ),
    ]


# The roles whose home shows ``figure_tiles`` (and a user with no role yet).
FIGURE_ROLES = {"sales_consultant", "management", "system_admin"}

ROLE_TILES: dict[str, Callable[[Context], list[Tile]]] = {
    "service_agent": agent_tiles,
    "service_supervisor": supervisor_tiles,
    "technician": technician_tiles,
    "sales_consultant": consultant_tiles,
    "mortgage_officer": mortgage_tiles,
    "finance": finance_tiles,
    "management": management_tiles,
    "system_admin": supervisor_tiles,
}


def _satisfaction(ctx: Context, since: datetime.date, until: datetime.date) -> Decimal | None:
    from anju.properties.scope import restrict

    visits = restrict(
        ReturnVisit.objects.filter(
            status=VisitStatus.DONE,
            kind=VisitKind.SERVICE,
            completed_at__gte=ctx.day_start(since),
            completed_at__lt=ctx.day_start(until),
        ),
        ctx.user,
    )
    if ctx.project:
        visits = visits.filter(project_id=ctx.project)
    value = visits.aggregate(avg=Avg("satisfaction"))["avg"]
    return Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else None


def satisfaction_trend(ctx: Context) -> dict[str, Any] | None:
    """Average return-visit score this week (Monday on) against last week's."""
    if not ctx.user.has_perm("visits.view_returnvisit"):
        return None
    monday = ctx.today - datetime.timedelta(days=ctx.today.weekday())
    return {
        "this_week": _satisfaction(ctx, monday, ctx.today + datetime.timedelta(days=1)),
        "last_week": _satisfaction(ctx, monday - datetime.timedelta(days=7), monday),
        # the return-visit list of the visits this week's average is taken over
        "query": _scoped(ctx, {**SCORED_VISITS, "completed_from": monday.isoformat(), "completed_to": ctx.today.isoformat()}),
    }


# The return visits a satisfaction average is taken over (answered service visits): the list query of a figure.
SCORED_VISITS = {"status": VisitStatus.DONE, "kind": VisitKind.SERVICE}
VISITS_ROUTE = "/return-visits"


def worst(ctx: Context, dimension: str) -> list[dict[str, Any]] | None:
    """The groups with the lowest on-time share over the last 90 days (at least 3 targets finished)."""
    if not ctx.user.has_perm("visits.view_returnvisit"):
        return None
    since = ctx.day_start(ctx.today - datetime.timedelta(days=90))
    clocks = SlaClock.objects.filter(work_order__project_id=ctx.project) if ctx.project else None
    visits = ReturnVisit.objects.filter(project_id=ctx.project) if ctx.project else None
    found = rollups.rollup(actor=ctx.user, dimension=dimension, since=since, clocks=clocks, visits=visits)
    rows = [r for r in found if (r.get("finished") or 0) >= 3]
    since_day = (ctx.today - datetime.timedelta(days=90)).isoformat()
    rows.sort(key=lambda r: (r.get("on_time_percent") or Decimal("0"), -(r.get("finished") or 0)))
    rows = rows[:WORST_LIMIT]
    projects: dict[int, str] = {}
    if dimension == "building":  # a building's name ("1 号楼") means nothing without its project's
        from anju.properties.models import Building

        ids = [r["id"] for r in rows if r["id"] is not None]
        projects = dict(Building.objects.filter(pk__in=ids).values_list("pk", "project__name"))
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "project": projects.get(r["id"], ""),
            "on_time_percent": r.get("on_time_percent"),
            "satisfaction": r.get("satisfaction"),
            "finished": r.get("finished", 0),
            # the group's answered visits of the period: the list its satisfaction is the average of
            "visits_query": _scoped(ctx, {**SCORED_VISITS, dimension: str(r["id"]), "completed_from": since_day})
            if r["id"] is not None
            else None,
        }
        for r in rows
    ]


def todays_jobs(ctx: Context) -> list[dict[str, Any]] | None:
    """The technician's open orders with an appointment today, then the rest by SLA due time."""
    if not ctx.user.has_perm("workorders.work_workorder"):
        return None
    start = ctx.day_start(ctx.today)
    end = start + datetime.timedelta(days=1)
    orders = (
        list_work_orders(actor=ctx.user, project=ctx.project)
        .filter(assignee_id=ctx.user.pk, status__in=OPEN_STATUSES)
        .filter(Q(appointment_start__lt=end) | Q(appointment_start__isnull=True))
        .select_related("category", "unit__building", "project")
        .order_by(F("appointment_start").asc(nulls_last=True), F("sla_due_at").asc(nulls_last=True), "id")[:JOBS_LIMIT]
    )
    return [
        {
            "id": o.id,
            "number": o.number,
            "title": o.title,
            "status": o.status,
            "priority": o.priority,
            "category": o.category.name if o.category else "",
            "address": " ".join(part for part in (o.project.name, str(o.unit) if o.unit_id else "", o.project.address) if part),
            "appointment_start": o.appointment_start,
            "appointment_end": o.appointment_end,
            "sla_due_at": o.sla_due_at,
            "overdue": bool(o.sla_due_at and o.sla_due_at < ctx.now),
        }
        for o in orders
    ]


def user_roles(user: Any) -> list[str]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLES if role in names]


def counted(request: Request, tiles: list[Tile]) -> list[dict[str, Any]]:
    """The tiles with their figures; a tile whose list the user may not open is left out."""
    out = []
    for tile in tiles:
        count = count_list(request, tile.endpoint, tile.query)
        if count is not None:
            out.append({"key": tile.key, "count": count, "tone": tile.tone, "route": tile.route, "query": tile.query})
    return out


def workspace(*, request: Request, project: int | None = None, now: datetime.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    ctx = Context(request=request, now=now, today=timezone.localdate(now), project=project)
    roles = user_roles(request.user)
    sections = [{"role": role, "tiles": counted(request, ROLE_TILES.get(role, lambda c: [])(ctx))} for role in roles]
    return {
        "date": ctx.today,
        "roles": roles,
        "sections": sections,
        "figures": counted(request, figure_tiles(ctx)) if FIGURE_ROLES & set(roles) or not roles else None,
        "satisfaction": satisfaction_trend(ctx) if {"service_supervisor", "management"} & set(roles) else None,
        "worst_buildings": worst(ctx, "building") if "management" in roles else None,
        "worst_categories": worst(ctx, "category") if "management" in roles else None,
        "jobs": todays_jobs(ctx) if "technician" in roles else None,
    }
