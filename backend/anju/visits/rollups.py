"""Service-quality roll-ups: SLA attainment and return-visit satisfaction per technician, category, building,
project, team or responsible department. These figures feed the reports."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from anju.properties.scope import restrict
from anju.sla.models import SlaClock
from anju.visits.models import ReturnVisit, VisitKind, VisitStatus
from anju.workorders.models import ServiceSettings

# dimension: (path from an SLA clock to the group's id, to its label), (the same from a return visit).
# Technicians and teams are credited with what they did: the assignee when the target was met, the technician who
# completed the work a visit rates — not whoever holds the order now (a reopened order has nobody yet).
DIMENSIONS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "technician": (
        ("met_assignee_id", "met_assignee__display_name"),
        ("technician_id", "technician__display_name"),
    ),
    "category": (("work_order__category_id", "work_order__category__name"),) * 2,
    "building": (("work_order__building_id", "work_order__building__name"),) * 2,
    "project": (("work_order__project_id", "work_order__project__name"),) * 2,
    "team": (
        ("met_assignee__technician__team_id", "met_assignee__technician__team__name"),
        ("technician__technician__team_id", "technician__technician__team__name"),
    ),
    # the responsible department of the order's category (部门绩效)
    "department": (("work_order__category__department_id", "work_order__category__department__name"),) * 2,
}


def _percent(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1")) if whole else None


DEFAULT_LOW_SCORE: int = ServiceSettings._meta.get_field("low_score_threshold").default  # type: ignore[assignment]


def low_score() -> Q:
    """A low score: at or below the threshold of the visit's project (``ServiceSettings.low_score_threshold``; the
    default when the project has no settings) — the rule the visit's outcome was decided by (``services``), so the
    reports' low scores, the visit list's ``low_score`` filter and the reopened orders agree for every project."""
    threshold = Subquery(ServiceSettings.objects.filter(project_id=OuterRef("project_id")).values("low_score_threshold")[:1])
    return Q(satisfaction__lte=Coalesce(threshold, Value(DEFAULT_LOW_SCORE)))


def rollup(
    *,
    actor: Any,
    dimension: str,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    clocks: QuerySet[SlaClock] | None = None,
    visits: QuerySet[ReturnVisit] | None = None,
) -> list[dict[str, Any]]:
    """Per group: clocks finished (met or met late), met on time %, return visits done, average satisfaction, low
    scores and the orders they reopened.

    ``clocks`` and ``visits`` narrow the rows counted (the report centre passes the return-visit list's own rows, so
    a group's visit count is its drill-down's count); they are always cut to the actor's scope, finished clocks and
    answered service visits here.
    """
    (clock_key, clock_label), (visit_key, visit_label) = DIMENSIONS[dimension]
    clocks = restrict(
        (SlaClock.objects.all() if clocks is None else clocks).filter(met_at__isnull=False),
        actor,
        lookup="work_order__project_id",
    )
    visits = restrict(
        (ReturnVisit.objects.all() if visits is None else visits).filter(status=VisitStatus.DONE, kind=VisitKind.SERVICE),
        actor,
    )
    if since:
        clocks, visits = clocks.filter(met_at__gte=since), visits.filter(completed_at__gte=since)
    if until:
        clocks, visits = clocks.filter(met_at__lt=until), visits.filter(completed_at__lt=until)
    sla_rows = (
        clocks.values(group=F(clock_key), name=F(clock_label))
        .annotate(finished=Count("id"), on_time=Count("id", filter=Q(met_at__lte=F("due_at"))))
        .order_by()
    )
    visit_rows = (
        visits.values(group=F(visit_key), name=F(visit_label))
        .annotate(
            visits=Count("id"),
            average=Avg("satisfaction"),  # not named after the field: the filters below must read the field
            unresolved=Count("id", filter=Q(resolved=False)),
            low_scores=Count("id", filter=low_score()),
            reopened=Count("id", filter=Q(outcome_action="reopened")),
        )
        .order_by()
    )
    merged: dict[Any, dict[str, Any]] = {}
    for row in sla_rows:
        merged.setdefault(row["group"], {"id": row["group"], "name": row["name"] or "—"}).update(
            finished=row["finished"], on_time=row["on_time"], on_time_percent=_percent(row["on_time"], row["finished"])
        )
    for row in visit_rows:
        entry = merged.setdefault(row["group"], {"id": row["group"], "name": row["name"] or "—"})
        entry.update(
            visits=row["visits"],
            unresolved=row["unresolved"],
            low_scores=row["low_scores"],
            reopened=row["reopened"],
            satisfaction=Decimal(str(row["average"])).quantize(Decimal("0.01")) if row["average"] is not None else None,
        )
    result = []
    for entry in merged.values():
        entry.setdefault("finished", 0)
        entry.setdefault("on_time", 0)
        entry.setdefault("on_time_percent", None)
        entry.setdefault("visits", 0)
        entry.setdefault("unresolved", 0)
        entry.setdefault("low_scores", 0)
        entry.setdefault("reopened", 0)
        entry.setdefault("satisfaction", None)
        result.append(entry)
    return sorted(result, key=lambda e: (-(e["finished"] + e["visits"]), str(e["name"])))
