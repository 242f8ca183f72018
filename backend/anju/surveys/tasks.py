"""Celery task of the surveys (beat; ``manage.py run_scheduler`` in the embedded mode): the automatic invitations
whose time has come, each sent once (``automatic.send_due_invitations``)."""

from __future__ import annotations

from celery import shared_task

from anju.core.metrics import timed_job


@shared_task(name="anju.surveys.tasks.send_survey_invitations", ignore_result=True)
def send_survey_invitations() -> int:
    """Returns the number of invitations sent."""
    from anju.surveys.automatic import send_due_invitations

    with timed_job("survey-invitations") as run:
        run.items = send_due_invitations()
    return run.items
