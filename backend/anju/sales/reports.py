"""销售日报 / 周报 / 月报: what a project's sales team did in a period, per consultant, with a daily series for charts.

Counted in the period (local dates): consultations handled and viewing appointments held (the customers app),
new subscriptions (count, area, amount), contracts signed (count, gross area, amount), cancellations (subscriptions
cancelled and contracts cancelled), money received (posted receipts, the loan excluded) and loans disbursed. At the
period's end (today for the period still running): contracts overdue for filing and receivables overdue (count and
outstanding amount), counted as the 催收 list counts them. Every figure is
a database aggregate over the reader's scoped rows, never a loop over records.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from anju.customers.choices import AppointmentStatus
from anju.customers.models import Appointment, Consultation
from anju.properties.scope import restrict
from anju.sales import selectors
from anju.sales.choices import ContractStatus, EntryKind, EntryStatus, MoneyMethod, SubscriptionStatus
from anju.sales.models import Contract, LedgerEntry, Subscription

ZERO = Decimal("0.00")
PERIODS = ("day", "week", "month")


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @classmethod
    def around(cls, kind: str, day: datetime.date) -> Period:
        if kind == "week":
            start = day - datetime.timedelta(days=day.weekday())
            return cls(kind, start, start + datetime.timedelta(days=6))
        if kind == "month":
            start = day.replace(day=1)
            following = (start + datetime.timedelta(days=32)).replace(day=1)
            return cls(kind, start, following - datetime.timedelta(days=1))
        return cls("day", day, day)

    def days(self) -> list[datetime.date]:
        return [self.start + datetime.timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        first = timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))
        return first, first + datetime.timedelta(days=(self.end - self.start).days + 1)


def _scoped(actor: Any, project: int | None, consultant: int | None) -> dict[str, QuerySet[Any]]:
    """The reader's rows (``actor=None``: every project, for the scheduler's daily report to each project's team)."""

    def limit(queryset: QuerySet[Any], lookup: str = "project_id") -> QuerySet[Any]:
        return (queryset if actor is None else restrict(queryset, actor, lookup=lookup)).order_by()

    subscriptions = limit(Subscription.objects.all())
    contracts = limit(Contract.objects.all())
    entries = limit(LedgerEntry.objects.all(), "contract__project_id")
    consultations = limit(Consultation.objects.all())
    appointments = limit(Appointment.objects.all())
    if project is not None:
        subscriptions, contracts = subscriptions.filter(project_id=project), contracts.filter(project_id=project)
        entries = entries.filter(contract__project_id=project)
        consultations, appointments = consultations.filter(project_id=project), appointments.filter(project_id=project)
    if consultant is not None:
        subscriptions, contracts = subscriptions.filter(consultant_id=consultant), contracts.filter(consultant_id=consultant)
        entries = entries.filter(contract__consultant_id=consultant)
        consultations = consultations.filter(handler_id=consultant)
        appointments = appointments.filter(consultant_id=consultant)
    return {
        "subscriptions": subscriptions,
        "contracts": contracts,
        "entries": entries,
        "consultations": consultations,
        "appointments": appointments,
    }


def _figures(rows: dict[str, QuerySet[Any]], period: Period) -> dict[str, Any]:
    first, after = period.moments()
    subs = (
        rows["subscriptions"]
        .filter(subscribed_on__range=(period.start, period.end))
        .aggregate(count=Count("id"), area=Coalesce(Sum("area"), ZERO), amount=Coalesce(Sum("total_price"), ZERO))
    )
    signed = (
        rows["contracts"]
        .filter(signed_on__range=(period.start, period.end))
        .aggregate(count=Count("id"), area=Coalesce(Sum("gross_area"), ZERO), amount=Coalesce(Sum("total_price"), ZERO))
    )
    cancelled_subs = (
        rows["subscriptions"].filter(status=SubscriptionStatus.CANCELLED, updated_at__gte=first, updated_at__lt=after).count()
    )
    cancelled_contracts = rows["contracts"].filter(cancelled_on__range=(period.start, period.end)).count()
    money = (
        rows["entries"]
        .filter(status=EntryStatus.POSTED, occurred_on__range=(period.start, period.end))
        .aggregate(
            received=Coalesce(Sum("amount", filter=Q(kind=EntryKind.RECEIPT) & ~Q(method=MoneyMethod.LOAN)), ZERO),
            loans=Coalesce(Sum("amount", filter=Q(method=MoneyMethod.LOAN)), ZERO),
            refunded=Coalesce(Sum("amount", filter=Q(kind=EntryKind.REFUND)), ZERO),
        )
    )
    # as of the period's end, or today for the period still running (what is due later is not overdue yet)
    as_of = min(period.end, timezone.localdate())
    overdue_filings = rows["contracts"].filter(status=ContractStatus.SIGNED, filing_due_on__lt=as_of).count()
    contract_ids = rows["contracts"].values("pk")
    overdue = (
        selectors.overdue_receivables_everywhere(as_of)
        .filter(contract_id__in=contract_ids)
        .aggregate(count=Count("id"), amount=Coalesce(Sum(F("amount") - F("allocated")), ZERO))
    )
    return {
        "consultations": rows["consultations"].filter(occurred_at__gte=first, occurred_at__lt=after).count(),
        "appointments": rows["appointments"]
        .filter(starts_at__gte=first, starts_at__lt=after)
        .exclude(status=AppointmentStatus.CANCELLED)
        .count(),
        "subscriptions": subs["count"],
        "subscription_area": subs["area"],
        "subscription_amount": subs["amount"],
        "contracts": signed["count"],
        "contract_area": signed["area"],
        "contract_amount": signed["amount"],
        "cancellations": cancelled_subs + cancelled_contracts,
        "received": money["received"],
        "refunded": -money["refunded"],
        "loans_disbursed": money["loans"],
        "overdue_filings": overdue_filings,
        "overdue_receivables": overdue["count"],
        "overdue_amount": overdue["amount"],
    }


def _series(rows: dict[str, QuerySet[Any]], period: Period) -> list[dict[str, Any]]:
    window = (period.start, period.end)
    subs = {
        r["subscribed_on"]: r
        for r in rows["subscriptions"]
        .filter(subscribed_on__range=window)
        .values("subscribed_on")
        .annotate(n=Count("id"), amount=Coalesce(Sum("total_price"), ZERO))
    }
    signed = {
        r["signed_on"]: r
        for r in rows["contracts"]
        .filter(signed_on__range=window)
        .values("signed_on")
        .annotate(n=Count("id"), amount=Coalesce(Sum("total_price"), ZERO))
    }
    money = {
        r["occurred_on"]: r
        for r in rows["entries"]
        .filter(status=EntryStatus.POSTED, kind=EntryKind.RECEIPT, occurred_on__range=window)
        .values("occurred_on")
        .annotate(
            received=Coalesce(Sum("amount", filter=~Q(method=MoneyMethod.LOAN)), ZERO),
            loans=Coalesce(Sum("amount", filter=Q(method=MoneyMethod.LOAN)), ZERO),
        )
    }
    first, after = period.moments()
    consulted = {
        r["day"]: r["n"]
        for r in rows["consultations"]
        .filter(occurred_at__gte=first, occurred_at__lt=after)
        .annotate(day=TruncDate("occurred_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(n=Count("id"))
    }
    return [
        {
            "date": day,
            "consultations": consulted.get(day, 0),
            "subscriptions": subs[day]["n"] if day in subs else 0,
            "subscription_amount": subs[day]["amount"] if day in subs else ZERO,
            "contracts": signed[day]["n"] if day in signed else 0,
            "contract_amount": signed[day]["amount"] if day in signed else ZERO,
            "received": money[day]["received"] if day in money else ZERO,  # as in the totals: the loan apart
            "loans_disbursed": money[day]["loans"] if day in money else ZERO,
        }
        for day in period.days()
    ]


def _consultants(rows: dict[str, QuerySet[Any]], period: Period) -> list[dict[str, Any]]:
    ids = set(
        rows["subscriptions"].filter(subscribed_on__range=(period.start, period.end)).values_list("consultant_id", flat=True)
    )
    ids |= set(rows["contracts"].filter(signed_on__range=(period.start, period.end)).values_list("consultant_id", flat=True))
    from django.contrib.auth import get_user_model

    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=ids)}
    result = []
    for user_id in sorted(ids):
        mine = {
            "subscriptions": rows["subscriptions"].filter(consultant_id=user_id),
            "contracts": rows["contracts"].filter(consultant_id=user_id),
            "entries": rows["entries"].filter(contract__consultant_id=user_id),
            "consultations": rows["consultations"].filter(handler_id=user_id),
            "appointments": rows["appointments"].filter(consultant_id=user_id),
        }
        user = users[user_id]
        result.append({"consultant": user_id, "consultant_name": user.display_name or user.username, **_figures(mine, period)})
    return sorted(result, key=lambda r: (-r["contract_amount"], r["consultant"]))


def sales_report(
    *, actor: Any, kind: str, day: datetime.date, project: int | None = None, consultant: int | None = None
) -> dict[str, Any]:
    period = Period.around(kind, day)
    rows = _scoped(actor, project, consultant)
    return {
        "period": kind,
        "start": period.start,
        "end": period.end,
        "project": project,
        "consultant": consultant,
        "totals": _figures(rows, period),
        "by_consultant": _consultants(rows, period),
        "series": _series(rows, period),
    }


def send_daily_reports(today: datetime.date | None = None) -> int:
    """Each morning: yesterday's report of every project with sales, to its 客服主管 and 管理层 (inbox and e-mail)."""
    from django.utils.translation import gettext as _

    from anju.notifications.services import notify
    from anju.properties.models import Project
    from anju.properties.scope import active_users_in_role

    day = (today or timezone.localdate()) - datetime.timedelta(days=1)
    sent = 0
    for project in Project.objects.filter(is_active=True).order_by("code"):
        if not Contract.objects.filter(project=project).exists() and not Subscription.objects.filter(project=project).exists():
            continue
        totals = sales_report(actor=None, kind="day", day=day, project=project.pk)["totals"]
        body = _(
            "Subscriptions %(subs)s (%(sub_amount)s), contracts %(contracts)s (%(contract_amount)s), cancellations "
            "%(cancellations)s, received %(received)s, loans disbursed %(loans)s, overdue filings %(filings)s, overdue "
            "receivables %(receivables)s (%(overdue)s)."
        ) % {
            "subs": totals["subscriptions"],
            "sub_amount": f"{totals['subscription_amount']:,.2f}",
            "contracts": totals["contracts"],
            "contract_amount": f"{totals['contract_amount']:,.2f}",
            "cancellations": totals["cancellations"],
            "received": f"{totals['received']:,.2f}",
            "loans": f"{totals['loans_disbursed']:,.2f}",
            "filings": totals["overdue_filings"],
            "receivables": totals["overdue_receivables"],
            "overdue": f"{totals['overdue_amount']:,.2f}",
        }
        sent += len(
            notify(
                [*active_users_in_role("service_supervisor", project.pk), *active_users_in_role("management", project.pk)],
                kind="sales.daily_report",
                title=_("Sales daily report %(project)s %(date)s") % {"project": project.name, "date": day.isoformat()},
                body=body,
                link=f"/sales/reports?period=day&date={day.isoformat()}&project={project.pk}",
                dedupe_key=f"sales-daily:{project.pk}:{day.isoformat()}",
            )
        )
    return sent
