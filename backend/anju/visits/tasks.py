"""Celery tasks (beat runs ``generate_care_visits`` every hour; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.visits.care import generate


@shared_task(name="anju.visits.tasks.generate_care_visits", ignore_result=True)
def generate_care_visits() -> int:
    return generate()
