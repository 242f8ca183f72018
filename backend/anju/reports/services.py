"""Report writes: subscriptions (subscribe, pause/resume, delete) and the scheduled sends — each due period of each
subscription, and each project's weekly and monthly 工作总结 to its 客服主管 — through the notification inbox and
e-mail outbox. A send is recorded (``ScheduledSend``, unique per subscription and period) in the same transaction as
its notifications, so a restarted worker never sends a period twice."""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import APIException
from rest_framework.request import Request

from anju.core.events import CommonEvent, record_event
from anju.core.excel import XLSX_CONTENT_TYPE
from anju.core.pdf import PDF_CONTENT_TYPE
from anju.notifications.services import notify
from anju.properties.models import Project
from anju.properties.scope import can_see_project
from anju.reports import selectors, summary
from anju.reports.models import ReportSubscription, Schedule, ScheduledSend
from anju.reports.schedule import due_period

logger = logging.getLogger("anju.reports")


def request_as(user: Any) -> Request:
    """A GET request made by ``user``: a scheduled report is read exactly as that user would read it on screen (the
    list views' permission checks and data scope, evaluated now, at send time)."""
    django_request = RequestFactory().get("/api/v1/reports/")
    django_request.user = user
    request = Request(django_request)
    request.user = user
    return request


# --- subscriptions ------------------------------------------------------------------------------------------------------


def subscribe(*, actor: Any, report_key: str, schedule: str, params: dict[str, Any]) -> ReportSubscription:
    """Subscribe ``actor`` to a report with the filters of ``params`` (project, building, by — validated like a report
    request, so a project out of scope is a 404 and a bad grouping a 400)."""
    report = selectors.get_report(report_key)
    query = selectors.parse_query(report, {k: v for k, v in params.items() if k in {"project", "building", "by"}}, actor=actor)
    with transaction.atomic():
        subscription = ReportSubscription.objects.create(
            owner=actor,
            report_key=report.key,
            project_id=query.project,
            building_id=query.building,
            by=query.by,
            schedule=schedule,
        )
        record_event(target=subscription, type=CommonEvent.CREATED, actor=actor, data={"schedule": schedule})
    return subscription


def set_active(*, actor: Any, subscription: ReportSubscription, active: bool) -> ReportSubscription:
    if subscription.active == active:
        return subscription
    with transaction.atomic():
        subscription.active = active
        subscription.save(update_fields=["active", "updated_at"])
        record_event(target=subscription, type=CommonEvent.UPDATED, actor=actor, changes={"active": [not active, active]})
    return subscription


def unsubscribe(*, actor: Any, subscription: ReportSubscription) -> None:
    with transaction.atomic():
        record_event(target=subscription, type=CommonEvent.DELETED, actor=actor)
        subscription.delete()


# --- the scheduled sends ------------------------------------------------------------------------------------------------


def _summary_line(data: dict[str, Any]) -> str:
    parts = []
    for column in data["columns"]:
        if column["kind"] == "text" or column["key"] == "rank":
            continue
        value = data["totals"].get(column["key"])
        if value is not None:
            unit = "%" if column["kind"] == "percent" and "%" not in str(column["label"]) else ""
            parts.append(f"{column['label']} {value}{unit}")
    return "；".join(parts)


def _may_receive(subscription: ReportSubscription) -> bool:
    owner = subscription.owner
    if not owner.is_active or not owner.has_perm("reports.view_report"):
        return False
    return subscription.project_id is None or can_see_project(owner, subscription.project_id)


def _record(key: str, **values: Any) -> bool:
    """Claim the period's send; False when it was sent already (by this run before a restart, or a parallel worker)."""
    try:
        with transaction.atomic():
            ScheduledSend.objects.create(key=key, **values)
    except IntegrityError:
        return False
    return True


def send_subscription(subscription: ReportSubscription, *, now: datetime.datetime | None = None) -> str:
    """Send the period now due, once: ``sent``, ``skipped`` (the owner may no longer see it: recorded, not sent),
    ``done`` (already sent or not yet due for this subscription)."""
    period = due_period(subscription.schedule, now or timezone.now())
    if period.send_at < subscription.created_at:
        return "done"  # subscribed after this period's send time: the next period is its first
    key = f"sub:{subscription.pk}:{period.date_from.isoformat()}"
    if ScheduledSend.objects.filter(key=key).exists():
        return "done"
    params = {
        "date_from": period.date_from.isoformat(),
        "date_to": period.date_to.isoformat(),
        "by": subscription.by,
        **({"project": str(subscription.project_id)} if subscription.project_id else {}),
        **({"building": str(subscription.building_id)} if subscription.building_id else {}),
    }
    owner = subscription.owner
    with translation.override(translation.get_language() or "zh-hans"):
        data: dict[str, Any] | None = None
        if _may_receive(subscription):
            try:
                request = request_as(owner)
                report = selectors.get_report(subscription.report_key)
                data = selectors.run(request, report, selectors.parse_query(report, params, actor=owner))
                workbook = selectors.workbook(data)
            except (Http404, APIException):
                data = None
        with transaction.atomic():
            if data is None:
                _record(key, subscription=subscription, date_from=period.date_from, date_to=period.date_to, outcome="skipped")
                return "skipped"
            line = _summary_line(data)
            if not _record(
                key, subscription=subscription, date_from=period.date_from, date_to=period.date_to, outcome="sent", summary=line
            ):
                return "done"
            title = _("%(report)s %(start)s ~ %(end)s") % {
                "report": data["title"],
                "start": period.date_from.isoformat(),
                "end": period.date_to.isoformat(),
            }
            link = f"/reports/{subscription.report_key}?date_from={params['date_from']}&date_to={params['date_to']}"
            if subscription.project_id:
                link += f"&project={subscription.project_id}"
            notify(
                [owner],
                kind="reports.subscription",
                title=title,
                body=line,
                link=link,
                dedupe_key=key,
                attachments=[
                    (f"anju-report-{data['key']}-{data['date_from']}-{data['date_to']}.xlsx", workbook, XLSX_CONTENT_TYPE)
                ],
            )
            ReportSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=timezone.now())
    return "sent"


def send_due_subscriptions(now: datetime.datetime | None = None) -> int:
    """Every active subscription's due period, each once (the hourly job). Returns the number sent."""
    sent = 0
    for subscription in ReportSubscription.objects.filter(active=True).select_related("owner").order_by("id"):
        try:
            sent += send_subscription(subscription, now=now) == "sent"
        except Exception:  # one broken subscription must not stop the others; the next run tries it again
            logger.exception("report subscription %s failed", subscription.pk)
    return sent


def supervisors(project_id: int) -> list[Any]:
    """The project's 客服主管: active users of the service-supervisor role whose scope includes the project."""
    users = get_user_model().objects.filter(is_active=True, groups__name="service_supervisor").distinct().order_by("id")
    return [u for u in users if can_see_project(u, project_id)]


def send_work_summaries(now: datetime.datetime | None = None) -> int:
    """Each Monday the last week's and each 1st the last month's 工作总结 of every project, to its supervisors' inbox
    (with the PDF by e-mail), read as each supervisor: once per project, period and supervisor."""
    now = now or timezone.now()
    sent = 0
    for kind, schedule in (("week", Schedule.WEEKLY), ("month", Schedule.MONTHLY)):
        period = due_period(schedule, now)
        for project in Project.objects.order_by("id"):
            key = f"summary:{project.pk}:{kind}:{period.date_from.isoformat()}"
            if ScheduledSend.objects.filter(key=key).exists():
                continue
            told = 0
            with transaction.atomic():
                if not _record(key, date_from=period.date_from, date_to=period.date_to, outcome="sent"):
                    continue
                for user in supervisors(project.pk):
                    data = summary.work_summary(request_as(user), project, kind, period.date_from)
                    made = notify(
                        [user],
                        kind="reports.work_summary",
                        title=summary.title(data),
                        body=summary.short_text(data),
                        link=f"/reports/work-summary?project={project.pk}&kind={kind}&date={period.date_from.isoformat()}",
                        dedupe_key=key,
                        attachments=[
                            (f"anju-work-summary-{project.pk}-{kind}-{period.date_from}.pdf", summary.pdf(data), PDF_CONTENT_TYPE)
                        ],
                    )
                    told += len(made)
            sent += told
    return sent
