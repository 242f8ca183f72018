"""Return-visit and care-plan reads, scoped to the actor's projects."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from anju.properties.scope import restrict
from anju.visits.models import CarePlan, ReturnVisit


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
