"""Celery tasks (beat runs both every hour; ``manage.py run_scheduler`` in embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.sales.services.sweep import sweep


@shared_task(name="anju.sales.tasks.sweep_sales", ignore_result=True)
def sweep_sales() -> int:
    return sweep()


@shared_task(name="anju.sales.tasks.daily_sales_report", ignore_result=True)
def daily_sales_report() -> int:
    """Sent once a day (the dedupe key); beat runs it hourly so a missed morning is caught up."""
    from django.utils import timezone

    from anju.sales.reports import send_daily_reports

    if timezone.localtime().hour < 7:
        return 0
    return send_daily_reports()
