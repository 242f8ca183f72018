"""Deterministic, idempotent demo data: one city company, two projects, users for every role.

Passwords come from ANJU_DEMO_PASSWORD (default ``anju-demo-2026`` only when DEBUG is on).
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from stdnum.cn import ric

from anju.accounts.models import User
from anju.certificates.models import CertificateCase
from anju.core.errors import ApplicationError
from anju.customers.choices import ConsultationCategory, ContactChannel, CustomerSource, Gender, OwnershipRole
from anju.customers.models import Customer, Tag
from anju.customers.services import contacts
from anju.customers.services.customers import create_customer
from anju.demo.certificates import seed_certificates
from anju.demo.handover import seed_handover
from anju.demo.history import history_exists, seed_history
from anju.demo.mortgage import seed_mortgage
from anju.demo.sales import seed_sales
from anju.demo.service_desk import seed_service_desk
from anju.demo.settlement import seed_settlement
from anju.demo.surveys import seed_surveys
from anju.handover.models import HandoverBatch
from anju.properties.choices import UnitStatus
from anju.properties.models import Building, CityCompany, Project, Unit
from anju.properties.services import set_user_scope
from anju.sales.models import Contract
from anju.surveys.models import SurveyTrigger
from anju.visits import care
from anju.visits.models import CareBasis, CarePlan
from anju.workorders.models import WorkOrder

DEFAULT_PASSWORD = "anju-demo-2026"  # noqa: S105 - documented demo password, refused when DEBUG is off

USERS = [
    # username, display name, role, scope ("all", or project codes)
    ("admin", "系统管理员", "system_admin", "all"),
    ("supervisor", "王主管", "service_supervisor", ["P001", "P002"]),
    ("agent", "李客服", "service_agent", ["P001", "P002"]),
    ("tech", "赵师傅", "technician", ["P001", "P002"]),
    ("sales", "陈顾问", "sales_consultant", ["P001", "P002"]),
    ("mortgage", "周按揭", "mortgage_officer", ["P001", "P002"]),
    ("finance", "吴财务", "finance", ["P001", "P002"]),
    ("manager", "郑总", "management", ["P001", "P002"]),
    ("agent2", "孙客服", "service_agent", ["P002"]),
    ("tech2", "钱师傅", "technician", ["P001", "P002"]),
]
PROJECTS = [
    ("P001", "安居·滨江花园", "上海市浦东新区滨江大道 1 号", datetime.date(2024, 6, 30)),
    ("P002", "安居·云栖苑", "上海市闵行区云栖路 88 号", datetime.date(2025, 12, 20)),
]
STACKS = [
    ("01", "2室2厅1卫", Decimal("89.50"), Decimal("72.10")),
    ("02", "3室2厅2卫", Decimal("118.20"), Decimal("95.30")),
    ("03", "3室2厅2卫", Decimal("118.20"), Decimal("95.30")),
    ("04", "4室2厅2卫", Decimal("143.60"), Decimal("116.80")),
]
FLOORS = 18
TAGS = [("VIP", "#E6A23C"), ("老业主", "#67C23A"), ("投诉敏感", "#F56C6C"), ("意向客户", "#409EFF"), ("已交付", "#909399")]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "华",
    "慧",
    "建国",
    "志强",
    "晓东",
    "海燕",
    "文博",
    "雨桐",
    "子涵",
    "浩然",
    "思远",
    "欣怡",
]
REGIONS = ["310115", "310112", "310104", "110105", "320102", "330106", "440305", "510107"]
MOBILE_PREFIXES = ["138", "139", "136", "150", "151", "158", "186", "187", "177", "199", "135", "182"]
CUSTOMER_COUNT = 320
# A known owner for trying things out (README): search 13912345678 as `agent`; `agent2` (P002 only) cannot see them.
SHOWCASE_OWNER = {"name": "陈安居", "mobile": "13912345678", "project": "P001", "building": "1", "room": "1801"}


def demo_password() -> str:
    if settings.DEMO_PASSWORD:
        return str(settings.DEMO_PASSWORD)
    if not settings.DEBUG:
        raise CommandError("Set ANJU_DEMO_PASSWORD: demo users get no default password when DEBUG is off.")
    return DEFAULT_PASSWORD


def _id_number(rng: random.Random, gender: str) -> str:
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(0, 40 * 365))
    sequence = rng.randrange(0, 499) * 2 + (1 if gender == Gender.MALE else 0)
    body = f"{rng.choice(REGIONS)}{birth:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


class Command(BaseCommand):
    help = "Create the demo data set (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--minimal",
            action="store_true",
            help="users, projects, units and one owner only (seconds instead of minutes: `make prod-drill`)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = demo_password()
        with transaction.atomic():
            users = self._users(password)
            projects = self._properties(users["admin"])
            for username, _name, _role, scope in USERS:
                user = users[username]
                set_user_scope(
                    actor=users["admin"],
                    user=user,
                    all_projects=scope == "all",
                    city_companies=[],
                    projects=[] if scope == "all" else [projects[code] for code in scope],
                )
            tags = self._tags()
        if options.get("minimal"):
            if not Customer.objects.filter(created_by=users["sales"]).exists():
                with transaction.atomic():
                    self._showcase_owner(users["sales"], projects)
            self.stdout.write(self.style.SUCCESS("Minimal demo data ready."))
            return
        if not Customer.objects.filter(created_by=users["sales"]).exists():
            with transaction.atomic():
                self._customers(users, projects, tags)
        if not Contract.objects.exists():
            with transaction.atomic():
                seed_sales(users, projects, random.Random(20261204))
                seed_mortgage(users, projects)
                seed_settlement(users, projects)
        if not CertificateCase.objects.exists():
            with transaction.atomic():
                seed_certificates(users, projects)
        if not WorkOrder.objects.exists():
            with transaction.atomic():
                seed_service_desk(users, projects, random.Random(20261128))
        if not history_exists():
            with transaction.atomic():
                seed_history(users, projects, random.Random(20261216))
        if not CarePlan.objects.exists():
            with transaction.atomic():
                self._care_plans(users, projects, tags)
        if not HandoverBatch.objects.exists():
            with transaction.atomic():
                seed_handover(users, projects)
        if not SurveyTrigger.objects.exists():
            with transaction.atomic():
                seed_surveys(users, projects)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _care_plans(self, users: dict[str, User], projects: dict[str, Project], tags: list[Tag]) -> None:
        """定期回访: a handover plan (T+7, T+30, then yearly) and a quarterly call to VIP owners starting today."""
        supervisor = users["supervisor"]
        care.create_plan(
            actor=supervisor,
            values={
                "project": projects["P001"],
                "name": "交付关怀回访",
                "basis": CareBasis.HANDOVER,
                "offsets": [7, 30],
                "repeat_months": 12,
                "starts_on": datetime.date(2024, 6, 1),
                "script": "您好，我是安居客服。您收房后住得还习惯吗？门窗、水电、防水有没有需要我们处理的地方？",
            },
        )
        care.create_plan(
            actor=supervisor,
            values={
                "project": projects["P001"],
                "name": "VIP 业主季度关怀",
                "basis": CareBasis.GROUP,
                "tag": next(tag for tag in tags if tag.name == "VIP"),
                "offsets": [0],
                "repeat_months": 3,
                "starts_on": timezone.localdate(),
                "assignee": users["agent"],
                "script": "您好，我是您的专属客服。最近居住体验怎么样？社区服务有什么建议吗？",
            },
        )

    def _users(self, password: str) -> dict[str, User]:
        users = {}
        for username, display_name, role, _scope in USERS:
            user, created = User.objects.get_or_create(username=username, defaults={"display_name": display_name})
            if created or not user.check_password(password):
                user.set_password(password)
            user.display_name = display_name
            user.is_active = True
            user.is_staff = role == "system_admin"
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            users[username] = user
        return users

    def _properties(self, admin: User) -> dict[str, Project]:
        company, _ = CityCompany.objects.get_or_create(code="SH", defaults={"name": "上海城市公司"})
        projects = {}
        for code, name, address, delivery in PROJECTS:
            project, _ = Project.objects.get_or_create(
                code=code, defaults={"name": name, "address": address, "city_company": company}
            )
            projects[code] = project
            for number in (1, 2, 3):
                building, _ = Building.objects.get_or_create(
                    project=project,
                    code=str(number),
                    defaults={"name": f"{number}号楼", "floors_above": FLOORS, "floors_below": 1},
                )
                if building.units.exists():
                    continue
                delivered = code == "P001"
                units = []
                for floor in range(1, FLOORS + 1):
                    for stack, layout, gross, internal in STACKS:
                        units.append(
                            Unit(
                                project=project,
                                building=building,
                                room_number=f"{floor}{stack}",
                                floor=floor,
                                stack=stack,
                                layout=layout,
                                predicted_gross_area=gross,
                                predicted_internal_area=internal,
                                measured_gross_area=(gross + Decimal("0.35")) if delivered else None,
                                measured_internal_area=(internal + Decimal("0.20")) if delivered else None,
                                status=UnitStatus.AVAILABLE,
                                delivery_date=delivery if delivered else None,
                            )
                        )
                Unit.objects.bulk_create(units)
        return projects

    def _showcase_owner(self, sales: User, projects: dict[str, Project]) -> Unit:
        unit = Unit.objects.get(
            project=projects[SHOWCASE_OWNER["project"]],
            building__code=SHOWCASE_OWNER["building"],
            room_number=SHOWCASE_OWNER["room"],
        )
        body = "31011519880520003"
        customer = create_customer(
            actor=sales,
            name=SHOWCASE_OWNER["name"],
            gender=Gender.MALE,
            mobiles=[SHOWCASE_OWNER["mobile"]],
            id_number=body + ric.calc_check_digit(body + "0"),
            address="上海市浦东新区滨江大道 88 号",
            source=CustomerSource.WALK_IN,
            marketing_consent=True,
            consultant=sales,
            projects=[unit.project],
        )
        contacts.add_ownership(actor=sales, customer=customer, unit=unit, role=OwnershipRole.PRIMARY, since=unit.delivery_date)
        Unit.objects.filter(pk=unit.pk).update(status=UnitStatus.DELIVERED)
        return unit

    def _tags(self) -> list[Tag]:
        return [Tag.objects.get_or_create(name=name, defaults={"color": color})[0] for name, color in TAGS]

    def _customers(self, users: dict[str, User], projects: dict[str, Project], tags: list[Tag]) -> None:
        rng = random.Random(20261127)
        units = list(
            Unit.objects.select_related("project", "building").order_by("project__code", "building__code", "floor", "stack")
        )
        rng.shuffle(units)
        sales, agent = users["sales"], users["agent"]
        showcase_unit = self._showcase_owner(sales, projects)
        units = [u for u in units if u.pk != showcase_unit.pk]
        used_mobiles: set[str] = {SHOWCASE_OWNER["mobile"]}
        now = timezone.now()
        for index in range(CUSTOMER_COUNT):
            unit = units[index]
            gender = Gender.MALE if rng.random() < 0.5 else Gender.FEMALE
            while True:
                mobile = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(0, 10**8):08d}"
                if mobile not in used_mobiles:
                    used_mobiles.add(mobile)
                    break
            chosen_tags = [t for t in tags if rng.random() < 0.15]
            customer = create_customer(
                actor=sales,
                name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                gender=gender,
                mobiles=[mobile],
                id_number=_id_number(rng, gender),
                address=f"上海市{rng.choice(['浦东新区', '闵行区', '徐汇区', '静安区'])}{rng.randrange(1, 999)}号",
                source=rng.choice(list(CustomerSource)).value,
                tags=chosen_tags,
                marketing_consent=rng.random() < 0.4,
                consultant=sales,
                projects=[unit.project],
            )
            contacts.add_ownership(
                actor=sales, customer=customer, unit=unit, role=OwnershipRole.PRIMARY, since=unit.delivery_date
            )
            Unit.objects.filter(pk=unit.pk).update(
                status=UnitStatus.DELIVERED if unit.delivery_date else rng.choice([UnitStatus.SUBSCRIBED, UnitStatus.CONTRACTED])
            )
            if index % 4 == 0:
                contacts.create_consultation(
                    actor=agent,
                    customer=customer,
                    project=unit.project,
                    channel=ContactChannel.PHONE,
                    category=rng.choice(list(ConsultationCategory)).value,
                    content="咨询交付与物业事宜",
                    reply="已解答",
                    occurred_at=now - datetime.timedelta(days=rng.randrange(1, 60)),
                )
            if index % 5 == 0:
                contacts.create_follow_up(
                    actor=agent,
                    customer=customer,
                    method=ContactChannel.PHONE,
                    content="电话回访，客户反馈良好",
                    next_step="一周后再次跟进",
                    next_follow_up_on=timezone.localdate() + datetime.timedelta(days=rng.randrange(-3, 7)),
                    occurred_at=now - datetime.timedelta(days=rng.randrange(1, 10)),
                )
            if index < 12:
                start = (timezone.localtime(now) + datetime.timedelta(days=index % 3)).replace(
                    hour=9 + index % 8, minute=0, second=0, microsecond=0
                )
                try:
                    contacts.create_appointment(
                        actor=sales,
                        customer=customer,
                        project=unit.project,
                        consultant=sales,
                        starts_at=start,
                        ends_at=start + datetime.timedelta(minutes=45),
                        note="看房",
                    )
                except ApplicationError:
                    continue  # a clash in the generated schedule is simply skipped
