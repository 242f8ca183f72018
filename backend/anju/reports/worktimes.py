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
- A report reads them aggregated in SQL (``span_figures``): per group, how many orders had each span, its sum (the
  average is ``round(sum / count, 1)``, the very division of the per-order mean) and, on PostgreSQL, its P90 as
  ``percentile_disc(0.9)`` — the nearest rank, ``ceil(0.9 * n)``, the same float arithmetic as ``p90`` below. Where
  the database has no ordered-set aggregate (SQLite, MariaDB), or some order of the period has no current row, the stored
  minutes are read as integers (one column per span, no moments) and the missing ones computed, and the figures are
  taken from those per-order values as before.
"""

from __future__ import annotations

import datetime
import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, F, IntegerField, Q, QuerySet, Sum
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from anju.core.filters import local_midnight
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


# --- reading them: aggregated in SQL ------------------------------------------------------------------------------------


def p90(values: list[int]) -> int | None:
    """The 90th percentile by the nearest-rank method (the value 90 % of the orders were at or below)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


class P90(Aggregate):
    """PostgreSQL's ``percentile_disc(0.9)``: the first value whose cumulative share reaches 0.9, i.e. the value at
    rank ``ceil(0.9 * n)`` of the sorted non-null values — ``p90`` above (both compute ``0.9 * n`` in double)."""

    function = "PERCENTILE_DISC"
    name = "P90"
    template = "%(function)s(0.9) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = IntegerField()


def percentile_in_sql() -> bool:
    return connection.vendor == "postgresql"


def current(stamp: str) -> Q:
    """The orders (a ``WorkOrder`` queryset's rows) whose stored row is current: the same calendar stamp and the same
    five moments (a missing moment matches a missing one) — the SQL form of the test in ``durations``."""
    condition = Q(work_time__calendar=stamp, work_time__created_at=F("created_at"))
    for moment in ("dispatched_at", "accepted_at", "started_at", "completed_at"):
        condition &= Q(**{f"work_time__{moment}": F(moment)}) | Q(
            **{f"work_time__{moment}__isnull": True, f"{moment}__isnull": True}
        )
    return condition


@dataclass
class Span:
    """One span's figures for a group of orders: how many had it, their working minutes added up, and the P90."""

    count: int = 0
    total: int = 0
    p90: int | None = None

    @property
    def avg(self) -> float | None:
        return round(self.total / self.count, 1) if self.count else None


@dataclass
class Figures:
    """A group's figures: ``counts`` as asked (``span_figures``'s ``counts``) and a ``Span`` per span."""

    counts: dict[str, Any]
    spans: dict[str, Span]


def _from_lists(lists: dict[str, list[int]]) -> dict[str, Span]:
    return {name: Span(len(v), sum(v), p90(v)) for name, v in lists.items()}


def span_figures(
    orders: QuerySet[WorkOrder], group: str, counts: Mapping[str, Aggregate], wt: WorkingTime, stamp: str
) -> tuple[dict[Any, Figures], Figures]:
    """Per value of the ``group`` field (in that field's order) and over all ``orders``: the ``counts`` aggregates
    and the three spans' figures, from the stored rows where they are current and computed for the other orders —
    the same figures as computing every order (``durations``), in one or two grouped queries when all rows are
    current."""
    fresh = current(stamp)
    aggregates: dict[str, Aggregate] = {**counts, "_orders": Count("id"), "_stored": Count("work_time", filter=fresh)}
    in_sql = percentile_in_sql()
    for name in SPANS:
        column = f"work_time__{name}"
        aggregates[f"_{name}_count"] = Count(column, filter=fresh)
        aggregates[f"_{name}_total"] = Sum(column, filter=fresh)
        if in_sql:
            aggregates[f"_{name}_p90"] = P90(column, filter=fresh)
    grouped = list(orders.values(_group=F(group)).annotate(**aggregates).order_by("_group"))
    everything = orders.aggregate(**aggregates)

    def split(row: dict[str, Any]) -> Figures:
        spans = {name: Span(row[f"_{name}_count"], row[f"_{name}_total"] or 0, row.get(f"_{name}_p90")) for name in SPANS}
        return Figures({key: row[key] for key in counts}, spans)

    per = {row["_group"]: split(row) for row in grouped}
    totals = split(everything)
    if in_sql and everything["_stored"] == everything["_orders"]:
        return per, totals
    # Per-order values: the stored minutes of the current rows, and the others computed from their moments.
    lists: dict[Any, dict[str, list[int]]] = {key: {name: [] for name in SPANS} for key in per}
    every: dict[str, list[int]] = {name: [] for name in SPANS}
    spans = [f"work_time__{name}" for name in SPANS]
    for key, *minutes in orders.filter(fresh).values_list(group, *spans).order_by():
        for name, value in zip(SPANS, minutes, strict=True):
            if value is not None:
                lists[key][name].append(value)
                every[name].append(value)
    if everything["_stored"] != everything["_orders"]:
        stale = orders.exclude(pk__in=orders.filter(fresh).values("pk")).order_by()
        for row in stale.values(group, *MOMENTS):
            for name, value in compute(row, wt).items():
                if value is not None:
                    lists[row[group]][name].append(value)
                    every[name].append(value)
    for key, figures in per.items():
        figures.spans = _from_lists(lists[key])
    totals.spans = _from_lists(every)
    return per, totals


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


def rebuild(first: datetime.date, last: datetime.date, *, batch: int = 2000) -> int:
    """Recompute the rows of the orders completed from ``first`` to ``last`` (local days, inclusive) with today's
    calendar; idempotent. Returns the number of orders written."""
    wt, stamp = working_time(), calendar_stamp()
    orders = WorkOrder.objects.filter(
        completed_at__gte=local_midnight(first), completed_at__lt=local_midnight(last + datetime.timedelta(days=1))
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
