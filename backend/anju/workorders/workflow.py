"""The work-order state machine as one table: action → allowed source states → target state → permission.

This table is the documentation (rendered in docs/workflows.md) and is tested over every (state, action) pair
without a database. Services call ``ensure_allowed``; the API lists ``allowed_actions``.

```mermaid
stateDiagram-v2
    [*] --> pending_dispatch
    pending_dispatch --> dispatched: dispatch
    dispatched --> dispatched: reassign
    accepted --> dispatched: reassign
    dispatched --> accepted: accept
    dispatched --> pending_dispatch: return (退单)
    accepted --> pending_dispatch: return (退单)
    accepted --> in_progress: start
    in_progress --> on_hold: hold
    on_hold --> in_progress: resume
    in_progress --> completed: complete
    completed --> pending_visit: verify
    pending_visit --> closed: close
    pending_dispatch --> closed: resolve (not repairs)
    pending_dispatch --> cancelled: cancel
    dispatched --> cancelled: cancel
    accepted --> cancelled: cancel
    completed --> pending_dispatch: reopen
    pending_visit --> pending_dispatch: reopen
    closed --> pending_dispatch: reopen
```
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from anju.core.errors import ConflictError
from anju.workorders.choices import OrderType, Status

S = Status


@dataclass(frozen=True)
class Action:
    sources: frozenset[str]
    target: str
    permission: str
    assignee_only: bool = False  # only the assigned technician may do it
    types: frozenset[str] = field(default_factory=lambda: frozenset(OrderType.values))
    needs_reason: bool = False


_WORK = "workorders.work_workorder"
_NOT_REPAIR = frozenset({OrderType.COMPLAINT, OrderType.CONSULTATION, OrderType.SUGGESTION, OrderType.PRAISE})

ACTIONS: dict[str, Action] = {
    "dispatch": Action(frozenset({S.PENDING_DISPATCH}), S.DISPATCHED, "workorders.dispatch_workorder"),
    "reassign": Action(frozenset({S.DISPATCHED, S.ACCEPTED}), S.DISPATCHED, "workorders.dispatch_workorder"),
    "accept": Action(frozenset({S.DISPATCHED}), S.ACCEPTED, _WORK, assignee_only=True),
    "return": Action(frozenset({S.DISPATCHED, S.ACCEPTED}), S.PENDING_DISPATCH, _WORK, assignee_only=True, needs_reason=True),
    "start": Action(frozenset({S.ACCEPTED}), S.IN_PROGRESS, _WORK, assignee_only=True),
    "hold": Action(frozenset({S.IN_PROGRESS}), S.ON_HOLD, _WORK, assignee_only=True, needs_reason=True),
    "resume": Action(frozenset({S.ON_HOLD}), S.IN_PROGRESS, _WORK, assignee_only=True),
    "complete": Action(frozenset({S.IN_PROGRESS}), S.COMPLETED, _WORK, assignee_only=True),
    "verify": Action(frozenset({S.COMPLETED}), S.PENDING_VISIT, "workorders.close_workorder"),
    "close": Action(frozenset({S.PENDING_VISIT}), S.CLOSED, "workorders.close_workorder"),
    "resolve": Action(
        frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS}),
        S.CLOSED,
        "workorders.close_workorder",
        types=_NOT_REPAIR,
        needs_reason=True,
    ),
    "cancel": Action(
        frozenset({S.PENDING_DISPATCH, S.DISPATCHED, S.ACCEPTED}), S.CANCELLED, "workorders.cancel_workorder", needs_reason=True
    ),
    "reopen": Action(
        frozenset({S.COMPLETED, S.PENDING_VISIT, S.CLOSED}), S.PENDING_DISPATCH, "workorders.reopen_workorder", needs_reason=True
    ),
}


def can_transition(status: str, action: str, order_type: str) -> bool:
    """Does the table allow ``action`` from ``status`` for this order type (ignoring who asks)?"""
    spec = ACTIONS.get(action)
    return spec is not None and status in spec.sources and order_type in spec.types


def ensure_allowed(status: str, action: str, order_type: str) -> Action:
    """The action's spec, or a 409: the order is no longer in a state where this is possible."""
    if not can_transition(status, action, order_type):
        raise ConflictError(
            "workorder.transition_not_allowed",
            _("This work order can no longer be changed this way (it is now “%(status)s”). Reload it.")
            % {"status": Status(status).label},
            extra={"status": status, "action": action},
        )
    return ACTIONS[action]
