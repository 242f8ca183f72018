"""Connect the SLA clocks to what happens to work orders (signals sent inside the work-order transaction)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.sla import services
from anju.workorders.signals import order_created, order_followed_up, order_planned, order_transitioned


@receiver(order_planned, dispatch_uid="sla.plan_clocks")
def _planned(sender: Any, order: Any, **kwargs: Any) -> None:
    order.planned["sla"] = services.plan_clocks(order)


@receiver(order_created, dispatch_uid="sla.start_clocks")
def _created(sender: Any, order: Any, **kwargs: Any) -> None:
    planned = getattr(order, "planned", None) or {}
    services.start_clocks(order, plan=planned.get("sla"))


@receiver(order_transitioned, dispatch_uid="sla.on_transition")
def _transitioned(sender: Any, order: Any, action: str, **kwargs: Any) -> None:
    services.on_transition(order, action)


@receiver(order_followed_up, dispatch_uid="sla.on_follow_up")
def _followed_up(sender: Any, order: Any, **kwargs: Any) -> None:
    services.on_follow_up(order)
