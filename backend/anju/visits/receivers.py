"""Schedule return visits from what happens to work orders (inside the work-order transaction)."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from anju.visits import services
from anju.workorders.signals import order_transitioned


@receiver(order_transitioned, dispatch_uid="visits.on_transition")
def _transitioned(sender: Any, order: Any, action: str, **kwargs: Any) -> None:
    services.on_transition(order, action)
