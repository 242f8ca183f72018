"""A complaint work order opens a complaint case in the same transaction; reopening the order reopens its case."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.complaints import services
from anju.workorders.choices import OrderType
from anju.workorders.signals import order_created, order_transitioned
from anju.workorders.workflow import WorkOrderAction


@receiver(order_created, dispatch_uid="complaints.open_case")
def _created(sender: Any, order: Any, actor: Any = None, **kwargs: Any) -> None:
    if order.type == OrderType.COMPLAINT:
        complaint = services.open_case(order, actor)
        services.detect_group_complaint(complaint)


@receiver(order_transitioned, dispatch_uid="complaints.follow_reopen")
def _transitioned(sender: Any, order: Any, action: str, actor: Any = None, **kwargs: Any) -> None:
    if order.type == OrderType.COMPLAINT and action == WorkOrderAction.REOPEN:
        services.follow_reopened_order(order=order, actor=actor)
