"""The sales clocks the scheduler keeps (``tasks.sweep_sales``, hourly; ``manage.py run_scheduler`` when embedded):

- a subscription past its signing deadline expires (the unit goes back on sale); its consultant is warned
  ``expiry_warning_days`` before;
- the filing deadline (``filing_due_on``): consultant warned ``filing_warning_days`` before, consultant and the
  project's 客服主管 on the due day, and every day it stays overdue the supervisor's list shows it;
- a receivable past its due date and not fully paid: its consultant is reminded once per receivable and week.

Every notice carries a dedupe key, so running the sweep twice tells nobody twice.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.notifications.services import notify
from anju.properties.scope import active_users_in_role, can_see_project
from anju.sales import selectors
from anju.sales.choices import OPEN_SUBSCRIPTION, ContractStatus
from anju.sales.models import Contract, Subscription
from anju.sales.services.deals import expire_subscription


def _consultant(deal: Any) -> list[Any]:
    """The deal's consultant while they still work in its project; otherwise the project's 置业顾问 (a deal does not
    follow somebody who left the project)."""
    if deal.consultant.is_active and can_see_project(deal.consultant, deal.project_id):
        return [deal.consultant]
    return active_users_in_role("sales_consultant", deal.project_id)


def _subscriptions(today: datetime.date) -> int:
    done = 0
    for subscription in Subscription.objects.filter(status__in=OPEN_SUBSCRIPTION).select_related("consultant"):
        days_left = (subscription.sign_by - today).days
        if days_left < 0:
            try:
                with transaction.atomic():
                    expire_subscription(actor=None, subscription=subscription)
            except ApplicationError:
                continue  # changed meanwhile
            notify(
                _consultant(subscription),
                kind="subscription.expired",
                title=_("Subscription %(number)s expired; the unit is back on sale") % {"number": subscription.number},
                link=f"/sales/subscriptions/{subscription.pk}",
                dedupe_key=f"subscription-expired:{subscription.pk}",
            )
            done += 1
        elif days_left <= selectors.sales_settings(subscription.project_id).expiry_warning_days:
            done += len(
                notify(
                    _consultant(subscription),
                    kind="subscription.expiring",
                    title=_("Subscription %(number)s must be signed by %(date)s")
                    % {"number": subscription.number, "date": subscription.sign_by.isoformat()},
                    link=f"/sales/subscriptions/{subscription.pk}",
                    dedupe_key=f"subscription-expiring:{subscription.pk}",
                )
            )
    return done


def _filings(today: datetime.date) -> int:
    done = 0
    for contract in Contract.objects.filter(status=ContractStatus.SIGNED).select_related("consultant"):
        days_left = (contract.filing_due_on - today).days
        link = f"/sales/contracts/{contract.pk}"
        if days_left <= selectors.sales_settings(contract.project_id).filing_warning_days and days_left > 0:
            done += len(
                notify(
                    _consultant(contract),
                    kind="contract.filing_due_soon",
                    title=_("Contract %(number)s must be filed by %(date)s")
                    % {"number": contract.number, "date": contract.filing_due_on.isoformat()},
                    link=link,
                    dedupe_key=f"filing-soon:{contract.pk}",
                )
            )
        elif days_left <= 0:
            done += len(
                notify(
                    [*_consultant(contract), *active_users_in_role("service_supervisor", contract.project_id)],
                    kind="contract.filing_due",
                    title=(
                        _("Contract %(number)s must be filed today")
                        if days_left == 0
                        else _("Contract %(number)s is overdue for filing (due %(date)s)")
                    )
                    % {"number": contract.number, "date": contract.filing_due_on.isoformat()},
                    link=link,
                    dedupe_key=f"filing-due:{contract.pk}",
                )
            )
    return done


def _receivables(today: datetime.date) -> int:
    done = 0
    week = today.isocalendar()
    for receivable in selectors.overdue_receivables_everywhere(today).select_related("contract__consultant"):
        done += len(
            notify(
                _consultant(receivable.contract),
                kind="receivable.overdue",
                title=_("Contract %(number)s: %(amount)s due on %(date)s is unpaid")
                % {
                    "number": receivable.contract.number,
                    "amount": f"¥{receivable.amount - receivable.allocated:,.2f}",  # type: ignore[attr-defined]
                    "date": receivable.due_on.isoformat() if receivable.due_on else "",
                },
                link=f"/sales/contracts/{receivable.contract_id}",
                dedupe_key=f"receivable-overdue:{receivable.pk}:{week[0]}-{week[1]}",
            )
        )
    return done


def sweep(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return _subscriptions(today) + _filings(today) + _receivables(today)
