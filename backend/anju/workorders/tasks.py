"""Celery tasks: the nightly reconciliation of the technicians' open-load counters and of the per-project status
tally (beat; run_scheduler embedded)."""

from __future__ import annotations

from celery import shared_task

from anju.core.metrics import timed_job
from anju.workorders import tally
from anju.workorders.load import reconcile


@shared_task(name="anju.workorders.tasks.reconcile_technician_loads", ignore_result=True)
def reconcile_technician_loads() -> int:
    """Returns the number of counters that had drifted (each repaired and logged): the technicians' open loads, then
    the status tally's rows (kept by triggers: normally none)."""
    with timed_job("technician-load") as run:
        run.items = sum(1 for before, after in reconcile().values() if before != after) + len(tally.reconcile())
    return run.items
