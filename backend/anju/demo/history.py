"""Two years of service-desk history for the demo, so the report centre's charts say something (issue 16 §5).

Deterministic (a seeded random generator, dates counted back from today) and fast: the rows are written in bulk,
the way an import of a previous system's records would be — closed orders with their timestamps, SLA targets met on
time or late, return visits with scores, the complaints low scores led to and one group incident. Imported history
carries no timeline events. What a manager should find in it:

- leaks (卫生间渗漏, 外墙渗漏) peak in the rainy months (June to September);
- a home has more defects in its first year after handover;
- 赵师傅 (tech) is quick and rarely reworks; 钱师傅 (tech2) is slower;
- leakage repairs of 上海安固防水 (the weak contractor) are reworked far more often than those of 上海优筑装饰 (the strong one);
- some orders are late, some reopened, low scores led to complaints, and one building's wall leaks became a group
  incident.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.utils import timezone

from anju.accounts.models import User
from anju.complaints.models import Complaint, Incident
from anju.customers.models import UnitOwnership
from anju.properties.models import Project
from anju.sla.calendar import add_business_minutes
from anju.sla.models import SlaClock
from anju.sla.selectors import working_time
from anju.visits.models import ReturnVisit
from anju.warranty.models import Contractor
from anju.workorders.models import Category, WorkOrder

MARK = "-H"  # history numbers: BX20250312-H0001 (never issued by the live numbering)
DAYS = 730
RAINY = {6, 7, 8, 9}
LEAKS = {"bathroom_leak", "exterior_wall_leak"}
# category code: weight of an ordinary day
WEIGHTS = {
    "water_supply": 5, "drainage": 5, "bathroom_leak": 3, "exterior_wall_leak": 2, "switches_sockets": 4, "lighting": 3,
    "wall_crack": 3, "windows": 3, "entrance_door": 2, "paint": 3, "tiles_floor": 3, "sanitary": 4, "intercom": 1,
}  # fmt: skip
PLUMBING = {
    "water_supply",
    "drainage",
    "bathroom_leak",
    "exterior_wall_leak",
    "switches_sockets",
    "lighting",
    "sanitary",
    "intercom",
}
TEXT = {
    "water_supply": "水管接口渗水",
    "drainage": "下水不畅",
    "bathroom_leak": "卫生间楼板渗水",
    "exterior_wall_leak": "雨后外墙内侧渗水",
    "switches_sockets": "插座无电",
    "lighting": "灯具不亮",
    "wall_crack": "墙面裂缝",
    "windows": "窗户关不严",
    "entrance_door": "入户门锁卡顿",
    "paint": "墙面涂料起泡",
    "tiles_floor": "地砖空鼓",
    "sanitary": "洁具漏水",
    "intercom": "对讲无图像",
}


def history_exists() -> bool:
    return WorkOrder.objects.filter(number__contains=MARK).exists()


def seed_history(users: dict[str, User], projects: dict[str, Project], rng: random.Random) -> int:
    """Write the history (once); returns the number of orders written."""
    if history_exists():
        return 0
    wt = working_time()
    today = timezone.localdate()
    now = timezone.now()
    categories = {c.code: c for c in Category.objects.filter(code__in=WEIGHTS)}
    weak, _ = Contractor.objects.get_or_create(name="上海安固防水工程有限公司")
    strong, _ = Contractor.objects.get_or_create(
        name="上海优筑装饰工程有限公司", defaults={"contact_name": "林经理", "contact_phone": "021-66668888"}
    )
    tech, tech2, agent, supervisor = users["tech"], users["tech2"], users["agent"], users["supervisor"]
    homes: list[UnitOwnership] = list(
        UnitOwnership.objects.filter(unit__delivery_date__isnull=False).select_related("unit", "customer").order_by("id")
    )
    codes = list(WEIGHTS)
    numbers: dict[datetime.date, int] = {}
    orders: list[WorkOrder] = []
    facts: list[dict[str, Any]] = []  # what the order's clocks, visit and complaint need

    def local(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    handed_over = {h.pk: h.unit.delivery_date or today for h in homes}  # every home here has a delivery date

    for back in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=back)
        delivered = [h for h in homes if handed_over[h.pk] <= day]
        if not delivered:
            continue
        # about four orders a day across both projects, more in a home's first year
        first_year = [h for h in delivered if (day - handed_over[h.pk]).days <= 365]
        count = rng.choice([1, 2, 2, 3, 3, 4]) + (rng.choice([0, 1, 2]) if first_year else 0)
        for _ in range(count):
            home = rng.choice(first_year if first_year and rng.random() < 0.6 else delivered)
            weights = [WEIGHTS[c] * (4 if c in LEAKS and day.month in RAINY else 1) for c in codes]
            code = rng.choices(codes, weights)[0]
            created = local(day, rng.randint(8, 19), rng.randint(0, 59))
            technician = tech if code in PLUMBING else tech2
            fast = technician == tech
            contractor = None
            if code in LEAKS:
                contractor = weak if home.unit.project.code == "P001" else strong
            dispatched = add_business_minutes(created, rng.randint(5, 40), wt)
            accepted = add_business_minutes(dispatched, rng.randint(10, 60) if fast else rng.randint(40, 300), wt)
            started = add_business_minutes(accepted, rng.randint(60, 240) if fast else rng.randint(120, 900), wt)
            completed = add_business_minutes(started, rng.randint(30, 180) if fast else rng.randint(60, 600), wt)
            rework = rng.random() < (0.3 if contractor == weak else 0.05 if contractor == strong else 0.06 if fast else 0.12)
            if rework:  # completed a second time a few days later
                completed = add_business_minutes(completed, rng.randint(600, 2400), wt)
            if completed + datetime.timedelta(days=1) > now:
                continue  # history is what has been closed by now (the live demo orders are the open ones)
            numbers[day] = numbers.get(day, 0) + 1
            orders.append(
                WorkOrder(
                    number=f"BX{day:%Y%m%d}{MARK}{numbers[day]:04d}",
                    type="repair",
                    status="closed",
                    project=home.unit.project,
                    building_id=home.unit.building_id,
                    unit=home.unit,
                    customer=home.customer,
                    contact_name=home.customer.name,
                    channel=rng.choice(["phone", "phone", "phone", "wechat", "owner_portal", "walk_in"]),
                    category=categories[code],
                    priority=rng.choice(["urgent", "high", "normal", "normal", "normal", "low"]),
                    description=TEXT[code],
                    assignee=technician,
                    in_warranty=(day - handed_over[home.pk]).days <= (5 * 365 if code in LEAKS else 2 * 365),
                    responsible_contractor=contractor,
                    responsible_party="contractor" if contractor else "",
                    work_done="已处理并经业主确认",
                    owner_confirmed_name=home.customer.name,
                    owner_confirmed_at=completed,
                    reopen_count=1 if rework else 0,
                    dispatched_at=dispatched,
                    accepted_at=accepted,
                    started_at=started,
                    completed_at=completed,
                    closed_at=completed + datetime.timedelta(days=1),
                    created_by=agent,
                )
            )
            facts.append({"created": created, "home": home, "rework": rework, "fast": fast, "contractor": contractor})

    WorkOrder.objects.bulk_create(orders, batch_size=500)
    for order, fact in zip(orders, facts, strict=True):
        order.created_at = fact["created"]
    WorkOrder.objects.bulk_update(orders, ["created_at"], batch_size=500)

    clocks: list[SlaClock] = []
    visits: list[ReturnVisit] = []
    low: list[tuple[WorkOrder, dict[str, Any]]] = []
    for order, fact in zip(orders, facts, strict=True):
        assert order.accepted_at and order.completed_at and order.closed_at
        for target, minutes, met in (("respond", 120, order.accepted_at), ("resolve", 1440, order.completed_at)):
            clocks.append(
                SlaClock(
                    work_order=order, target=target, minutes=minutes, started_at=fact["created"],
                    due_at=add_business_minutes(fact["created"], minutes, wt), met_at=met, met_assignee=order.assignee,
                )
            )  # fmt: skip
        if rng.random() < 0.15:
            continue  # nobody answered the return visit
        score = rng.choices([5, 4, 3, 2, 1], [55, 25, 10, 6, 4] if fact["fast"] else [35, 30, 18, 11, 6])[0]
        if fact["rework"] or (fact["contractor"] is not None and rng.random() < 0.2):
            score = min(score, rng.choice([1, 2, 3]))
        visits.append(
            ReturnVisit(
                kind="service", project=order.project, work_order=order, customer=order.customer, unit=order.unit,
                assignee=agent, technician=order.assignee, status="done", due_at=order.closed_at, attempts=1,
                reached=True, resolved=score >= 3, satisfaction=score,
                outcome_action="closed", completed_at=order.closed_at, completed_by=agent,
            )
        )  # fmt: skip
        if score <= 2:
            low.append((order, fact))
    SlaClock.objects.bulk_create(clocks, batch_size=1000)
    ReturnVisit.objects.bulk_create(visits, batch_size=1000)
    ReturnVisit.objects.filter(work_order__number__contains=MARK).update(created_at=timezone.now())

    _complaints(low, users, rng, agent, supervisor)
    return len(orders)


def _complaints(
    low: list[tuple[WorkOrder, dict[str, Any]]], users: dict[str, User], rng: random.Random, agent: User, supervisor: User
) -> None:
    """A third of the low scores became complaints; the wall leaks of one building in one rainy month, a group incident."""
    chosen = [(o, f) for o, f in low if rng.random() < 0.35]
    walls = [(o, f) for o, f in low if o.category and o.category.code == "exterior_wall_leak"]
    if walls:
        building = walls[0][0].building_id
        chosen += [(o, f) for o, f in walls if o.building_id == building and (o, f) not in chosen][:6]
    numbers: dict[datetime.date, int] = {}
    complaint_orders: list[WorkOrder] = []
    stamps: list[datetime.datetime] = []
    sources: list[WorkOrder] = []  # the repair each complaint is about
    for order, _fact in chosen:
        assert order.closed_at
        when = order.closed_at + datetime.timedelta(hours=rng.randint(2, 48))
        closed = when + datetime.timedelta(days=rng.randint(2, 12))
        if closed > timezone.now():
            continue  # a complaint of the last days would still be open: history holds closed ones only
        day = timezone.localtime(when).date()
        numbers[day] = numbers.get(day, 0) + 1
        complaint_orders.append(
            WorkOrder(
                number=f"TS{day:%Y%m%d}{MARK}{numbers[day]:04d}", type="complaint", status="closed", project=order.project,
                building_id=order.building_id, unit=order.unit, customer=order.customer, contact_name=order.contact_name,
                channel="phone", priority="high", description=f"对维修结果不满意：{order.description}", created_by=agent,
                closed_at=closed,
            )
        )  # fmt: skip
        stamps.append(when)
        sources.append(order)
    WorkOrder.objects.bulk_create(complaint_orders, batch_size=500)
    for order, when in zip(complaint_orders, stamps, strict=True):
        order.created_at = when
    WorkOrder.objects.bulk_update(complaint_orders, ["created_at"], batch_size=500)
    cases = [
        Complaint(
            work_order=order, category=rng.choice(["quality", "quality", "quality", "service"]),
            severity=rng.choices(["normal", "serious", "critical"], [70, 25, 5])[0], owner=supervisor, stage="closed",
            escalation_level=1 if rng.random() < 0.2 else 0, outcome="已返修并回访确认",
        )
        for order in complaint_orders
    ]  # fmt: skip
    Complaint.objects.bulk_create(cases, batch_size=500)
    for case, when in zip(cases, stamps, strict=True):
        case.created_at = when
    Complaint.objects.bulk_update(cases, ["created_at"], batch_size=500)
    group = [c for c, o in zip(cases, sources, strict=True) if o.category and o.category.code == "exterior_wall_leak"]
    if len(group) >= 3:
        first = group[0].work_order
        incident = Incident.objects.create(
            project=first.project, building_id=first.building_id, category="quality", status="closed", owner=supervisor,
            response_plan="成立专项小组，统一排查外墙防水并逐户回访", closed_at=first.closed_at,
            closure_note="外墙防水整改完成，业主代表确认",
        )  # fmt: skip
        incident.complaints.set(group)
        Incident.objects.filter(pk=incident.pk).update(opened_at=group[0].created_at)
