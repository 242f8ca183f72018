"""Return visits: scheduled when an order is completed, worked by an agent, and acted on.

- A completed repair, or a resolved complaint, gets one visit due at the end of the N-th next working day
  (project setting, default 1), for the agent who recorded the order when they may do visits, else for the team.
- Up to three attempts; the third unanswered call closes the visit as unreachable and closes the order.
- Care visits (from a care plan, see ``care``) have no order: three unanswered calls end them as unreachable; a
  low score or an open problem tells the project's service supervisors (inbox) so that someone follows up.
- A reached owner gives resolved yes/no, satisfaction 1-5 and a comment. Resolved with a score above the project's
  threshold (default 2) closes the order; otherwise the project decides: open a complaint for the owner (when
  ``low_score_opens_complaint``), or reopen the order with the owner's words as the reason (``low_score_reopens``,
  the default, within the reopen window), or only record the result for a supervisor.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.notifications.services import notify
from anju.properties.scope import active_users_in_role
from anju.sla.calendar import WorkingTime
from anju.sla.selectors import working_time
from anju.visits.errors import ErrorCode
from anju.visits.events import VisitEvent
from anju.visits.models import MAX_ATTEMPTS, ReturnVisit, VisitKind, VisitStatus
from anju.visits.workflow import WORKFLOW, VisitAction
from anju.workorders.choices import OrderType, Status
from anju.workorders.models import WorkOrder
from anju.workorders.selectors import service_settings
from anju.workorders.services import transitions
from anju.workorders.services.orders import create_work_order


def end_of_working_day(day: datetime.date, wt: WorkingTime) -> datetime.datetime:
    """When a visit on ``day`` is due: the end of its last working period (``day`` is a working day)."""
    return timezone.make_aware(datetime.datetime.combine(day, wt.periods[-1][1]))


def due_after_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """The end of the ``days``-th working day after ``start``'s day."""
    wt = working_time()
    day = timezone.localtime(start).date()
    found = 0
    while found < max(days, 1):
        day += datetime.timedelta(days=1)
        if wt.is_working_day(day):
            found += 1
    return end_of_working_day(day, wt)


def schedule(order: WorkOrder) -> ReturnVisit | None:
    if ReturnVisit.objects.filter(work_order=order, status=VisitStatus.PENDING).exists():
        return None
    settings = service_settings(order.project_id)
    creator = order.created_by
    assignee = creator if creator is not None and creator.is_active and creator.has_perm("visits.change_returnvisit") else None
    visit = ReturnVisit.objects.create(
        work_order=order,
        project_id=order.project_id,
        assignee=assignee,
        technician_id=order.assignee_id,
        due_at=due_after_working_days(timezone.now(), settings.visit_after_working_days),
    )
    record_event(
        target=order, type=VisitEvent.VISIT_SCHEDULED, data={"due_at": visit.due_at.isoformat()}, also_on=[order.customer]
    )
    return visit


def on_transition(order: WorkOrder, action: str) -> None:
    if (action == "complete" and order.type == OrderType.REPAIR) or (action == "resolve" and order.type == OrderType.COMPLAINT):
        schedule(order)
    elif action == "cancel":
        ReturnVisit.objects.filter(work_order=order, status=VisitStatus.PENDING).update(status=VisitStatus.CANCELLED)


def _close_order(order: WorkOrder | None, actor: Any, reason: str) -> str:
    if order is None:  # a care visit: nothing to close
        return "recorded"
    order = WorkOrder.objects.get(pk=order.pk)
    if order.status == Status.COMPLETED:
        order = transitions.verify(actor=actor, order=order, system=True)
    if order.status == Status.PENDING_VISIT:
        transitions.close(actor=actor, order=order, reason=reason, system=True)
        return "closed"
    return "recorded"


def record_attempt(*, actor: Any, visit: ReturnVisit, note: str = "", version: int | None = None) -> ReturnVisit:
    """An unanswered call; the third one ends the visit as unreachable and closes the order."""

    def change(current: ReturnVisit) -> dict[str, Any]:
        current.attempts += 1
        current.reached = False
        if note:
            current.comment = (current.comment + "\n" + note).strip()[:2000]
        if current.attempts >= MAX_ATTEMPTS:
            current.status = VisitStatus.UNREACHABLE
            current.completed_at, current.completed_by = timezone.now(), actor
            current.outcome_action = _close_order(
                current.work_order, actor, _("Return visit: unreachable after %(n)s calls") % {"n": MAX_ATTEMPTS}
            )
        return {"attempts": current.attempts, "status": current.status}

    return WORKFLOW.perform(VisitAction.ATTEMPT, visit, actor, version=version, reason=note, change=change)


def record_outcome(
    *,
    actor: Any,
    visit: ReturnVisit,
    satisfaction: int,
    resolved: bool | None = None,
    comment: str = "",
    version: int | None = None,
    system: bool = False,
) -> ReturnVisit:
    """``system=True``: the owner answered the visit themself in the owner portal (no staff permission to check)."""

    def change(current: ReturnVisit) -> dict[str, Any]:
        if not 1 <= satisfaction <= 5:
            message = _("Satisfaction is 1 to 5.")
            raise ApplicationError(ErrorCode.VISIT_INVALID_SCORE, message, fields={"satisfaction": [message]})
        if resolved is None and current.kind == VisitKind.SERVICE:
            message = _("Say whether the problem is resolved.")
            raise ApplicationError(ErrorCode.VISIT_RESOLVED_REQUIRED, message, fields={"resolved": [message]})
        current.reached, current.resolved, current.satisfaction = True, resolved, satisfaction
        current.comment = comment[:2000]
        current.completed_at, current.completed_by = timezone.now(), actor
        settings = service_settings(current.project_id)
        poor = resolved is False or satisfaction <= settings.low_score_threshold
        if current.work_order_id is None:
            current.outcome_action = _flag_care_visit(current, actor) if poor else "recorded"
        else:
            current.outcome_action = _act_on_order(current, actor, poor=poor, settings=settings, system=system)
        return {"resolved": resolved, "satisfaction": satisfaction, "action": current.outcome_action}

    return WORKFLOW.perform(
        VisitAction.OUTCOME, visit, actor, version=version, reason=comment, change=change, check_permission=not system
    )


def _flag_care_visit(visit: ReturnVisit, actor: Any) -> str:
    """A care call found an unhappy owner or an open problem: the project's service supervisors hear of it."""
    who = visit.customer.name if visit.customer else ""
    notify(
        active_users_in_role("service_supervisor", visit.project_id),
        kind="care_visit_flagged",
        title=_("Care visit: %(who)s is unhappy (%(n)s/5)") % {"who": who, "n": visit.satisfaction},
        body=visit.comment[:500],
        link=f"/customers/{visit.customer_id}" if visit.customer_id else "/return-visits",
        dedupe_key=f"care-visit-flagged:{visit.pk}",
    )
    return "flagged"


def _act_on_order(visit: ReturnVisit, actor: Any, *, poor: bool, settings: Any, system: bool = False) -> str:
    order = WorkOrder.objects.get(pk=visit.work_order_id or 0)
    satisfaction, comment = visit.satisfaction, visit.comment
    if not poor:
        # The reason is on the order's timeline, which its technician reads: the owner's score and words stay on the
        # visit (shown to those who may read return visits, docs/rules.md).
        return _close_order(order, actor, _("Return visit: resolved, the owner is satisfied"))
    if settings.low_score_opens_complaint and order.type != OrderType.COMPLAINT:
        complaint = create_work_order(
            actor=actor,
            type=OrderType.COMPLAINT,
            unit=order.unit,
            project=order.project,
            customer=order.customer,
            contact_name=order.contact_name,
            priority=order.priority,
            description=(
                _("Return visit of %(number)s: not resolved or unhappy (%(n)s/5). %(comment)s")
                % {"number": order.number, "n": satisfaction, "comment": comment}
            )[:4000],
            system=system,
        )
        record_event(
            target=order,
            type=VisitEvent.COMPLAINT_OPENED,
            actor=actor,
            data={"complaint": complaint.number},
            also_on=[order.customer],
        )
        return "complaint"
    if settings.low_score_reopens:
        reason = _("Return visit: not resolved or the owner is unhappy (the score and the owner's words are on the visit)")
        try:
            transitions.reopen(actor=actor, order=order, reason=reason[:200], system=True)
            return "reopened"
        except ApplicationError:
            return "recorded"  # outside the reopen window: a supervisor decides
    return "recorded"


def create_care_plan(*, actor: Any, values: dict[str, Any]) -> Any:
    """A new 定期回访 plan (``visits.care.create_plan``)."""
    from anju.visits import care  # care builds on this module

    return care.create_plan(actor=actor, values=values)


def update_care_plan(*, actor: Any, plan: Any, values: dict[str, Any], version: int | None = None) -> Any:
    """Change a 定期回访 plan (``visits.care.update_plan``)."""
    from anju.visits import care  # care builds on this module

    return care.update_plan(actor=actor, plan=plan, values=values, version=version)
