"""入伙维修日报 (per day of a batch: the defects opened, fixed and overdue by building, category and contractor) and
入伙问题汇总 (after the batch: the problems by category, building and responsible department), with the Excel export
and the evening send to the departments' contacts through the notification outbox."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.excel import XLSX_CONTENT_TYPE, Column, build_workbook
from anju.handover.choices import BatchStatus
from anju.handover.models import Defect, HandoverBatch
from anju.handover.selectors import FIXED_ORDER_STATES
from anju.workorders.choices import Status

NONE = "—"


def batch_defects(batch: HandoverBatch) -> QuerySet[Defect]:
    return Defect.objects.filter(inspection__batch=batch).select_related(
        "work_order__responsible_contractor", "category__department", "inspection__unit__building"
    )


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return start, start + datetime.timedelta(days=1)


def _is_fixed_by(defect: Defect, end: datetime.datetime) -> bool:
    order = defect.work_order
    return order.status in FIXED_ORDER_STATES and order.completed_at is not None and order.completed_at < end


def _is_overdue(defect: Defect, end: datetime.datetime) -> bool:
    order = defect.work_order
    if order.status == Status.CANCELLED or _is_fixed_by(defect, end):
        return False
    return order.sla_due_at is not None and order.sla_due_at < end


def daily_report(batch: HandoverBatch, day: datetime.date) -> dict[str, Any]:
    """The figures of one day: totals and rows per (building, category, contractor). ``opened`` and ``fixed`` happened
    that day; ``overdue`` and ``open`` are the state at the day's end."""
    start, end = _day_bounds(day)
    rows: dict[tuple[str, str, str], Counter[str]] = {}
    for defect in batch_defects(batch).filter(created_at__lt=end):
        order = defect.work_order
        key = (
            defect.inspection.unit.building.name,
            defect.category.name,
            order.responsible_contractor.name if order.responsible_contractor else NONE,
        )
        counts = rows.setdefault(key, Counter())
        counts["opened"] += int(start <= defect.created_at < end)
        fixed_by_end = _is_fixed_by(defect, end)
        counts["fixed"] += int(fixed_by_end and order.completed_at is not None and order.completed_at >= start)
        counts["overdue"] += int(_is_overdue(defect, end))
        counts["open"] += int(order.status != Status.CANCELLED and not fixed_by_end)
    table: list[dict[str, Any]] = [
        {"building": b, "category": c, "contractor": k, **{f: counts[f] for f in ("opened", "fixed", "overdue", "open")}}
        for (b, c, k), counts in sorted(rows.items())
    ]
    totals = {f: sum(int(r[f]) for r in table) for f in ("opened", "fixed", "overdue", "open")}
    return {"day": day, "totals": totals, "rows": table}


def problem_summary(batch: HandoverBatch) -> dict[str, Any]:
    """Every defect of the batch counted by category, building and responsible department (of its category)."""
    defects = list(batch_defects(batch))

    def count(key: Any) -> list[dict[str, Any]]:
        counter = Counter(key(d) for d in defects)
        fixed = Counter(key(d) for d in defects if d.work_order.status in FIXED_ORDER_STATES)
        return [
            {"name": name, "total": n, "fixed": fixed.get(name, 0)}
            for name, n in sorted(counter.items(), key=lambda i: (-i[1], i[0]))
        ]

    return {
        "total": len(defects),
        "by_category": count(lambda d: d.category.name),
        "by_building": count(lambda d: d.inspection.unit.building.name),
        "by_department": count(lambda d: d.category.department.name if d.category.department else NONE),
    }


def summary_workbook(batch: HandoverBatch) -> bytes:
    summary = problem_summary(batch)
    columns = [
        Column("name", gettext_lazy("name")),
        Column("total", gettext_lazy("problems")),
        Column("fixed", gettext_lazy("fixed")),
    ]
    detail_columns = [
        Column("number", gettext_lazy("work order")),
        Column("building", gettext_lazy("building")),
        Column("unit", gettext_lazy("unit")),
        Column("room", gettext_lazy("room"), width=10),
        Column("description", gettext_lazy("description"), width=40),
        Column("category", gettext_lazy("category")),
        Column("department", gettext_lazy("department")),
        Column("status", gettext_lazy("status")),
    ]
    details = [
        (
            d.work_order.number,
            d.inspection.unit.building.name,
            d.inspection.unit.room_number,
            d.room,
            d.description,
            d.category.name,
            d.category.department.name if d.category.department else NONE,
            d.work_order.get_status_display(),
        )
        for d in batch_defects(batch).order_by("id")
    ]

    def rows(key: str) -> list[tuple[Any, ...]]:
        return [(r["name"], r["total"], r["fixed"]) for r in summary[key]]

    return build_workbook(
        [
            (str(gettext_lazy("by category")), columns, rows("by_category")),
            (str(gettext_lazy("by building")), columns, rows("by_building")),
            (str(gettext_lazy("by department")), columns, rows("by_department")),
            (str(gettext_lazy("problems")), detail_columns, details),
        ]
    )


def _engineering(project_id: int) -> list[Any]:
    from anju.accounts.selectors import department_recipients
    from anju.properties.scope import can_see_project

    users, _emails = department_recipients("engineering")
    return [u for u in users if can_see_project(u, project_id)]


def send_daily_reports(today: datetime.date | None = None) -> int:
    """Each evening: today's 入伙维修日报 of every batch being handed over, to the 工程部 contacts (inbox and e-mail,
    once a day: the dedupe key), and to the department's extra addresses by e-mail."""
    from django.core.mail import send_mail

    from anju.accounts.selectors import department_recipients
    from anju.notifications.services import notify

    day = today or timezone.localdate()
    sent = 0
    for batch in HandoverBatch.objects.filter(status=BatchStatus.HANDING_OVER).select_related("project").order_by("id"):
        report = daily_report(batch, day)
        totals = report["totals"]
        title = _("Handover repair report %(batch)s %(date)s") % {"batch": batch.name, "date": day.isoformat()}
        body = _("Defects opened %(opened)s, fixed %(fixed)s, overdue %(overdue)s, still open %(open)s.") % totals
        made = notify(
            _engineering(batch.project_id),
            kind="handover.daily_report",
            title=title,
            body=body,
            link=f"/handover/batches/{batch.pk}/report?day={day.isoformat()}",
            dedupe_key=f"handover-daily:{batch.pk}:{day.isoformat()}",
        )
        if made:
            _users, emails = department_recipients("engineering")
            if emails:
                send_mail(title, body, None, emails, fail_silently=True)
        sent += len(made)
    return sent


def send_problem_summary(batch: HandoverBatch) -> int:
    """入伙问题汇总 when a batch is completed: each responsible department with problems in it is told its count (inbox,
    to its contacts who can see the project) and receives the whole summary as an Excel file by e-mail (its contacts'
    and extra addresses) — 营销策划部 归纳问题并反馈相关职能部门. Once per batch and department (the dedupe key)."""
    from django.core.mail import EmailMessage

    from anju.accounts.models import Department
    from anju.notifications.services import notify
    from anju.properties.scope import can_see_project

    counts = Counter(d.category.department_id for d in batch_defects(batch) if d.category.department_id)
    if not counts:
        return 0
    workbook = summary_workbook(batch)
    told = 0
    for department in Department.objects.filter(pk__in=counts, is_active=True).prefetch_related("contacts"):
        users = [u for u in department.contacts.all() if u.is_active and can_see_project(u, batch.project_id)]
        title = _("Handover problem summary %(batch)s: %(department)s") % {"batch": batch.name, "department": department.name}
        body = _("%(count)s problems of the batch belong to your department.") % {"count": counts[department.pk]}
        made = notify(
            users,
            kind="handover.problem_summary",
            title=title,
            body=body,
            link=f"/handover/batches/{batch.pk}/report",
            dedupe_key=f"handover-summary:{batch.pk}:{department.pk}",
        )
        addresses = sorted({*(u.email for u in users if u.email), *department.emails})
        if made and addresses:
            message = EmailMessage(title, body, None, addresses)
            message.attach(f"handover-problems-{batch.pk}.xlsx", workbook, XLSX_CONTENT_TYPE)
            message.send(fail_silently=True)
        told += len(made)
    return told
