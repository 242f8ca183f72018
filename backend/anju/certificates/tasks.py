"""Celery tasks (beat runs ``sweep_certificates`` hourly in production; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.certificates.services.sweep import sweep


@shared_task(name="anju.certificates.tasks.sweep_certificates", ignore_result=True)
def sweep_certificates() -> int:
    return sweep()
