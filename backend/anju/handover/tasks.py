"""Celery tasks (beat runs them hourly; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="anju.handover.tasks.daily_repair_report", ignore_result=True)
def daily_repair_report() -> int:
    """入伙维修日报, sent once a day in the evening (the dedupe key); beat runs it hourly so a missed hour is caught up."""
    from django.utils import timezone

    from anju.handover.reports import send_daily_reports

    if timezone.localtime().hour < 18:
        return 0
    return send_daily_reports()
