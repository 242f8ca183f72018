"""Celery tasks: the e-mail outbox job (beat runs it; ``manage.py run_scheduler`` in the embedded mode)."""

from __future__ import annotations

from celery import shared_task

from anju.core.metrics import timed_job
from anju.notifications.services import deliver_email, deliver_outbound_email


@shared_task(name="anju.notifications.tasks.deliver_email_outbox", ignore_result=True)
def deliver_email_outbox() -> int:
    """Send every e-mail still due: ones whose sender failed or died after claiming them (notifications' e-mails and
    e-mails to customers)."""
    with timed_job("email-outbox") as run:
        run.items = deliver_email() + deliver_outbound_email()
    return run.items
