"""Working-time durations of completed orders, kept so that a report does not redo the calendar arithmetic for
every order it covers (issue 16 §2: a year of a million-order desk completes tens of thousands of orders, and
``business_minutes_between`` per order and per span was most of the technician-efficiency report's time).

- ``OrderWorkTime`` holds, per completed order, its response, arrival and resolution in working minutes, the five
  moments they were computed from and the stamp of the calendar (working hours, holiday table) used.
- Kept on the order's events: every save of an order that has been completed writes its row in the same
  transaction when the moments changed (``record``, a ``post_save`` receiver; nothing at all for an order not yet
  completed, so creating and dispatching cost nothing more).
- Nightly, ``rebuild`` recomputes the previous day's completed orders (the ``report-work-times`` job; idempotent),
  and ``manage.py rebuild_report_work_times --from … --to …`` recomputes a range: after bulk loads, after orders
  changed with a queryset ``update()`` (which sends no signal), or after the national calendar's rules changed.
- Exactness does not depend on any of that: a report uses a row only when its moments and calendar stamp equal the
  order's and the calendar's now, and computes the order live otherwise (``durations``). The percentiles (P90) are
  taken from these per-order values, exactly as before: they cannot be added up from daily sums.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from anju.reports.models import OrderWorkTime
from anju.sla.calendar import WorkingTime, business_minutes_between
from anju.sla.models import CalendarDay, CalendarYear, WorkingHours
from anju.sla.selectors import working_time
from anju.workorders.models import WorkOrder

MOMENTS = ("created_at", "dispatched_at", "accepted_at", "started_at", "completed_at")
# span: (from, to) — response and arrival from dispatch (the technician's part), resolution from creation
SPANS = {
    "respond": ("dispatched_at", "accepted_at"),
    "arrive": ("dispatched_at", "started_at"),
    "resolve": ("created_at", "completed_at"),
}
STORED = tuple(f"work_time__{name}" for name in (*MOMENTS, "calendar", *SPANS))


def calendar_stamp() -> str:
    """A fingerprint of what the working time depends on in the database: the working hours and weekend, the
    holiday table and which years are official (three small reads)."""
    digest = hashlib.sha256()
    hours = WorkingHours.objects.values_list(
        "morning_start", "morning_end", "afternoon_start", "afternoon_end", "weekend_days"
    ).first()
    digest.update(repr(hours).encode())
    digest.update(repr(list(CalendarDay.objects.order_by("date").values_list("date", "kind"))).encode())
    digest.update(repr(list(CalendarYear.objects.filter(official=True).order_by("year").values_list("year"))).encode())
    return digest.hexdigest()[:16]


def compute(moments: dict[str, Any], wt: WorkingTime) -> dict[str, int | None]:
    """The three durations in working minutes (None when a moment is missing)."""
    result: dict[str, int | None] = {}
    for name, (start, end) in SPANS.items():
        a, b = moments.get(start), moments.get(end)
        result[name] = business_minutes_between(a, b, wt) if a and b else None
    return result


def durations(row: dict[str, Any], wt: WorkingTime, stamp: str) -> tuple[dict[str, int | None], bool]:
    """The order's durations from its stored row when that row is current, else computed; and whether stored.

    ``row`` holds the order's moments and the ``work_time__…`` columns (``STORED``) of its row (None without one)."""
    if row.get("work_time__calendar") == stamp and all(row[f"work_time__{m}"] == row[m] for m in MOMENTS):
        return {name: row[f"work_time__{name}"] for name in SPANS}, True
    return compute(row, wt), False


def _row(order_id: int, moments: dict[str, Any], wt: WorkingTime, stamp: str) -> OrderWorkTime:
    return OrderWorkTime(work_order_id=order_id, **{m: moments[m] for m in MOMENTS}, calendar=stamp, **compute(moments, wt))


_UPDATED = [*MOMENTS, "calendar", *SPANS]


def record(order: WorkOrder) -> None:
    """Write the completed order's row when its moments changed (or it has none)."""
    if order.completed_at is None or order.created_at is None:
        return
    moments = {m: getattr(order, m) for m in MOMENTS}
    stored = OrderWorkTime.objects.filter(pk=order.pk).values(*MOMENTS).first()
    if stored == moments:
        return
    row = _row(order.pk, moments, working_time(), calendar_stamp())
    OrderWorkTime.objects.update_or_create(work_order_id=order.pk, defaults={f: getattr(row, f) for f in _UPDATED})


@receiver(post_save, sender=WorkOrder, dispatch_uid="anju.reports.worktimes.record")
def _on_order_saved(sender: Any, instance: WorkOrder, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    record(instance)


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def rebuild(first: datetime.date, last: datetime.date, *, batch: int = 2000) -> int:
    """Recompute the rows of the orders completed from ``first`` to ``last`` (local days, inclusive) with today's
    calendar; idempotent. Returns the number of orders written."""
    wt, stamp = working_time(), calendar_stamp()
    orders = WorkOrder.objects.filter(
        completed_at__gte=_midnight(first), completed_at__lt=_midnight(last + datetime.timedelta(days=1))
    ).order_by("pk")
    written = 0
    pending: list[OrderWorkTime] = []
    for values in orders.values("pk", *MOMENTS).iterator(chunk_size=batch):
        pending.append(_row(values["pk"], values, wt, stamp))
        if len(pending) >= batch:
            written += _write(pending)
            pending = []
    return written + _write(pending)


def _write(rows: Iterable[OrderWorkTime]) -> int:
    rows = list(rows)
    if rows:
        # MySQL/MariaDB's upsert (ON DUPLICATE KEY UPDATE) takes no conflict target: the primary key is the conflict
        target = ["work_order"] if connection.features.supports_update_conflicts_with_target else None
        OrderWorkTime.objects.bulk_create(rows, update_conflicts=True, unique_fields=target, update_fields=_UPDATED)
    return len(rows)


def rebuild_yesterday(today: datetime.date | None = None) -> int:
    day = (today or timezone.localdate()) - datetime.timedelta(days=1)
    return rebuild(day, day)
