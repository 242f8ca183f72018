"""The work-order state machine as one table (``anju.core.workflow``): action → from-states → to-state → permission,
guards, stamps, reason and how the button looks. The API, ``allowed_actions``, the permission matrix and
``docs/workflows.md`` are all derived from it; ``tests/test_workflow.py`` checks it over every (state, action).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Guard, Tone, Transition, Workflow
from anju.workorders import signals
from anju.workorders.choices import OrderType, Status
from anju.workorders.errors import ErrorCode
from anju.workorders.models import WorkOrder

S = Status


class WorkOrderAction(StrEnum):
    DISPATCH = "dispatch"
    REASSIGN = "reassign"
    ACCEPT = "accept"
    RETURN = "return"
    START = "start"
    HOLD = "hold"
    RESUME = "resume"
    COMPLETE = "complete"
    VERIFY = "verify"
    CLOSE = "close"
    RESOLVE = "resolve"
    CANCEL = "cancel"
    REOPEN = "reopen"


A = WorkOrderAction


def _is_assignee(order: WorkOrder, actor: Any) -> bool:
    return actor is None or order.assignee_id == actor.pk


def _reopen_days(order: WorkOrder) -> int:
    from anju.workorders.selectors import service_settings  # selectors import this table

    return service_settings(order.project_id).reopen_days


def _within_reopen_window(order: WorkOrder, actor: Any) -> bool:
    from anju.workorders.selectors import reopen_deadline

    deadline = reopen_deadline(order, _reopen_days(order)) if (order.closed_at or order.completed_at) else None
    return deadline is not None and timezone.now() <= deadline


ASSIGNEE_ONLY = Guard(
    "assignee_only",
    _is_assignee,
    ErrorCode.WORKORDER_NOT_ASSIGNEE,
    _("Only the technician this order is assigned to can do that."),
)
REOPEN_WINDOW = Guard(
    "reopen_window",
    _within_reopen_window,
    ErrorCode.WORKORDER_REOPEN_WINDOW_PASSED,
    lambda order: gettext("This order can only be reopened within %(days)s days of completion.") % {"days": _reopen_days(order)},
    status=400,
)
_NOT_REPAIR = frozenset({OrderType.COMPLAINT, OrderType.CONSULTATION, OrderType.SUGGESTION, OrderType.PRAISE})
_WORK = "workorders.work_workorder"


def _not_repair(order: WorkOrder) -> bool:
    return order.type in _NOT_REPAIR


TRANSITIONS: dict[StrEnum, Transition] = {
    A.DISPATCH: Transition(
        frozenset({S.PENDING_DISPATCH}),
        S.DISPATCHED,
        "workorders.dispatch_workorder",
        _("Dispatch"),
        tone=Tone.PRIMARY,
        stamp="dispatched_at",
        event="work_order.dispatched",
    ),
    A.REASSIGN: Transition(
        frozenset({S.DISPATCHED, S.ACCEPTED}),
        S.DISPATCHED,
        "workorders.dispatch_workorder",
        _("Reassign"),
        event="work_order.reassigned",
    ),
    A.ACCEPT: Transition(
        frozenset({S.DISPATCHED}),
        S.ACCEPTED,
        _WORK,
        _("Accept"),
        guards=(ASSIGNEE_ONLY,),
        tone=Tone.PRIMARY,
        stamp="accepted_at",
        event="work_order.accepted",
    ),
    A.RETURN: Transition(
        frozenset({S.DISPATCHED, S.ACCEPTED}),
        S.PENDING_DISPATCH,
        _WORK,
        _("Return the order"),
        guards=(ASSIGNEE_ONLY,),
        needs_reason=True,
        tone=Tone.WARNING,
        event="work_order.returned",
    ),
    A.START: Transition(
        frozenset({S.ACCEPTED}),
        S.IN_PROGRESS,
        _WORK,
        _("Start work"),
        guards=(ASSIGNEE_ONLY,),
        tone=Tone.PRIMARY,
        stamp="started_at",
        event="work_order.started",
    ),
    A.HOLD: Transition(
        frozenset({S.IN_PROGRESS}),
        S.ON_HOLD,
        _WORK,
        _("Put on hold"),
        guards=(ASSIGNEE_ONLY,),
        needs_reason=True,
        tone=Tone.WARNING,
        event="work_order.put_on_hold",
    ),
    A.RESUME: Transition(
        frozenset({S.ON_HOLD}),
        S.IN_PROGRESS,
        _WORK,
        _("Resume work"),
        guards=(ASSIGNEE_ONLY,),
        tone=Tone.PRIMARY,
        stamp="started_at",
        event="work_order.resumed",
    ),
    A.COMPLETE: Transition(
        frozenset({S.IN_PROGRESS}),
        S.COMPLETED,
        _WORK,
        _("Complete the work"),
        guards=(ASSIGNEE_ONLY,),
        tone=Tone.SUCCESS,
        stamp="completed_at",
        event="work_order.completed",
    ),
    A.VERIFY: Transition(
        frozenset({S.COMPLETED}),
        S.PENDING_VISIT,
        "workorders.close_workorder",
        _("Verify completion"),
        tone=Tone.PRIMARY,
        event="work_order.verified",
    ),
    A.CLOSE: Transition(
        frozenset({S.PENDING_VISIT}),
        S.CLOSED,
        "workorders.close_workorder",
        _("Close the order"),
        confirm=True,
        tone=Tone.SUCCESS,
        stamp="closed_at",
        event="work_order.closed",
    ),
    A.RESOLVE: Transition(
        frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS}),
        S.CLOSED,
        "workorders.close_workorder",
        _("Resolve directly"),
        needs_reason=True,
        tone=Tone.SUCCESS,
        stamp="closed_at",
        applies=_not_repair,
        event="work_order.resolved",
    ),
    A.CANCEL: Transition(
        frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.ACCEPTED}),
        S.CANCELLED,
        "workorders.cancel_workorder",
        _("Cancel the order"),
        needs_reason=True,
        tone=Tone.DANGER,
        stamp="cancelled_at",
        event="work_order.cancelled",
    ),
    A.REOPEN: Transition(
        frozenset({S.COMPLETED, S.PENDING_VISIT, S.CLOSED}),
        S.PENDING_DISPATCH,
        "workorders.reopen_workorder",
        _("Reopen the order"),
        guards=(REOPEN_WINDOW,),
        needs_reason=True,
        tone=Tone.WARNING,
        event="work_order.reopened",
    ),
}

WORKFLOW: Workflow[WorkOrder] = Workflow(
    name="workorder",
    model=WorkOrder,
    states=Status,
    actions=WorkOrderAction,
    transitions=TRANSITIONS,
    initial=S.PENDING_DISPATCH,
    signal=signals.order_transitioned,
    signal_subject="order",
    also_on=lambda order, action: (order.customer, order.unit),
    not_allowed_code=ErrorCode.WORKORDER_TRANSITION_NOT_ALLOWED,
    not_allowed_message=_("This work order can no longer be changed this way (it is now “%(status)s”). Reload it."),
    reason_code=ErrorCode.WORKORDER_REASON_REQUIRED,
    reason_message=_("Give a reason."),
    description="工单 Work order (repairs, complaints, consultations, suggestions, praise)",
)
