"""One service per workflow action: lock → check the table and who asks → guards → fields → event.

Two people acting at once: the row lock serialises them; the second one finds the new state and gets a 409.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.records import ensure_version
from anju.properties.scope import can_see_project
from anju.workorders import dispatch as dispatching
from anju.workorders import signals
from anju.workorders.choices import PRIORITY_RANK, CostKind, OrderType, Priority, Status
from anju.workorders.models import CostLine, Technician, WorkOrder
from anju.workorders.selectors import reopen_deadline
from anju.workorders.services.orders import service_settings
from anju.workorders.workflow import ensure_allowed

_TIMESTAMP = {
    Status.DISPATCHED: "dispatched_at",
    Status.ACCEPTED: "accepted_at",
    Status.IN_PROGRESS: "started_at",
    Status.COMPLETED: "completed_at",
    Status.CLOSED: "closed_at",
    Status.CANCELLED: "cancelled_at",
}


def _lock(order: WorkOrder) -> WorkOrder:
    # No select_related: PostgreSQL refuses FOR UPDATE on the nullable side of an outer join (and MariaDB has no
    # FOR UPDATE OF); related rows load on demand.
    return WorkOrder.objects.select_for_update().get(pk=order.pk)


def _check(order: WorkOrder, actor: Any, action: str, version: int | None, reason: str) -> None:
    ensure_version(order, version)
    spec = ensure_allowed(order.status, action, order.type)
    if spec.assignee_only and order.assignee_id != actor.pk:
        raise ConflictError(
            "workorder.not_assignee", _("Only the technician this order is assigned to can do that."), extra={"action": action}
        )
    if spec.needs_reason and not reason.strip():
        message = _("Give a reason.")
        raise ApplicationError("workorder.reason_required", message, fields={"reason": [message]})


def _move(order: WorkOrder, actor: Any, action: str, *, reason: str = "", data: dict[str, Any] | None = None) -> WorkOrder:
    spec = ensure_allowed(order.status, action, order.type)
    before = order.status
    order.status = spec.target
    stamp = _TIMESTAMP.get(Status(spec.target))
    if stamp and action not in ("reassign",):
        setattr(order, stamp, timezone.now())
    if reason:
        order.last_reason = reason[:200]
    order.version += 1
    order.save()
    signals.order_transitioned.send(sender=WorkOrder, order=order, action=action, actor=actor)
    record_event(
        target=order,
        type=f"workorder.{action}",
        actor=actor,
        from_status=before,
        to_status=order.status,
        note=reason[:200],
        data=data or {},
        also_on=[order.customer, order.unit],
    )
    return order


def _ensure_assignable(order: WorkOrder, technician: Technician) -> None:
    suggestion = dispatching.score(technician, order, load=0, today=timezone.localdate())
    if not suggestion.eligible:
        message = _("This technician cannot take the order: %(why)s") % {"why": "; ".join(suggestion.reasons[:2])}
        raise ApplicationError("workorder.technician_not_eligible", message, fields={"technician": [message]})
    if not technician.user.has_perm("workorders.work_workorder"):
        message = _("This user may not work on orders.")
        raise ApplicationError("workorder.technician_not_eligible", message, fields={"technician": [message]})


@transaction.atomic
def dispatch(
    *, actor: Any, order: WorkOrder, technician: Technician, version: int | None = None, note: str = "", auto: bool = False
) -> WorkOrder:
    order = _lock(order)
    action = "dispatch" if order.status == Status.PENDING_DISPATCH else "reassign"
    _check(order, actor, action, version, "")
    _ensure_assignable(order, technician)
    if action == "reassign" and order.assignee_id == technician.user_id:
        message = _("The order is already assigned to this technician.")
        raise ApplicationError("workorder.same_technician", message, fields={"technician": [message]})
    previous = order.assignee
    order.assignee = technician.user
    order.dispatched_at = timezone.now()
    data = {"technician": str(technician.user), "auto": auto}
    if previous is not None and action == "reassign":
        data["previous"] = str(previous)
    return _move(order, actor, action, reason=note, data=data)


def _simple(action: str) -> Any:
    @transaction.atomic
    def run(*, actor: Any, order: WorkOrder, version: int | None = None, reason: str = "") -> WorkOrder:
        order = _lock(order)
        _check(order, actor, action, version, reason)
        if action == "hold":
            order.hold_reason = reason[:200]
        if action == "resume":
            order.hold_reason = ""
        if action == "return":
            order.assignee = None
        return _move(order, actor, action, reason=reason)

    run.__name__ = action
    run.__doc__ = f"The ``{action}`` transition of the work-order table."
    return run


accept = _simple("accept")
start = _simple("start")
hold = _simple("hold")
resume = _simple("resume")
return_order = _simple("return")
verify = _simple("verify")
close = _simple("close")
resolve = _simple("resolve")
cancel = _simple("cancel")


@transaction.atomic
def reopen(*, actor: Any, order: WorkOrder, version: int | None = None, reason: str = "") -> WorkOrder:
    order = _lock(order)
    _check(order, actor, "reopen", version, reason)
    days = service_settings(order.project_id).reopen_days
    deadline = reopen_deadline(order, days)
    if deadline is None or timezone.now() > deadline:
        raise ApplicationError(
            "workorder.reopen_window_passed",
            _("This order can only be reopened within %(days)s days of completion.") % {"days": days},
        )
    order.assignee = None
    order.reopen_count += 1
    order.completed_at = None
    order.closed_at = None
    return _move(order, actor, "reopen", reason=reason)


@transaction.atomic
def complete(
    *,
    actor: Any,
    order: WorkOrder,
    work_done: str,
    lines: list[dict[str, Any]],
    owner_confirmed_name: str = "",
    owner_confirmed_at: Any = None,
    version: int | None = None,
) -> WorkOrder:
    """Finish the repair: what was done, labour and materials, and the owner's confirmation."""
    order = _lock(order)
    _check(order, actor, "complete", version, "")
    if not work_done.strip():
        message = _("Describe the work done.")
        raise ApplicationError("workorder.work_done_required", message, fields={"work_done": [message]})
    if order.type == OrderType.REPAIR and not owner_confirmed_name.strip():
        message = _("Record who confirmed the repair for the owner.")
        raise ApplicationError("workorder.confirmation_required", message, fields={"owner_confirmed_name": [message]})
    CostLine.objects.filter(work_order=order).delete()
    total = Decimal("0.00")
    rows = []
    for line in lines:
        amount = (Decimal(line["quantity"]) * Decimal(line["unit_price"])).quantize(Decimal("0.01"))
        total += amount
        rows.append(
            CostLine(
                work_order=order,
                kind=CostKind(line["kind"]),
                name=line["name"],
                quantity=line["quantity"],
                unit=line.get("unit", ""),
                unit_price=line["unit_price"],
                amount=amount,
            )
        )
    CostLine.objects.bulk_create(rows)
    order.work_done = work_done
    order.owner_confirmed_name = owner_confirmed_name
    order.owner_confirmed_at = owner_confirmed_at or (timezone.now() if owner_confirmed_name else None)
    order.charge_amount = total if order.is_paid else Decimal("0.00")
    order.hold_reason = ""
    return _move(
        order,
        actor,
        "complete",
        data={"cost_total": str(total), "charged": str(order.charge_amount), "owner_confirmed_name": owner_confirmed_name},
    )


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
