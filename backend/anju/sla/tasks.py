"""Celery tasks (beat runs ``sweep_sla`` every minute in production; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.sla.escalation import sweep


@shared_task(name="anju.sla.tasks.sweep_sla", ignore_result=True)
def sweep_sla() -> int:
    return sweep()
