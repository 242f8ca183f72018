"""The daily certificate-clock alerts (Celery beat ``anju.certificates.tasks.sweep_certificates``; ``run_scheduler``
embedded).

For every open clock of every case (rules.py): a warning when the deadline is at most the project's ``alert_days``
away (default 7), and an alert on the day it is missed (the day after the last day). Each goes to the case's handler
and the project's 客服主管, once per case, clock and kind: the ``ClockAlert`` row is the flag (unique), written in the
same transaction as the notification, so a second run — or two at once — tells nobody twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.certificates import selectors
from anju.certificates.choices import AlertKind, Clock
from anju.certificates.events import CertificateEvent
from anju.certificates.models import CertificateCase, ClockAlert
from anju.core.events import record_event
from anju.notifications.services import notify
from anju.properties.scope import active_users_in_role


def _recipients(case: CertificateCase) -> list[Any]:
    return [case.handler, *active_users_in_role("service_supervisor", case.project_id)]


def _message(case: CertificateCase, clock: str, kind: str, due: datetime.date) -> tuple[str, str]:
    names = {"number": case.number, "unit": str(case.unit), "clock": str(Clock(clock).label)}
    if kind == AlertKind.WARNING:
        title = _("Certificate %(number)s (%(unit)s): %(clock)s due soon") % names
    else:
        title = _("Certificate %(number)s (%(unit)s): %(clock)s missed") % names
    return title, _("The deadline is %(due)s.") % {"due": due.isoformat()}


def due_alerts(today: datetime.date) -> list[tuple[CertificateCase, str, str, datetime.date]]:
    """``(case, clock, kind, due_on)`` to send today (not yet sent)."""
    limits: dict[int, int] = {}
    horizon = today + datetime.timedelta(days=366)
    cases = selectors.clocks_due_by(CertificateCase.objects.all(), horizon).select_related("unit__building", "handler")
    sent = set(ClockAlert.objects.filter(case__in=cases).values_list("case_id", "clock", "kind"))
    found = []
    for case in cases.order_by("id"):
        if case.project_id not in limits:
            limits[case.project_id] = selectors.milestone_of(case.project_id).alert_days
        for clock, due in selectors.open_clocks(case):
            kind = (
                AlertKind.MISSED if today > due else AlertKind.WARNING if (due - today).days <= limits[case.project_id] else None
            )
            if kind is not None and (case.pk, clock, kind) not in sent:
                found.append((case, clock, str(kind), due))
    return found


def sweep(today: datetime.date | None = None) -> int:
    """Send today's alerts; returns how many were sent."""
    today = today or timezone.localdate()
    count = 0
    for case, clock, kind, due in due_alerts(today):
        try:
            with transaction.atomic():
                ClockAlert.objects.create(case=case, clock=clock, kind=kind, due_on=due)
                title, body = _message(case, clock, kind, due)
                notify(
                    _recipients(case),
                    kind=f"certificates.{clock}.{kind}",
                    title=title,
                    body=body,
                    link=f"/certificates/{case.pk}",
                    dedupe_key=f"certificate_case:{case.pk}:{clock}:{kind}",
                )
                record_event(
                    target=case,
                    type=CertificateEvent.CLOCK_ALERTED,
                    data={"clock": clock, "kind": kind, "due_on": due.isoformat()},
                    also_on=[case.unit],
                )
        except IntegrityError:  # another sweep sent it first
            continue
        count += 1
    return count
