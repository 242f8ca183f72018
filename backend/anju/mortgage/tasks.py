"""Celery tasks (beat runs ``sweep_mortgage`` daily in production; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.mortgage.services.sweep import sweep


@shared_task(name="anju.mortgage.tasks.sweep_mortgage", ignore_result=True)
def sweep_mortgage() -> int:
    return sweep()
