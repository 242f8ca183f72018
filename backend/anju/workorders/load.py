"""Per-technician open-load counter (issue 18 §3): dispatch suggestions read ``TechnicianLoad`` rows, so they cost
the same at 1,000,000 orders as at 1,000.

- Kept by the workflow: every save of a work order that changes who holds it open (status into or out of
  dispatched … on hold, or another assignee) moves one unit between the two counters, in the same transaction
  (``receivers`` below: the previous holder is read just before the save).
- A missing counter row is created from the orders themselves (the truth), never from a delta.
- ``reconcile()`` (nightly: the ``technician-load`` job) recounts every holder, repairs any counter that drifted
  (orders changed with a queryset ``update()``, bulk loads, a bug) and reports the drift in the log and its result.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, F
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from anju.workorders.choices import OPEN_STATUSES
from anju.workorders.models import TechnicianLoad, WorkOrder

logger = logging.getLogger("anju.workorders.load")
_OPEN = {str(status) for status in OPEN_STATUSES}


def holder(assignee_id: int | None, status: str) -> int | None:
    """Whose open load an order counts in: its assignee while it is open."""
    return assignee_id if assignee_id is not None and str(status) in _OPEN else None


def true_count(user_id: int) -> int:
    return WorkOrder.objects.filter(assignee_id=user_id, status__in=OPEN_STATUSES).count()


def adjust(user_id: int | None, delta: int) -> None:
    if user_id is None or delta == 0:
        return
    if TechnicianLoad.objects.filter(user_id=user_id).update(open_orders=F("open_orders") + delta):
        return
    try:
        with transaction.atomic():
            TechnicianLoad.objects.create(user_id=user_id, open_orders=true_count(user_id))
    except IntegrityError:  # created concurrently: it counted from the orders too, this save included
        return


def open_loads(user_ids: list[int]) -> dict[int, int]:
    """Open orders per user from the counters: one indexed read of as many rows as there are candidates."""
    return dict(TechnicianLoad.objects.filter(user_id__in=user_ids).values_list("user_id", "open_orders"))


def reconcile() -> dict[int, tuple[int, int]]:
    """Recount every holder; repair the counters that drifted. Returns ``{user id: (counter, truth)}`` of the repairs."""
    truth = {
        row["assignee_id"]: row["n"]
        for row in WorkOrder.objects.filter(status__in=OPEN_STATUSES, assignee__isnull=False)
        .values("assignee_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    counters = dict(TechnicianLoad.objects.values_list("user_id", "open_orders"))
    repaired: dict[int, tuple[int, int]] = {}
    for user_id in sorted(set(truth) | set(counters)):
        if counters.get(user_id) == truth.get(user_id, 0):
            continue
        with transaction.atomic():
            # Lock the counter, then count: a workflow change in flight waits on the lock and adds its unit after.
            row = TechnicianLoad.objects.select_for_update().filter(user_id=user_id).first()
            actual = true_count(user_id)
            before = row.open_orders if row is not None else 0
            if row is None:
                TechnicianLoad.objects.create(user_id=user_id, open_orders=actual)
            elif row.open_orders != actual:
                TechnicianLoad.objects.filter(user_id=user_id).update(open_orders=actual)
            if before != actual or row is None:
                repaired[user_id] = (before, actual)
    drifted = {user: counts for user, counts in repaired.items() if counts[0] != counts[1]}
    if drifted:
        logger.warning("technician open-load counters drifted and were repaired: %s", drifted)
    return repaired


@receiver(pre_save, sender=WorkOrder, dispatch_uid="workorders.load.before")
def _before(sender: Any, instance: WorkOrder, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None or instance._state.adding:
        instance._load_holder = None  # type: ignore[attr-defined]
        return
    previous = WorkOrder.objects.filter(pk=instance.pk).values_list("assignee_id", "status").first()
    instance._load_holder = holder(*previous) if previous else None  # type: ignore[attr-defined]


@receiver(post_save, sender=WorkOrder, dispatch_uid="workorders.load.after")
def _after(sender: Any, instance: WorkOrder, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    before = getattr(instance, "_load_holder", None)
    after = holder(instance.assignee_id, instance.status)
    if before != after:
        adjust(before, -1)
        adjust(after, +1)
    instance._load_holder = after  # type: ignore[attr-defined]


@receiver(post_delete, sender=WorkOrder, dispatch_uid="workorders.load.deleted")
def _deleted(sender: Any, instance: WorkOrder, **kwargs: Any) -> None:
    adjust(holder(instance.assignee_id, instance.status), -1)


receivers_connected = True
