"""A complaint work order opens a complaint case in the same transaction."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.complaints import services
from anju.workorders.choices import OrderType
from anju.workorders.signals import order_created


@receiver(order_created, dispatch_uid="complaints.open_case")
def _created(sender: Any, order: Any, actor: Any = None, **kwargs: Any) -> None:
    if order.type == OrderType.COMPLAINT:
        complaint = services.open_case(order, actor)
        services.detect_group_complaint(complaint)
