"""One service per work-order action, each a call to the workflow engine (``anju.core.workflow``) with the
action's own field changes: lock → version, state, permission, guards, reason → fields → event → signal.

Two people acting at once: the row lock serialises them; the second one finds the new state and gets a 409.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.properties.scope import can_see_project
from anju.workorders import dispatch as dispatching
from anju.workorders.choices import PRIORITY_RANK, CostKind, OrderType, Priority, Status
from anju.workorders.errors import ErrorCode
from anju.workorders.models import CostLine, Technician, WorkOrder
from anju.workorders.selectors import service_settings
from anju.workorders.workflow import WORKFLOW, WorkOrderAction

A = WorkOrderAction


def _perform(
    action: WorkOrderAction,
    order: WorkOrder,
    actor: Any,
    *,
    version: int | None = None,
    reason: str = "",
    change: Callable[[WorkOrder], Mapping[str, Any] | None] | None = None,
    data: Mapping[str, Any] | None = None,
    locked: bool = False,
    system: bool = False,
) -> WorkOrder:
    def apply(current: WorkOrder) -> Mapping[str, Any] | None:
        if reason:
            current.last_reason = reason[:200]
        return change(current) if change is not None else None

    return WORKFLOW.perform(
        action, order, actor, version=version, reason=reason, change=apply, data=data, locked=locked, check_permission=not system
    )


def _ensure_assignable(order: WorkOrder, technician: Technician) -> None:
    suggestion = dispatching.score(technician, order, load=0, today=timezone.localdate())
    if not suggestion.eligible:
        message = _("This technician cannot take the order: %(why)s") % {"why": _("; ").join(suggestion.reasons[:2])}
        raise ApplicationError(ErrorCode.WORKORDER_TECHNICIAN_NOT_ELIGIBLE, message, fields={"technician": [message]})
    if not technician.user.has_perm("workorders.work_workorder"):
        message = _("This user may not work on orders.")
        raise ApplicationError(ErrorCode.WORKORDER_TECHNICIAN_NOT_ELIGIBLE, message, fields={"technician": [message]})


@transaction.atomic
def dispatch(
    *,
    actor: Any,
    order: WorkOrder,
    technician: Technician,
    version: int | None = None,
    note: str = "",
    auto: bool = False,
    action: WorkOrderAction | None = None,
) -> WorkOrder:
    """Give the order to a technician: ``dispatch`` from 待派单, ``reassign`` once someone has it. The API names
    the action (each endpoint is exactly its table row); batch and auto dispatch let the state decide."""
    order = WORKFLOW.lock(order)
    if action is None:
        action = A.DISPATCH if order.status == Status.PENDING_DISPATCH else A.REASSIGN

    def change(current: WorkOrder) -> dict[str, Any]:
        _ensure_assignable(current, technician)
        if action == A.REASSIGN and current.assignee_id == technician.user_id:
            message = _("The order is already assigned to this technician.")
            raise ApplicationError(ErrorCode.WORKORDER_SAME_TECHNICIAN, message, fields={"technician": [message]})
        previous = current.assignee
        current.assignee = technician.user
        current.dispatched_at = timezone.now()
        data: dict[str, Any] = {"technician": str(technician.user), "auto": auto}
        if previous is not None and action == A.REASSIGN:
            data["previous"] = str(previous)
        return data

    return _perform(action, order, actor, version=version, reason=note, change=change, locked=True)


def _simple(action: WorkOrderAction, change: Callable[[WorkOrder, str], None] | None = None) -> Any:
    def run(*, actor: Any, order: WorkOrder, version: int | None = None, reason: str = "", system: bool = False) -> WorkOrder:
        """``system=True``: a consequence of another action the actor may do (no permission check of its own)."""
        return _perform(
            action,
            order,
            actor,
            version=version,
            reason=reason,
            change=(lambda o: change(o, reason)) if change else None,
            system=system,
        )

    run.__name__ = str(action)
    run.__doc__ = f"The ``{action}`` transition of the work-order table."
    return run


def _set_hold_reason(order: WorkOrder, reason: str) -> None:
    order.hold_reason = reason[:200]


def _clear_hold_reason(order: WorkOrder, reason: str) -> None:
    order.hold_reason = ""


def _unassign(order: WorkOrder, reason: str) -> None:
    order.assignee = None


def _reset_for_rework(order: WorkOrder, reason: str) -> None:
    order.assignee = None
    order.reopen_count += 1
    order.completed_at = None
    order.closed_at = None


accept = _simple(A.ACCEPT)
start = _simple(A.START)
hold = _simple(A.HOLD, _set_hold_reason)
resume = _simple(A.RESUME, _clear_hold_reason)
return_order = _simple(A.RETURN, _unassign)
verify = _simple(A.VERIFY)
close = _simple(A.CLOSE)
resolve = _simple(A.RESOLVE)
cancel = _simple(A.CANCEL)
reopen = _simple(A.REOPEN, _reset_for_rework)

# What the API runs for each action (the engine's generic perform for those with no service of their own).
SERVICES: dict[str, Any] = {
    A.DISPATCH: dispatch,
    A.REASSIGN: dispatch,
    A.ACCEPT: accept,
    A.START: start,
    A.HOLD: hold,
    A.RESUME: resume,
    A.RETURN: return_order,
    A.VERIFY: verify,
    A.CLOSE: close,
    A.RESOLVE: resolve,
    A.CANCEL: cancel,
    A.REOPEN: reopen,
}


def complete(
    *,
    actor: Any,
    order: WorkOrder,
    work_done: str,
    lines: list[dict[str, Any]],
    owner_confirmed_name: str = "",
    owner_confirmed_at: Any = None,
    free_reason: str = "",
    version: int | None = None,
) -> WorkOrder:
    """Finish the repair: what was done, labour and materials, and the owner's confirmation.

    A paid repair (有偿维修, out of warranty) charged ¥0.00 needs the reason it is free (免费原因): never a silent
    zero. The reason is kept only then."""

    def change(current: WorkOrder) -> dict[str, Any]:
        if not work_done.strip():
            message = _("Describe the work done.")
            raise ApplicationError(ErrorCode.WORKORDER_WORK_DONE_REQUIRED, message, fields={"work_done": [message]})
        if current.type == OrderType.REPAIR and not owner_confirmed_name.strip():
            message = _("Record who confirmed the repair for the owner.")
            raise ApplicationError(ErrorCode.WORKORDER_CONFIRMATION_REQUIRED, message, fields={"owner_confirmed_name": [message]})
        CostLine.objects.filter(work_order=current).delete()
        total = Decimal("0.00")
        rows = []
        for line in lines:
            amount = (Decimal(line["quantity"]) * Decimal(line["unit_price"])).quantize(Decimal("0.01"))
            total += amount
            rows.append(
                CostLine(
                    work_order=current,
                    kind=CostKind(line["kind"]),
                    name=line["name"],
                    quantity=line["quantity"],
                    unit=line.get("unit", ""),
                    unit_price=line["unit_price"],
                    amount=amount,
                )
            )
        reason = free_reason.strip() if current.is_paid and total == Decimal("0.00") else ""
        if current.is_paid and total == Decimal("0.00") and not reason:
            message = _("This is a paid repair: add the charges, or say why it is free.")
            raise ApplicationError(ErrorCode.WORKORDER_FREE_REASON_REQUIRED, message, fields={"free_reason": [message]})
        CostLine.objects.bulk_create(rows)
        current.free_reason = reason
        current.work_done = work_done
        current.owner_confirmed_name = owner_confirmed_name
        current.owner_confirmed_at = owner_confirmed_at or (timezone.now() if owner_confirmed_name else None)
        current.charge_amount = total if current.is_paid else Decimal("0.00")
        current.hold_reason = ""
        payload = {"cost_total": str(total), "charged": str(current.charge_amount), "owner_confirmed_name": owner_confirmed_name}
        return {**payload, "free_reason": reason} if reason else payload

    return _perform(A.COMPLETE, order, actor, version=version, change=change)


def auto_dispatch(*, order: WorkOrder, settings: Any = None) -> WorkOrder:
    """On create: give the order to the top suggestion when the project allows it and the score is high enough."""
    settings = settings or service_settings(order.project_id)
    if not settings.auto_dispatch or order.status != Status.PENDING_DISPATCH:
        return order
    top = dispatching.best(order)
    if top is None or top.score < settings.auto_dispatch_threshold:
        return order
    return dispatch(actor=None, order=order, technician=top.technician, note=_("Auto-dispatched"), auto=True)


def batch_dispatch(*, actor: Any, orders: list[WorkOrder], technician_ids: set[int] | None = None) -> list[dict[str, Any]]:
    """Assign many pending orders in one action, most urgent first, balancing load as it goes.

    Each order is its own transaction: one that cannot be assigned (no eligible technician, already taken)
    is reported with the reason and the others still go through.
    """
    results: list[dict[str, Any]] = []
    extra: dict[int, int] = {}
    ordered = sorted(orders, key=lambda o: (PRIORITY_RANK[Priority(o.priority)], o.created_at, o.pk))
    for order in ordered:
        entry: dict[str, Any] = {"order": order.pk, "number": order.number, "technician": None, "name": None, "reasons": []}
        if not can_see_project(actor, order.project_id):
            entry["error"] = _("Not found.")
            results.append(entry)
            continue
        if order.status != Status.PENDING_DISPATCH:
            entry["error"] = _("Not waiting for dispatch (now “%(status)s”).") % {"status": Status(order.status).label}
            results.append(entry)
            continue
        top = dispatching.best(order, among=technician_ids, extra_load=extra)
        if top is None:
            entry["error"] = _("No eligible technician.")
            results.append(entry)
            continue
        try:
            dispatch(actor=actor, order=order, technician=top.technician, note=_("Batch dispatch"))
        except ApplicationError as exc:
            entry["error"] = exc.message
            results.append(entry)
            continue
        extra[top.technician.user_id] = extra.get(top.technician.user_id, 0) + 1
        entry.update(
            technician=top.technician.pk,
            name=top.technician.user.display_name or top.technician.user.username,
            score=top.score,
            reasons=top.reasons,
        )
        results.append(entry)
    return results
