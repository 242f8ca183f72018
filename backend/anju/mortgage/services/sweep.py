"""The daily mortgage warnings (Celery beat ``anju.mortgage.tasks.sweep_mortgage``; ``run_scheduler`` embedded).

- Documents overdue: a case still collecting (or supplementing) documents after its documents deadline.
- Approval too long: a case under bank approval for more than the project's ``mortgage_approval_warning_days``.

Each warning goes to the case's 按揭专员 (or, while it has none, to the project's 按揭专员) and the contract's 置业顾问,
at most once per case, kind and day (``dedupe_key``; ``stage_warned_on`` remembers the day), so running the sweep
again the same day tells nobody twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.events import record_event
from anju.mortgage import selectors
from anju.mortgage.choices import COLLECTING_STAGES, Stage
from anju.mortgage.events import MortgageEvent
from anju.mortgage.models import MortgageCase
from anju.notifications.services import notify
from anju.properties.scope import active_users_in_role
from anju.sales.selectors import sales_settings

DOCUMENTS_OVERDUE = "documents_overdue"
APPROVAL_SLOW = "approval_slow"


def _recipients(case: MortgageCase) -> list[Any]:
    officers = [case.officer] if case.officer_id else active_users_in_role("mortgage_officer", case.project_id)
    return [*officers, case.contract.consultant]


def _message(case: MortgageCase, kind: str, today: datetime.date) -> tuple[str, str]:
    names = {"number": case.number, "contract": case.contract.number}
    if kind == DOCUMENTS_OVERDUE:
        title = _("Mortgage %(number)s (%(contract)s): loan documents overdue") % names
        body = _("The documents were due on %(due)s.") % {"due": case.documents_due_on}
    else:
        title = _("Mortgage %(number)s (%(contract)s): under bank approval for a long time") % names
        body = _("Under approval for %(days)s days.") % {"days": selectors.days_in_stage(case, today)}
    return title, body


def _due_for_warning(today: datetime.date) -> list[tuple[MortgageCase, str]]:
    base = MortgageCase.objects.exclude(stage_warned_on=today).select_related("contract__consultant", "officer").order_by("id")
    found = [(case, DOCUMENTS_OVERDUE) for case in base.filter(stage__in=COLLECTING_STAGES, documents_due_on__lt=today)]
    limits: dict[int, int] = {}
    for case in base.filter(stage=Stage.UNDER_APPROVAL):
        if case.project_id not in limits:
            limits[case.project_id] = sales_settings(case.project_id).mortgage_approval_warning_days
        if selectors.days_in_stage(case, today) > limits[case.project_id]:
            found.append((case, APPROVAL_SLOW))
    return found


def sweep(today: datetime.date | None = None) -> int:
    """Send today's warnings; returns the number of cases warned."""
    today = today or timezone.localdate()
    warned = 0
    for case, kind in _due_for_warning(today):
        with transaction.atomic():
            updated = MortgageCase.objects.filter(pk=case.pk).exclude(stage_warned_on=today).update(stage_warned_on=today)
            if not updated:  # another sweep got there first
                continue
            title, body = _message(case, kind, today)
            sent = notify(
                _recipients(case),
                kind=f"mortgage.{kind}",
                title=title,
                body=body,
                link=f"/mortgage-cases/{case.pk}",
                dedupe_key=f"mortgage_case:{case.pk}:{kind}:{today.isoformat()}",
            )
            record_event(
                target=case,
                type=MortgageEvent.CASE_WARNED,
                data={"kind": kind, "notified": len(sent)},
                also_on=[case.contract],
            )
        warned += 1
    return warned
