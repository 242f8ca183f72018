"""Demo service desk: teams, technicians with skills and areas, a contractor, and work orders in every state."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from anju.accounts.models import User
from anju.customers.models import UnitOwnership
from anju.properties.models import Building, Project
from anju.warranty.models import Contractor, WarrantyResponsibility
from anju.workorders.dispatch import suggestions
from anju.workorders.models import Category, Team, Technician, TechnicianSkill
from anju.workorders.services import orders, transitions

DESCRIPTIONS = {
    "water_supply": ["厨房水龙头下方接口渗水", "热水管压力不足", "阳台洗衣机龙头漏水"],
    "drainage": ["卫生间地漏返味", "厨房下水管堵塞", "阳台排水慢"],
    "bathroom_leak": ["卫生间楼板渗水到楼下天花", "淋浴间墙角渗水发霉"],
    "exterior_wall_leak": ["下雨后客厅外墙内侧渗水", "卧室窗台下墙面潮湿"],
    "switches_sockets": ["客厅插座无电", "卧室开关面板松动"],
    "lighting": ["卫生间吸顶灯不亮", "走廊筒灯闪烁"],
    "wall_crack": ["客厅墙面出现细裂缝", "次卧顶棚抹灰起皮"],
    "windows": ["主卧窗户关不严漏风", "厨房推拉窗滑轮损坏"],
    "entrance_door": ["入户门锁芯卡顿", "入户门合页异响"],
    "paint": ["墙面涂料起泡", "踢脚线处涂料脱落"],
    "tiles_floor": ["客厅地砖空鼓", "卫生间地砖开裂"],
    "sanitary": ["马桶水箱不停进水", "洗手盆下水漏水"],
    "intercom": ["可视对讲无图像", "门禁无法开门"],
}
SKILLS = {
    "tech": [("plumbing", "senior"), ("waterproofing", "senior"), ("electrical", "intermediate"), ("equipment", "intermediate")],
    "tech2": [("civil", "senior"), ("doors_windows", "senior"), ("decoration", "intermediate"), ("waterproofing", "junior")],
}


def seed_service_desk(users: dict[str, User], projects: dict[str, Project], rng: random.Random) -> None:
    plumbing_team, _ = Team.objects.get_or_create(name="水电维修组")
    civil_team, _ = Team.objects.get_or_create(name="土建维修组")
    contractor, _ = Contractor.objects.get_or_create(
        name="上海安固防水工程有限公司",
        defaults={"qualification_number": "D231234567", "contact_name": "周经理", "contact_phone": "021-55556666"},
    )
    for building in Building.objects.filter(project=projects["P001"]):
        WarrantyResponsibility.objects.get_or_create(building=building, item="leakage", defaults={"contractor": contractor})

    technicians = {}
    for username, team in (("tech", plumbing_team), ("tech2", civil_team)):
        technician, _ = Technician.objects.get_or_create(
            user=users[username], defaults={"team": team, "duty_weekdays": [1, 2, 3, 4, 5, 6]}
        )
        technician.projects.set(projects.values())
        for code, level in SKILLS[username]:
            TechnicianSkill.objects.get_or_create(
                technician=technician, category=Category.objects.get(code=code), defaults={"level": level}
            )
        technicians[username] = technician

    agent, supervisor = users["agent"], users["supervisor"]
    owned = list(UnitOwnership.objects.select_related("unit__project", "unit__building", "customer").order_by("id")[:400])
    rng.shuffle(owned)
    codes = list(DESCRIPTIONS)
    plan = ["pending"] * 10 + ["dispatched"] * 6 + ["accepted"] * 4 + ["in_progress"] * 5 + ["on_hold"] * 2
    plan += ["completed"] * 5 + ["closed"] * 4
    visit_day = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    for index, step in enumerate(plan):
        ownership = owned[index]
        # Some open orders have a visit window with the owner today or tomorrow (the technician's phone shows them first).
        visit = visit_day + datetime.timedelta(days=index % 2, hours=index % 3) if step in ("dispatched", "accepted") else None
        code = codes[index % len(codes)]
        category = Category.objects.get(code=code)
        order = orders.create_work_order(
            actor=agent,
            type="repair",
            unit=ownership.unit,
            customer=ownership.customer,
            category=category,
            channel=rng.choice(["phone", "phone", "wechat", "owner_portal", "walk_in"]),
            priority=rng.choice(["urgent", "high", "normal", "normal", "normal", "low"]),
            description=rng.choice(DESCRIPTIONS[code]),
            appointment_start=visit,
            appointment_end=visit + datetime.timedelta(hours=1) if visit else None,
        )
        if step == "pending":
            continue
        top = next((s for s in suggestions(order) if s.eligible), None)
        technician = top.technician if top else technicians["tech"]
        order = transitions.dispatch(actor=supervisor, order=order, technician=technician)
        tech_user = technician.user
        if step == "dispatched":
            continue
        order = transitions.accept(actor=tech_user, order=order)
        if step == "accepted":
            continue
        order = transitions.start(actor=tech_user, order=order)
        if step == "in_progress":
            continue
        if step == "on_hold":
            transitions.hold(actor=tech_user, order=order, reason="等待配件到货")
            continue
        lines: list[dict[str, Any]] = [
            {"kind": "labour", "name": "上门维修人工", "quantity": Decimal("1"), "unit": "次", "unit_price": Decimal("80.00")},
            {"kind": "material", "name": "配件", "quantity": Decimal("1"), "unit": "个", "unit_price": Decimal("45.00")},
        ]
        order = transitions.complete(
            actor=tech_user,
            order=order,
            work_done="已现场处理并试用正常",
            lines=lines,
            owner_confirmed_name=ownership.customer.name,
        )
        if step == "closed":
            order = transitions.verify(actor=agent, order=order)
            transitions.close(actor=agent, order=order, reason="回访满意")

    # Other types the desk records.
    others = [
        ("complaint", "物业保安态度差，投诉处理", "high"),
        ("consultation", "咨询不动产权证办理进度", "normal"),
        ("suggestion", "建议小区增加电动车充电桩", "low"),
        ("praise", "表扬赵师傅维修及时认真", "low"),
    ]
    for offset, (kind, text, priority) in enumerate(others):
        ownership = owned[len(plan) + offset]
        orders.create_work_order(
            actor=agent, type=kind, unit=ownership.unit, customer=ownership.customer, description=text, priority=priority
        )
