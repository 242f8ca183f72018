"""Return-visit and care-plan reads, scoped to the actor's projects."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from anju.properties.scope import restrict
from anju.visits.models import CarePlan, ReturnVisit, VisitStatus


def list_visits(*, actor: Any) -> QuerySet[ReturnVisit]:
    return restrict(
        ReturnVisit.objects.select_related(
            "work_order__customer",
            "work_order__assignee",
            "work_order__unit__building",
            "assignee",
            "plan",
            "customer",
            "unit__building",
        ),
        actor,
    )


def list_care_plans(*, actor: Any) -> QuerySet[CarePlan]:
    return restrict(CarePlan.objects.select_related("project", "tag", "assignee"), actor)


def list_care_plans_with_progress(*, actor: Any) -> QuerySet[CarePlan]:
    """Care plans in scope with their pending and done visit counts, by project and name."""
    return (
        list_care_plans(actor=actor)
        .annotate(
            pending=Count("visits", filter=Q(visits__status=VisitStatus.PENDING)),
            done=Count("visits", filter=Q(visits__status__in=[VisitStatus.DONE, VisitStatus.UNREACHABLE])),
        )
        .order_by("project_id", "name", "id")
    )
