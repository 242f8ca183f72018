"""拨打: the assigned technician calls the owner about an open job — the one write path that hands out a number."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from anju.core import pii
from anju.core.access_log import log_access
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.core.models import AccessAction
from anju.workorders import calling
from anju.workorders.choices import OPEN_STATUSES, CallMode
from anju.workorders.errors import ErrorCode
from anju.workorders.events import WorkOrderEvent
from anju.workorders.models import WorkOrder
from anju.workorders.selectors import service_settings

PURPOSE = "上门联系"


@dataclass(frozen=True)
class Call:
    mode: str
    dial: str  # what to put after tel:
    expires_at: Any = None  # a privacy number's end; None for the owner's own number


def _number(order: WorkOrder) -> str:
    """The number the caller left on the order, else the customer's first mobile."""
    if order.contact_phone:
        return pii.decrypt(order.contact_phone)
    if order.customer_id:
        from anju.customers.services.customers import decrypt_mobiles

        mobiles = decrypt_mobiles(order.customer)  # type: ignore[arg-type]
        return mobiles[0] if mobiles else ""
    return ""


@transaction.atomic
def start_call(*, actor: Any, order: WorkOrder, ip_address: str | None = None) -> Call:
    """For the order's assignee while it is open: the owner's number (revealed, logged) or a privacy number."""
    order = WorkOrder.objects.select_for_update().get(pk=order.pk)
    if order.assignee_id != actor.pk:
        raise ApplicationError(
            ErrorCode.WORKORDER_NOT_ASSIGNEE, _("Only the assigned technician can call from this order."), status_code=403
        )
    if order.status not in OPEN_STATUSES:
        raise ApplicationError(
            ErrorCode.WORKORDER_NOT_OPEN, _("The order is not open: there is nobody to call about it."), status_code=409
        )
    number = _number(order)
    if not number:
        raise ApplicationError(ErrorCode.WORKORDER_NO_PHONE, _("The order has no contact number."), status_code=409)
    mode = service_settings(order.project_id).call_mode
    if mode == CallMode.PRIVACY_NUMBER:
        binding = calling.provider().bind(callee=number, reference=order.number, minutes=calling.BINDING_MINUTES)
        call = Call(mode=mode, dial=binding.number, expires_at=binding.expires_at)
    else:
        call = Call(mode=CallMode.DIRECT, dial=number)
    log_access(
        actor=actor,
        action=AccessAction.REVEAL,
        model=order,
        object_id=order.pk,
        fields=["contact_phone"],
        purpose=PURPOSE if mode == CallMode.DIRECT else f"{PURPOSE}（隐私号）",
        ip_address=ip_address,
    )
    record_event(target=order, type=WorkOrderEvent.CALLED, actor=actor, data={"mode": mode})
    return call
