"""入伙维修日报 figures, 入伙问题汇总 by category / building / department, the Excel export and the evening send."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from anju.accounts.models import Department
from anju.handover import reports
from anju.handover.choices import BatchStatus
from anju.handover.models import HandoverBatch
from anju.handover.services import inspections
from anju.handover.tests import factories
from anju.notifications.models import Notification
from anju.workorders.models import WorkOrder
from conftest import World


def _two_defects(world: World) -> Any:
    inspection = factories.inspection(world)
    engineering = Department.objects.get(code="engineering")
    leak = factories.category("ho_leak", "卫生间渗漏", "leakage")
    leak.department = engineering
    leak.save()
    first = inspections.add_defect(actor=world.admin, inspection=inspection, room="卫生间", description="渗水", category=leak)
    wall = factories.category()
    second = inspections.add_defect(actor=world.admin, inspection=inspection, room="客厅", description="裂缝", category=wall)
    return inspection, first, second


@pytest.mark.django_db
def test_the_daily_report_counts_opened_fixed_and_overdue(world: World) -> None:
    inspection, first, second = _two_defects(world)
    today = timezone.localdate()
    now = timezone.now()
    WorkOrder.objects.filter(pk=first.work_order_id).update(status="completed", completed_at=now)
    WorkOrder.objects.filter(pk=second.work_order_id).update(sla_due_at=now - datetime.timedelta(hours=1))
    report = reports.daily_report(inspection.batch, today)
    assert report["totals"] == {"opened": 2, "fixed": 1, "overdue": 1, "open": 1}
    assert {r["category"] for r in report["rows"]} == {"卫生间渗漏", "墙面开裂"}
    yesterday = reports.daily_report(inspection.batch, today - datetime.timedelta(days=1))
    assert yesterday["totals"] == {"opened": 0, "fixed": 0, "overdue": 0, "open": 0}


@pytest.mark.django_db
def test_the_problem_summary_groups_by_category_building_and_department(world: World) -> None:
    inspection, first, _second = _two_defects(world)
    WorkOrder.objects.filter(pk=first.work_order_id).update(status="closed")
    summary = reports.problem_summary(inspection.batch)
    assert summary["total"] == 2
    assert summary["by_building"] == [{"name": "1号楼", "total": 2, "fixed": 1}]
    departments = {row["name"]: row for row in summary["by_department"]}
    assert departments["工程部"] == {"name": "工程部", "total": 1, "fixed": 1} and departments["—"]["total"] == 1
    workbook = load_workbook(io.BytesIO(reports.summary_workbook(inspection.batch)))
    details = workbook.worksheets[-1]
    assert details.max_row == 3 and details.cell(2, 5).value == "渗水"


@pytest.mark.django_db
def test_the_evening_report_goes_once_to_the_engineering_contacts(world: World, client_for: Any) -> None:
    inspection, _first, _second = _two_defects(world)
    HandoverBatch.objects.filter(pk=inspection.batch_id).update(status=BatchStatus.HANDING_OVER)
    engineer = world.user("ho_engineer", role="service_agent", projects=[world.project_a])
    outsider = world.user("ho_engineer_b", role="service_agent", projects=[world.project_b])
    Department.objects.get(code="engineering").contacts.add(engineer, outsider)
    assert reports.send_daily_reports() == 1
    assert reports.send_daily_reports() == 0  # once a day
    note = Notification.objects.get(recipient=engineer)
    assert "2" in note.body and note.kind == "handover.daily_report"
    assert not Notification.objects.filter(recipient=outsider).exists()  # not in the batch's project
    answer = client_for(world.admin).get(f"/api/v1/handover-batches/{inspection.batch_id}/daily-report/").json()
    assert answer["totals"]["opened"] == 2


@pytest.mark.django_db
def test_completing_a_batch_sends_each_department_its_problems_with_the_summary(
    world: World, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.handover.services import batches

    inspection, _first, _second = _two_defects(world)
    HandoverBatch.objects.filter(pk=inspection.batch_id).update(status=BatchStatus.HANDING_OVER)
    engineer = world.user("ho_eng_contact", role="service_agent", projects=[world.project_a])
    engineer.email = "eng@example.com"
    engineer.save(update_fields=["email"])
    engineering, _made = Department.objects.get_or_create(code="engineering", defaults={"name": "工程部"})
    from anju.workorders.models import Category

    Category.objects.filter(pk__in=[d.category_id for d in inspection.defects.all()]).update(department=engineering)
    engineering.contacts.add(engineer)
    engineering.emails = ["engineering-team@example.com"]
    engineering.save()
    batch = HandoverBatch.objects.get(pk=inspection.batch_id)
    with django_capture_on_commit_callbacks(execute=True):  # the summary goes out once the completion commits
        batches.step(actor=world.admin, batch=batch, action="complete", version=batch.version)
    note = Notification.objects.get(recipient=engineer, kind="handover.problem_summary")
    assert "工程部" in note.title and "2" in note.body  # both defects are 工程部's here
    mail = next(m for m in mailoutbox if m.attachments)  # the summary itself (the inbox entry sends its own e-mail)
    assert set(mail.to) == {"eng@example.com", "engineering-team@example.com"}
    name, content, _kind = mail.attachments[0]
    assert name.endswith(".xlsx") and load_workbook(io.BytesIO(content)).worksheets[-1].max_row == 3
    assert reports.send_problem_summary(batch) == 0  # once per batch and department
