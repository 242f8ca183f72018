"""首页 figures: what a user's day looks like, always within the user's data scope.

A section the user has no permission for is ``None`` (the web app hides it), never zeros.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from anju.core.filters import local_midnight
from anju.customers import selectors as customer_selectors
from anju.customers.choices import AppointmentStatus
from anju.properties import selectors as property_selectors
from anju.properties.choices import UnitStatus
from anju.properties.scope import visible_project_ids, visible_projects
from anju.workorders import tally
from anju.workorders.choices import OPEN_STATUSES, Status
from anju.workorders.selectors import list_work_orders, sees_whole_desk

LIST_LIMIT = 10


def _today_bounds(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = local_midnight(today)
    return start, start + datetime.timedelta(days=1)


def customer_figures(actor: Any, today: datetime.date, project: int | None = None) -> dict[str, Any] | None:
    if not actor.has_perm("customers.view_customer"):
        return None
    customers = customer_selectors.list_customers(actor=actor, filters={"project": project})
    month_start = local_midnight(today.replace(day=1))
    return {"total": customers.count(), "new_this_month": customers.filter(created_at__gte=month_start).count()}


def unit_figures(actor: Any, project: int | None = None) -> dict[str, Any] | None:
    if not actor.has_perm("properties.view_unit"):
        return None
    units = property_selectors.list_units(actor=actor)
    if project:
        units = units.filter(project_id=project)
    rows = units.order_by().values("status").annotate(n=Count("id"))
    counts = {status.value: 0 for status in UnitStatus}
    for row in rows:
        counts[row["status"]] = row["n"]
    return {"total": sum(counts.values()), "by_status": counts}


def appointment_figures(actor: Any, today: datetime.date, project: int | None = None) -> dict[str, Any] | None:
    if not actor.has_perm("customers.view_appointment"):
        return None
    start, end = _today_bounds(today)
    appointments = customer_selectors.list_appointments(actor=actor)
    if project:
        appointments = appointments.filter(project_id=project)
    todays = (
        appointments.filter(starts_at__gte=start, starts_at__lt=end)
        .exclude(status=AppointmentStatus.CANCELLED)
        .order_by("starts_at", "id")
    )
    return {
        "count": todays.count(),
        "items": [
            {
                "id": a.id,
                "customer": a.customer_id,
                "customer_name": a.customer.name,
                "consultant_name": a.consultant.display_name or a.consultant.username,
                "starts_at": a.starts_at,
                "ends_at": a.ends_at,
                "status": a.status,
            }
            for a in todays[:LIST_LIMIT]
        ],
    }


def follow_up_figures(actor: Any, today: datetime.date, project: int | None = None) -> dict[str, Any] | None:
    if not actor.has_perm("customers.view_followup"):
        return None
    due = customer_selectors.list_follow_ups_due(actor=actor, on=today)
    if project:
        due = customer_selectors.follow_ups_about_project(due, actor=actor, project=project)
    return {
        "count": due.count(),
        "overdue": due.filter(next_follow_up_on__lt=today).count(),
        "items": [
            {
                "id": f.id,
                "customer": f.customer_id,
                "customer_name": f.customer.name,
                "next_step": f.next_step,
                "next_follow_up_on": f.next_follow_up_on,
            }
            for f in due[:LIST_LIMIT]
        ],
    }


def work_order_figures(actor: Any, today: datetime.date, project: int | None = None) -> dict[str, Any] | None:
    """Today's and the open orders of the scope. For whoever sees the whole desk of their projects, the status counts
    come from the per-project tally (a few rows, whatever the number of orders); today's and one's own are small
    indexed counts. A technician's scope is their own orders: counted directly."""
    if not actor.has_perm("workorders.view_workorder"):
        return None
    orders = list_work_orders(actor=actor, project=project).order_by()
    start, end = _today_bounds(today)
    if not sees_whole_desk(actor):
        counts = orders.aggregate(
            pending_dispatch=Count("id", filter=Q(status=Status.PENDING_DISPATCH)),
            open=Count("id", filter=Q(status__in=OPEN_STATUSES)),
            mine_open=Count("id", filter=Q(status__in=OPEN_STATUSES, assignee=actor)),
            created_today=Count("id", filter=Q(created_at__gte=start, created_at__lt=end)),
            completed_today=Count("id", filter=Q(completed_at__gte=start, completed_at__lt=end)),
        )
        return {key: value or 0 for key, value in counts.items()}
    by_status = tally.status_counts([project] if project is not None else visible_project_ids(actor))
    return {
        "pending_dispatch": by_status.get(Status.PENDING_DISPATCH, 0),
        "open": sum(by_status.get(status, 0) for status in OPEN_STATUSES),
        "mine_open": orders.filter(status__in=OPEN_STATUSES, assignee=actor).count(),
        "created_today": orders.filter(created_at__gte=start, created_at__lt=end).count(),
        "completed_today": orders.filter(completed_at__gte=start, completed_at__lt=end).count(),
    }


def scoped_project(actor: Any, project: int) -> int:
    """``project`` when it exists and is in the actor's scope; else a 404 (0 or an unknown id included)."""
    if project <= 0 or not visible_projects(actor).filter(pk=project).exists():
        raise Http404
    return project


SECTIONS = ("customers", "units", "appointments_today", "follow_ups_due", "work_orders")


def summary(
    *, actor: Any, today: datetime.date | None = None, project: int | None = None, sections: Iterable[str] | None = None
) -> dict[str, Any]:
    """Figures for the actor's scope, or for one project of it (another project is a 404). ``sections``: only these
    (the others are null and cost nothing — the role homes count their figures as tiles and ask for the rest only)."""
    if project is not None:
        scoped_project(actor, project)
    today = today or timezone.localdate()
    wanted = set(SECTIONS if sections is None else sections)
    makers: dict[str, Callable[[], dict[str, Any] | None]] = {
        "customers": lambda: customer_figures(actor, today, project),
        "units": lambda: unit_figures(actor, project),
        "appointments_today": lambda: appointment_figures(actor, today, project),
        "follow_ups_due": lambda: follow_up_figures(actor, today, project),
        "work_orders": lambda: work_order_figures(actor, today, project),
    }
    return {
        "date": today,
        "project": project,
        **{name: make() if name in wanted else None for name, make in makers.items()},
    }
