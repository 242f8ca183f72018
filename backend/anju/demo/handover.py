"""Demo handover batches of 安居·云栖苑 (P002), made by the same services the screens use:

- 3号楼 was handed over last week: the list approved (four eyes), every notice sent in time, owners booked and
  inspected; some accepted (their units delivered today through ``deliver_unit``), one deferred for a leak, their
  defects repair work orders in several states;
- 2号楼 hands over in three weeks: the list approved, the notices generated, a few already sent, the rest due;
- 1号楼 is being prepared: 李客服 has drawn up the 入伙名单 and it waits for a supervisor's approval (the browser
  journey approves it).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from anju.accounts.models import User
from anju.handover.choices import MemberRole, TaskCode
from anju.handover.models import HandoverBatch, HandoverNotice
from anju.handover.services import batches, inspections, notices, slots
from anju.handover.workflow import BatchAction
from anju.properties.models import Building, Project
from anju.warranty.models import Contractor, WarrantyResponsibility
from anju.workorders.models import Category
from anju.workorders.services import transitions

DEFECTS = [
    ("卫生间", "防水", "地漏周边渗水", "bathroom_leak"),
    ("客厅", "墙面", "电视墙细裂缝", "wall_crack"),
    ("主卧", "门窗", "窗扇关不严漏风", "windows"),
    ("厨房", "给排水", "水槽下水管接口渗水", "drainage"),
]


def _batch(users: dict[str, User], project: Project, building: Building, name: str, start: datetime.date) -> HandoverBatch:
    agent, sales, tech = users["agent"], users["sales"], users["tech"]
    return batches.create_batch(
        actor=agent,
        project=project,
        name=name,
        buildings=[building],
        starts_on=start,
        ends_on=start + datetime.timedelta(days=2),
        windows=["09:00-12:00", "13:30-17:30"],
        capacity_per_window=6,
        place=f"{project.name} 会所一楼入伙大厅",
        members=[
            batches.Member(users["supervisor"], MemberRole.LEADER),
            batches.Member(agent, MemberRole.SERVICE),
            batches.Member(tech, MemberRole.ENGINEERING),
            batches.Member(sales, MemberRole.SALES),
        ],
    )


def _prepare(users: dict[str, User], batch: HandoverBatch, *, all_tasks: bool) -> HandoverBatch:
    for task in batch.tasks.order_by("id"):
        if all_tasks or task.code == TaskCode.HANDOVER_LIST:
            batch = batches.update_task(actor=users["agent"], batch=batch, task_id=task.pk, version=batch.version, done=True)
    return batch


def _approved_with_notices(users: dict[str, User], batch: HandoverBatch) -> HandoverBatch:
    batch = _prepare(users, batch, all_tasks=True)
    batch = batches.step(actor=users["supervisor"], batch=batch, action=BatchAction.APPROVE_LIST, version=batch.version)
    return batches.step(actor=users["agent"], batch=batch, action=BatchAction.START_NOTICES, version=batch.version)


def _send(agent: User, notice: HandoverNotice, on: datetime.date, index: int) -> None:
    # a batch handed over in the past had its notices generated before they were sent
    generated = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9, 0)))
    if notice.created_at > generated:
        HandoverNotice.objects.filter(pk=notice.pk).update(created_at=generated)
        notice.refresh_from_db()
    notices.send(
        actor=agent,
        notice=notice,
        version=notice.version,
        channels=["post", "sms"],
        sent_on=on,
        tracking_number=f"SF{on:%Y%m%d}{index:04d}",
    )


def _repair(users: dict[str, User], order: Any, done: bool) -> None:
    technician = users["tech"].technician
    order = transitions.dispatch(actor=users["supervisor"], order=order, technician=technician)
    order = transitions.accept(actor=users["tech"], order=order)
    order = transitions.start(actor=users["tech"], order=order)
    if done:
        transitions.complete(
            actor=users["tech"],
            order=order,
            work_done="已按验房问题整改完毕",
            lines=[{"kind": "labour", "name": "整改人工", "quantity": Decimal("1"), "unit": "次", "unit_price": Decimal("0.00")}],
            owner_confirmed_name=order.contact_name or "业主",
        )


def _handed_over(users: dict[str, User], project: Project) -> None:
    today = timezone.localdate()
    batch = _batch(
        users, project, Building.objects.get(project=project, code="3"), "云栖苑3号楼入伙", today - datetime.timedelta(days=7)
    )
    batch = _approved_with_notices(users, batch)
    agent = users["agent"]
    rows = list(batch.notices.order_by("id"))
    for index, notice in enumerate(rows):
        _send(agent, notice, notice.handover_on - datetime.timedelta(days=20), index)
    batch.refresh_from_db()
    batch = batches.step(actor=agent, batch=batch, action=BatchAction.START_HANDOVER, version=batch.version)
    for index, notice in enumerate(rows[:8]):
        notice.refresh_from_db()
        slot = slots.book(actor=agent, notice=notice, day=notice.handover_on, window=notice.window)
        inspection = inspections.start(actor=agent, notice=notice, slot=slot)
        for room, item, description, code in DEFECTS[: index % 3]:
            defect = inspections.add_defect(
                actor=agent,
                inspection=inspection,
                room=room,
                item=item,
                description=description,
                category=Category.objects.get(code=code),
            )
            if index % 2 == 0:
                _repair(users, defect.work_order, done=index % 4 == 0)
        inspection.refresh_from_db()
        if index == 5:
            inspections.defer(
                actor=agent, inspection=inspection, version=inspection.version, reason="卫生间渗水，业主要求修好后再收房"
            )
            continue
        inspections.update(
            actor=agent,
            inspection=inspection,
            version=inspection.version,
            values={
                "keys_count": 4,
                "water_reading": Decimal("0.00"),
                "electricity_reading": Decimal(f"{index + 1}.50"),
                "gas_reading": Decimal("0.00"),
            },
        )
        inspection.refresh_from_db()
        inspections.accept(actor=agent, inspection=inspection, version=inspection.version)


def _upcoming(users: dict[str, User], project: Project) -> None:
    today = timezone.localdate()
    batch = _batch(
        users, project, Building.objects.get(project=project, code="2"), "云栖苑2号楼入伙", today + datetime.timedelta(days=21)
    )
    batch = _approved_with_notices(users, batch)
    for index, notice in enumerate(batch.notices.order_by("id")[:5]):
        _send(users["agent"], notice, today, index)


def _preparing(users: dict[str, User], project: Project) -> None:
    today = timezone.localdate()
    batch = _batch(
        users, project, Building.objects.get(project=project, code="1"), "云栖苑1号楼入伙", today + datetime.timedelta(days=30)
    )
    _prepare(users, batch, all_tasks=False)


# Who answers for which work in 云栖苑 (the 维修日报 and 问题汇总 name them as 责任单位).
CONTRACTORS = [
    ("浙江精工防水工程有限公司", "D333012345", ("leakage", "roof_waterproofing")),
    ("中建八局第三建设有限公司", "D132001234", ("structure", "decoration", "electrical_plumbing", "heating_cooling")),
]


def _contractors(project: Project) -> None:
    for name, number, items in CONTRACTORS:
        contractor, _ = Contractor.objects.get_or_create(name=name, defaults={"qualification_number": number})
        for building in Building.objects.filter(project=project):
            for item in items:
                WarrantyResponsibility.objects.get_or_create(building=building, item=item, defaults={"contractor": contractor})


def seed_handover(users: dict[str, User], projects: dict[str, Project]) -> None:
    project = projects["P002"]
    _contractors(project)
    _handed_over(users, project)
    _upcoming(users, project)
    _preparing(users, project)
