"""Celery tasks (beat runs ``sweep_sla`` every minute in production; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.core.metrics import timed_job
from anju.sla.escalation import sweep


@shared_task(name="anju.sla.tasks.sweep_sla", ignore_result=True)
def sweep_sla() -> int:
    # Duration and steps fired go to the metrics; the heartbeat it leaves is what /api/v1/ready/ checks.
    with timed_job("sla-sweep") as run:
        run.items = sweep()
    return run.items
