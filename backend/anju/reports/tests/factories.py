"""A hand-counted service history for the report tests (period 2026-09-01 … 2026-11-30, project A; one order of project
B and one of August that no project-A report of the period may count).

Project A, building 1号楼, unit 101 (floor 1):
- o1 给水管道 (→ 工程部), plumber: created 09-30 16:00, dispatched 09-30 17:00, accepted 10-08 10:00 (across the
  National Day holiday 10-01 … 10-07), started 10-08 11:00, completed 10-08 15:00; return visit answered 10-09, score 5.
- o2 给水管道, plumber: created 11-02 08:30, dispatched 09:00, accepted 10:00, started 14:00, completed 11-03 10:00;
  return visit answered 11-04, score 2 (recorded, the project does not reopen on low scores).
- o3 墙面涂料, painter: created 11-10 09:00, dispatched 09:30, accepted 10:00, started 11:00, completed 16:00; reopened
  once before (reopen_count 1).
- o4 卫生间渗漏: created 10-15 10:00, still pending dispatch.
- c1, c2: complaints of customer 张三 received 10-20 and 11-20 (c1 quality, serious, escalated; c2 service).
- o5 给水管道, plumber, all in August (outside the period); ob: project B, completed 10-20 by 技工B.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from anju.accounts.models import Department
from anju.complaints.models import Complaint
from anju.sla.models import SlaClock
from anju.visits import services as visit_services
from anju.visits.models import ReturnVisit
from anju.workorders.models import ServiceSettings, Technician, WorkOrder
from anju.workorders.services import transitions

TZ = ZoneInfo("Asia/Shanghai")
PERIOD = {"date_from": "2026-09-01", "date_to": "2026-11-30"}


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


@dataclass
class History:
    desk: Any
    engineering: Department
    o1: WorkOrder
    o2: WorkOrder
    o3: WorkOrder
    o4: WorkOrder
    o5: WorkOrder
    ob: WorkOrder
    c1: Complaint
    c2: Complaint
    tech_b: Any


def _done(desk: Any, technician: Any, user: Any, times: dict[str, dt.datetime], *, actor: Any = None, **values: Any) -> WorkOrder:
    actor = actor or desk.supervisor
    order = desk.repair(actor=actor, **values)
    order = transitions.dispatch(actor=actor, order=order, technician=technician)
    order = transitions.accept(actor=user, order=order)
    order = transitions.start(actor=user, order=order)
    order = transitions.complete(
        actor=user, order=order, work_done="修好", lines=[], owner_confirmed_name="张三", free_reason="免费：上门检查，未更换配件"
    )
    WorkOrder.objects.filter(pk=order.pk).update(**times)
    return WorkOrder.objects.get(pk=order.pk)


def _answer(order: WorkOrder, actor: Any, score: int, when: dt.datetime) -> ReturnVisit:
    visit = ReturnVisit.objects.get(work_order=order, status="pending")
    visit = visit_services.record_outcome(actor=actor, visit=visit, resolved=True, satisfaction=score)
    ReturnVisit.objects.filter(pk=visit.pk).update(completed_at=when)
    return visit


def history(desk: Any) -> History:
    world = desk.world
    ServiceSettings.objects.create(project=world.project_a, low_score_reopens=False)
    engineering = Department.objects.get_or_create(name="工程部", defaults={"code": "engineering"})[0]
    desk.water.department = engineering
    desk.water.save()

    def times(
        created: dt.datetime, dispatched: dt.datetime, accepted: dt.datetime, started: dt.datetime, completed: dt.datetime
    ) -> dict[str, dt.datetime]:
        return {
            "created_at": created,
            "dispatched_at": dispatched,
            "accepted_at": accepted,
            "started_at": started,
            "completed_at": completed,
        }

    o1 = _done(
        desk, desk.plumber, desk.plumber_user, times(at(9, 30, 16), at(9, 30, 17), at(10, 8, 10), at(10, 8, 11), at(10, 8, 15))
    )
    o2 = _done(
        desk, desk.plumber, desk.plumber_user, times(at(11, 2, 8, 30), at(11, 2, 9), at(11, 2, 10), at(11, 2, 14), at(11, 3, 10))
    )
    o3 = _done(
        desk,
        desk.painter,
        desk.painter_user,
        times(at(11, 10, 9), at(11, 10, 9, 30), at(11, 10, 10), at(11, 10, 11), at(11, 10, 16)),
        category=desk.paint,
    )
    WorkOrder.objects.filter(pk=o3.pk).update(reopen_count=1)
    o4 = desk.repair(category=desk.bathroom)
    WorkOrder.objects.filter(pk=o4.pk).update(created_at=at(10, 15, 10))
    o5 = _done(desk, desk.plumber, desk.plumber_user, times(at(8, 3, 9), at(8, 3, 10), at(8, 3, 11), at(8, 3, 12), at(8, 20, 15)))
    # SLA targets (respond, onsite, resolve) met when the work was done: o1's late, o2's and o3's on time
    for order, due in ((o1, at(10, 8, 12)), (o2, at(11, 5, 18)), (o3, at(11, 11, 18)), (o5, at(8, 21, 18))):
        SlaClock.objects.filter(work_order=order).update(met_at=order.completed_at, due_at=due)
    _answer(o1, desk.agent, 5, at(10, 9, 10))
    _answer(o2, desk.agent, 2, at(11, 4, 10))

    tech_b_user = world.user("tech_b", role="technician", projects=[world.project_b])
    tech_b = Technician.objects.create(user=tech_b_user)
    tech_b.projects.add(world.project_b)
    ob = _done(
        desk,
        tech_b,
        tech_b_user,
        times(at(10, 19, 9), at(10, 19, 10), at(10, 19, 11), at(10, 19, 12), at(10, 20, 10)),
        actor=world.admin,
        unit=world.unit_b,
        customer=world.customer_b,
    )
    SlaClock.objects.filter(work_order=ob).update(met_at=ob.completed_at, due_at=at(10, 22, 18))
    _answer(ob, world.admin, 1, at(10, 21, 10))

    complaints = []
    for day, values in (
        (at(10, 20, 10), {"category": "quality", "severity": "serious", "escalation_level": 1}),
        (at(11, 20, 10), {"category": "service"}),
    ):
        order = desk.repair(type="complaint", category=None, description="投诉")
        WorkOrder.objects.filter(pk=order.pk).update(created_at=day)
        Complaint.objects.filter(work_order=order).update(created_at=day, **values)
        complaints.append(Complaint.objects.get(work_order=order))
    return History(desk, engineering, o1, o2, o3, o4, o5, ob, complaints[0], complaints[1], tech_b_user)
