"""Connect the SLA clocks to what happens to work orders (signals sent inside the work-order transaction)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from anju.sla import services
from anju.sla.models import CalendarDay, CalendarYear, WorkingHours
from anju.sla.selectors import forget_working_time
from anju.workorders.signals import order_created, order_followed_up, order_numbered, order_planned, order_transitioned


@receiver(order_planned, dispatch_uid="sla.plan_clocks")
def _planned(sender: Any, order: Any, **kwargs: Any) -> None:
    order.planned["sla"] = services.plan_clocks(order)


@receiver(order_numbered, dispatch_uid="sla.restart_clocks")
def _numbered(sender: Any, order: Any, **kwargs: Any) -> None:
    planned = getattr(order, "planned", None) or {}
    if planned.get("sla") is not None:
        planned["sla"].start_at(order, order.created_at)  # computation only: the write lock is held


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


@receiver(post_save, sender=WorkingHours, dispatch_uid="sla.calendar_saved.hours")
@receiver(post_save, sender=CalendarDay, dispatch_uid="sla.calendar_saved.day")
@receiver(post_save, sender=CalendarYear, dispatch_uid="sla.calendar_saved.year")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="sla.calendar_deleted.day")
@receiver(post_delete, sender=CalendarYear, dispatch_uid="sla.calendar_deleted.year")
def _calendar_changed(sender: Any, **kwargs: Any) -> None:
    """The process's copy of the calendar is stale: drop it now, and again once the change commits (a read in
    between, inside the same transaction, would have kept the uncommitted state)."""
    forget_working_time()
    transaction.on_commit(forget_working_time)
