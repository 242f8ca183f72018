"""Celery tasks (beat runs them hourly; ``manage.py run_scheduler`` in the embedded mode): each sends what is due
at 08:00 (Asia/Shanghai) once — a run before 08:00 finds nothing new, a missed hour is caught up by the next run."""

from __future__ import annotations

from celery import shared_task

from anju.core.metrics import timed_job


@shared_task(name="anju.reports.tasks.send_report_subscriptions", ignore_result=True)
def send_report_subscriptions() -> int:
    """The report subscriptions' due periods: the Excel file by e-mail and an inbox entry, once per period."""
    from anju.reports.services import send_due_subscriptions

    with timed_job("report-subscriptions") as run:
        run.items = send_due_subscriptions()
    return run.items


@shared_task(name="anju.reports.tasks.send_work_summaries", ignore_result=True)
def send_work_summaries() -> int:
    """工作总结: last week's on Mondays and last month's on the 1st, to each project's supervisors."""
    from anju.reports.services import send_work_summaries as send

    with timed_job("work-summaries") as run:
        run.items = send()
    return run.items
