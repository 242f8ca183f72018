"""Automatic surveys react to the other apps' typed signals, in their transactions: a repair order closed
(``order_transitioned`` with ``WorkOrderAction.CLOSE``) and a unit handed over (``unit_delivered``) make the
invitations they are due; the sweep sends them later (``automatic.send_due_invitations``)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.properties.signals import unit_delivered
from anju.surveys import automatic
from anju.workorders.choices import OrderType
from anju.workorders.signals import order_transitioned
from anju.workorders.workflow import WorkOrderAction


@receiver(order_transitioned, dispatch_uid="surveys.order_closed")
def _transitioned(sender: Any, order: Any, action: str, actor: Any = None, **kwargs: Any) -> None:
    if action == WorkOrderAction.CLOSE and order.type == OrderType.REPAIR:
        automatic.order_closed(order)


@receiver(unit_delivered, dispatch_uid="surveys.handed_over")
def _delivered(sender: Any, unit: Any, delivered_on: Any, actor: Any = None, **kwargs: Any) -> None:
    automatic.unit_handed_over(unit, delivered_on)
