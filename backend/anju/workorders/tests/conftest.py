from __future__ import annotations

import datetime
from typing import Any

import pytest

from anju.workorders.models import Category, Technician, TechnicianSkill
from conftest import World


def _category(code: str, name: str, item: str, parent: Category | None = None) -> Category:
    return Category.objects.get_or_create(code=code, defaults={"name": name, "warranty_item": item, "parent": parent})[0]


class Desk:
    """Project A's service desk: an agent, a supervisor and two technicians (one senior plumber)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.agent = world.user("desk_agent", role="service_agent", projects=[world.project_a])
        self.supervisor = world.user("desk_supervisor", role="service_supervisor", projects=[world.project_a])
        # The seeded tree (a data migration); recreated here for transactional tests, which flush it.
        plumbing = _category("plumbing", "水电", "electrical_plumbing")
        self.water = _category("water_supply", "给水管道", "", plumbing)  # → electrical_plumbing (2 years)
        leaks = _category("waterproofing", "防水渗漏", "leakage")
        self.bathroom = _category("bathroom_leak", "卫生间渗漏", "", leaks)  # → leakage (5 years)
        self.paint = _category("paint", "墙面涂料", "", _category("decoration", "装修", "decoration"))
        self.plumber_user = world.user("plumber", role="technician", projects=[world.project_a])
        self.plumber = Technician.objects.create(user=self.plumber_user, duty_weekdays=[1, 2, 3, 4, 5, 6, 7])
        self.plumber.projects.add(world.project_a)
        self.plumber.buildings.add(world.building_a)
        TechnicianSkill.objects.create(technician=self.plumber, category=self.water, level="senior")
        self.painter_user = world.user("painter", role="technician", projects=[world.project_a])
        self.painter = Technician.objects.create(user=self.painter_user)
        self.painter.projects.add(world.project_a)
        TechnicianSkill.objects.create(technician=self.painter, category=self.paint, level="junior")

    def repair(self, **overrides: Any) -> Any:
        from anju.workorders.services.orders import create_work_order

        values: dict[str, Any] = {
            "actor": self.agent,
            "type": "repair",
            "unit": self.world.unit_a,
            "customer": self.world.customer_a,
            "category": self.water,
            "description": "厨房水管漏水",
            "contact_phone": "13800138000",
        }
        values.update(overrides)
        return create_work_order(**values)


@pytest.fixture
def desk(world: World) -> Desk:
    return Desk(world)


@pytest.fixture
def today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()
