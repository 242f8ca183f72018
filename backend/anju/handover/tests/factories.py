"""Batches, notices, slots and inspections for the handover tests and the permission-matrix rows."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.utils import timezone

from anju.handover.choices import BatchStatus, TaskCode
from anju.handover.models import HandoverBatch, HandoverNotice, HandoverSlot, Inspection
from anju.handover.services import batches, inspections, notices, slots
from anju.mortgage.tests import factories as deals
from anju.properties.models import Unit
from anju.sales.models import Contract
from anju.workorders.models import Category

_rooms = itertools.count(1)


def unit(world: Any, *, project: Any = None) -> Unit:
    """A fresh unit of project A's (or B's) 1号楼."""
    project = project or world.project_a
    building = world.building_a if project == world.project_a else world.building_b
    number = next(_rooms)
    return Unit.objects.create(
        project=project,
        building=building,
        room_number=f"{2 + number // 20}{number % 20:02d}",
        floor=2 + number // 20,
        stack=f"{number % 20:02d}",
        predicted_gross_area=Decimal("100.00"),
        predicted_internal_area=Decimal("80.00"),
    )


def contract(world: Any, *, project: Any = None, on: Unit | None = None, **options: Any) -> Contract:
    """A live full-payment contract of a fresh unit (1,000,000 元, 100 m², down payment receivable unpaid)."""
    project = project or world.project_a
    row = deals.contract(world, plan="full", project=project, unit=on or unit(world, project=project), **options)
    Unit.objects.filter(pk=row.unit_id).update(status="contracted")
    return row


def category(code: str = "ho_wall", name: str = "墙面开裂", item: str = "decoration") -> Category:
    return Category.objects.get_or_create(code=code, defaults={"name": name, "warranty_item": item})[0]


def batch(
    world: Any, *, project: Any = None, starts_in: int = 30, days: int = 3, capacity: int = 2, status: str | None = None
) -> HandoverBatch:
    project = project or world.project_a
    start = timezone.localdate() + datetime.timedelta(days=starts_in)
    row = batches.create_batch(
        actor=world.admin,
        project=project,
        name="一期入伙",
        buildings=[world.building_a if project == world.project_a else world.building_b],
        starts_on=start,
        ends_on=start + datetime.timedelta(days=days - 1),
        windows=["09:00-12:00", "13:30-17:30"],
        capacity_per_window=capacity,
        place="一期会所",
    )
    if status:
        HandoverBatch.objects.filter(pk=row.pk).update(status=status)
        row.refresh_from_db()
    return row


def prepared(world: Any, row: HandoverBatch, by: Any = None) -> HandoverBatch:
    """The 入伙名单 task marked prepared (by the admin unless told)."""
    task = row.tasks.get(code=TaskCode.HANDOVER_LIST)
    return batches.update_task(actor=by or world.admin, batch=row, task_id=task.pk, version=row.version, done=True)


def notifying(world: Any, *, project: Any = None, units: int = 1, **options: Any) -> HandoverBatch:
    """A batch whose list was approved and notices generated, with ``units`` contracted units."""
    project = project or world.project_a
    for _ in range(units):
        contract(world, project=project)
    row = batch(world, project=project, **options)
    HandoverBatch.objects.filter(pk=row.pk).update(status=BatchStatus.LIST_APPROVED)
    row.refresh_from_db()
    return notices.generate(actor=world.admin, batch=row, version=row.version)


def notice(world: Any, *, project: Any = None, **options: Any) -> HandoverNotice:
    return notifying(world, project=project, **options).notices.order_by("-id").first()


def slot(world: Any, *, project: Any = None, today: bool = False) -> HandoverSlot:
    row = notice(world, project=project, starts_in=0 if today else 30)
    return slots.book(actor=world.admin, notice=row, day=row.batch.starts_on, window=row.batch.windows[0])


def inspection(world: Any, *, project: Any = None) -> Inspection:
    row = notice(world, project=project)
    return inspections.start(actor=world.admin, notice=row)
