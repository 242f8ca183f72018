"""Complaint handling and group-complaint (群诉) detection.

A complaint work order opens a complaint case owned by whoever recorded it (首问负责制). Steps follow
``workflow.STEPS``; closing the case resolves the work order (which schedules the return visit); reopening reopens
it. Escalation raises the level and tells the project's 客服主管 (level 1) or 管理层 (level 2 and up).

Group complaints: when at least N complaints (default 5) of one category concern one building within T days
(default 7), an incident is opened (or the open one for that building and category grows), linked to those
complaints, and supervisors and management are told once per incident.
"""

from __future__ import annotations

import datetime
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.complaints.errors import ErrorCode
from anju.complaints.events import ComplaintEvent
from anju.complaints.models import (
    Complaint,
    ComplaintCategoryDepartment,
    GroupAlertSettings,
    Incident,
    IncidentStatus,
    Stage,
)
from anju.complaints.workflow import WORKFLOW, ComplaintAction
from anju.core.errors import ApplicationError
from anju.core.events import CommonEvent, record_event
from anju.core.records import apply_changes, ensure_version
from anju.notifications.services import notify
from anju.properties.scope import active_users_in_role, can_see_project
from anju.workorders import signals
from anju.workorders.choices import Status
from anju.workorders.models import WorkOrder
from anju.workorders.services import transitions

MAX_REPRESENTATIVES = 5


def open_case(order: WorkOrder, actor: Any) -> Complaint:
    complaint, _created = Complaint.objects.get_or_create(work_order=order, defaults={"owner": actor})
    return complaint


@transaction.atomic
def update_case(*, actor: Any, complaint: Complaint, values: dict[str, Any], version: int | None = None) -> Complaint:
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    ensure_version(complaint, version)
    linked = values.pop("linked_orders", None)
    changes = apply_changes(complaint, values)
    complaint.version += 1
    complaint.save()
    if linked is not None:
        # links to orders of projects the actor cannot see are kept (and not named in the history)
        hidden = [o for o in complaint.linked_orders.all() if not can_see_project(actor, o.project_id)]
        complaint.linked_orders.set([*hidden, *linked])
        changes["linked_orders"] = [None, [o.number for o in linked]]
    if changes:
        record_event(
            target=complaint.work_order,
            type=ComplaintEvent.COMPLAINT_UPDATED,
            actor=actor,
            changes=changes,
            also_on=[complaint.work_order.customer],
        )
    if "category" in changes:
        detect_group_complaint(complaint)
    return complaint


# The complaint whose own REOPEN step is reopening its work order (``follow_reopened_order`` leaves it alone).
_REOPENING: ContextVar[int | None] = ContextVar("complaint_reopening", default=None)


def step(*, actor: Any, complaint: Complaint, action: str, text: str = "", version: int | None = None) -> Complaint:
    """One step of the complaint table; closing resolves the work order, reopening reopens it."""

    def change(current: Complaint) -> dict[str, Any]:
        order = WorkOrder.objects.get(pk=current.work_order_id)
        if action == ComplaintAction.ESCALATE:
            current.escalation_level += 1
            audience = "service_supervisor" if current.escalation_level == 1 else "management"
            notify(
                active_users_in_role(audience, order.project_id),
                kind="complaint.escalated",
                title=_("Complaint %(number)s escalated (level %(level)s)")
                % {"number": order.number, "level": current.escalation_level},
                body=text[:500],
                link=f"/work-orders/{order.pk}",
                dedupe_key=f"complaint:{current.pk}:escalate:{current.escalation_level}",
            )
        if action == ComplaintAction.CLOSE:
            current.outcome = text or current.outcome
            if order.status not in (Status.CLOSED, Status.CANCELLED):
                transitions.resolve(actor=actor, order=order, reason=(text or _("Complaint closed"))[:200], system=True)
        if action == ComplaintAction.REOPEN and order.status == Status.CLOSED:
            token = _REOPENING.set(current.pk)  # the order's reopening must not reopen this complaint a second time
            try:
                transitions.reopen(actor=actor, order=order, reason=text[:200], system=True)
            finally:
                _REOPENING.reset(token)
        if action in (ComplaintAction.APOLOGISE, ComplaintAction.REPLY):
            # the first apology/reply to the owner is the complaint's first response (首次响应)
            signals.order_followed_up.send(sender=WorkOrder, order=order, actor=actor)
        return {"escalation_level": current.escalation_level}

    return WORKFLOW.perform(action, complaint, actor, version=version, reason=text, change=change)


def follow_reopened_order(*, order: WorkOrder, actor: Any) -> None:
    """A complaint order reopened by another path (a return visit scoring low, a supervisor) takes its closed
    complaint back under investigation, so the stage the lists show tells the truth."""
    complaint = Complaint.objects.filter(work_order=order, stage=Stage.CLOSED).first()
    if complaint is None or complaint.pk == _REOPENING.get():
        return
    WORKFLOW.perform(
        ComplaintAction.REOPEN,
        complaint,
        actor,
        reason=_("The work order was reopened."),
        check_permission=False,  # a consequence of the reopening the actor was allowed to do
    )


def settings_row() -> GroupAlertSettings:
    return GroupAlertSettings.objects.first() or GroupAlertSettings()


def detect_group_complaint(complaint: Complaint, now: datetime.datetime | None = None) -> Incident | None:
    """Open or grow an incident when the building has reached the threshold of same-category complaints."""
    order = complaint.work_order
    if order.building_id is None:
        return None
    rule = settings_row()
    now = now or timezone.now()
    since = now - datetime.timedelta(days=rule.window_days)
    peers = list(
        Complaint.objects.filter(
            category=complaint.category, work_order__building_id=order.building_id, work_order__created_at__gte=since
        ).exclude(work_order__status=Status.CANCELLED)
    )
    if len(peers) < rule.threshold:
        return None
    with transaction.atomic():
        incident = (
            Incident.objects.select_for_update()
            .filter(
                building_id=order.building_id,
                category=complaint.category,
                status__in=[IncidentStatus.OPEN, IncidentStatus.MONITORING],
            )
            .first()
        )
        created = incident is None
        if incident is None:
            incident = Incident.objects.create(
                project_id=order.project_id, building_id=order.building_id, category=complaint.category
            )
        incident.complaints.add(*peers)
    if created:
        building = order.building.name if order.building else ""
        notify(
            [
                *active_users_in_role("service_supervisor", order.project_id),
                *active_users_in_role("management", order.project_id),
            ],
            kind="complaint.group_alert",
            title=_("Group complaint alert: %(n)s “%(category)s” complaints in %(building)s")
            % {"n": len(peers), "category": complaint.get_category_display(), "building": building},
            body=_("Within %(days)s days. Assign an owner and a response plan.") % {"days": rule.window_days},
            link=f"/incidents/{incident.pk}",
            dedupe_key=f"incident:{incident.pk}",
        )
        record_event(target=incident, type=CommonEvent.CREATED, data={"complaints": len(peers)})
    return incident


@transaction.atomic
def update_incident(*, actor: Any, incident: Incident, values: dict[str, Any], version: int | None = None) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    ensure_version(incident, version)
    if len(values.get("representatives", [])) > MAX_REPRESENTATIVES:
        message = _("At most %(n)s representatives (信访工作条例 第二十条).") % {"n": MAX_REPRESENTATIVES}
        raise ApplicationError(ErrorCode.INCIDENT_TOO_MANY_REPRESENTATIVES, message, fields={"representatives": [message]})
    if values.get("status") == IncidentStatus.CLOSED:
        if not (values.get("closure_note") or incident.closure_note).strip():
            message = _("Write how the incident was closed.")
            raise ApplicationError(ErrorCode.INCIDENT_CLOSURE_NOTE_REQUIRED, message, fields={"closure_note": [message]})
        values["closed_at"] = timezone.now()
    changes = apply_changes(incident, values)
    incident.version += 1
    incident.save()
    if changes:
        record_event(
            target=incident, type=CommonEvent.UPDATED, actor=actor, changes={k: v for k, v in changes.items() if k != "closed_at"}
        )
    return incident


@transaction.atomic
def set_category_department(*, actor: Any, mapping: ComplaintCategoryDepartment, department: Any) -> ComplaintCategoryDepartment:
    """The department that answers for a complaint category from now on."""
    mapping = ComplaintCategoryDepartment.objects.select_for_update().get(pk=mapping.pk)
    changes = apply_changes(mapping, {"department": department})
    if changes:
        mapping.save()
        record_event(target=mapping, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return mapping
