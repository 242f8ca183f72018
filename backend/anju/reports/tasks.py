"""Celery tasks of the report centre (beat; ``manage.py run_scheduler`` in the embedded mode): the nightly rebuild of
the previous day's working-time rows, and the subscriptions and 工作总结 due at 08:00 (Asia/Shanghai), each sent
once — a run before 08:00 finds nothing new, a missed hour is caught up by the next run."""

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
