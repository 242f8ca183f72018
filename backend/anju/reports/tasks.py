"""Celery task: the nightly rebuild of the previous day's working-time rows (beat; run_scheduler embedded)."""

from __future__ import annotations

from celery import shared_task

from anju.core.metrics import timed_job
from anju.reports.worktimes import rebuild_yesterday


@shared_task(name="anju.reports.tasks.rebuild_work_times", ignore_result=True)
def rebuild_work_times() -> int:
    """Returns the number of orders whose row was recomputed."""
    with timed_job("report-work-times") as run:
        run.items = rebuild_yesterday()
    return run.items
