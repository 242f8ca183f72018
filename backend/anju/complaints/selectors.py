"""Complaint reads, scoped to the actor's projects (a complaint lives in its work order's project)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from anju.complaints.models import Complaint, ComplaintCategoryDepartment, Incident
from anju.properties.scope import restrict


def list_complaints(*, actor: Any) -> QuerySet[Complaint]:
    return restrict(
        Complaint.objects.select_related("work_order__customer", "work_order__building", "owner").prefetch_related(
            "linked_orders", "incidents"
        ),
        actor,
        lookup="work_order__project_id",
    )


def list_incidents(*, actor: Any) -> QuerySet[Incident]:
    return restrict(
        Incident.objects.select_related("project", "building", "owner").prefetch_related(
            "complaints__work_order__customer", "complaints__work_order__building", "complaints__owner"
        ),
        actor,
    )


def list_category_departments(*, actor: Any = None) -> QuerySet[ComplaintCategoryDepartment]:
    """Not scoped: which department answers for a complaint category is one company-wide table."""
    return ComplaintCategoryDepartment.objects.select_related("department")


def with_complaint_stage(orders: QuerySet[Any]) -> QuerySet[Any]:
    """Work-order rows with ``complaint_stage``: the complaint's stage for a complaint order, None for the others."""
    return orders.annotate(complaint_stage=F("complaint__stage"))


def stage_changes(order_ids: QuerySet[Any]) -> dict[int, list[tuple[str, Any]]]:
    """The stage changes of the complaints of ``order_ids`` (a ``values("work_order_id")`` queryset the caller already
    scoped): per work order, ``(stage entered, when)`` oldest first, read from the complaint workflow's events
    (each action's ``complaint.<past-tense verb>`` on the work order; an escalation keeps the stage and is left out)."""
    from django.contrib.contenttypes.models import ContentType

    from anju.complaints.workflow import WORKFLOW
    from anju.core.models import Event
    from anju.workorders.models import WorkOrder

    changes: dict[int, list[tuple[str, Any]]] = {}
    events = (
        Event.objects.filter(
            target_type=ContentType.objects.get_for_model(WorkOrder),
            target_id__in=order_ids,
            type__in=WORKFLOW.event_types(),
        )
        .exclude(to_status="")
        .exclude(to_status=F("from_status"))
        .order_by("occurred_at", "id")
        .values_list("target_id", "to_status", "occurred_at")
    )
    for order_id, stage, at in events:
        changes.setdefault(order_id, []).append((stage, at))
    return changes
