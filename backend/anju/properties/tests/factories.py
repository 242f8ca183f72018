"""factory_boy factories for projects, buildings and units (issue 11 §3).

The rows are plain ORM rows: nothing on the properties side needs a service to be valid. A unit's project is its
building's; ``UnitFactory(building=world.building_a)`` adds a unit to the test world's project A.
"""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from anju.properties.models import Building, CityCompany, Project, Unit


class CityCompanyFactory(DjangoModelFactory):
    class Meta:
        model = CityCompany
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:03d}")
    name = factory.LazyAttribute(lambda o: f"{o.code}城市公司")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    city_company = factory.SubFactory(CityCompanyFactory)
    code = factory.Sequence(lambda n: f"PF{n:03d}")
    name = factory.LazyAttribute(lambda o: f"项目{o.code}")


class BuildingFactory(DjangoModelFactory):
    class Meta:
        model = Building

    project = factory.SubFactory(ProjectFactory)
    code = factory.Sequence(lambda n: f"F{n}")
    name = factory.LazyAttribute(lambda o: f"{o.code}号楼")
    floors_above = 18


class UnitFactory(DjangoModelFactory):
    """A unit on a floor of its own (rooms never collide), 100 m² predicted, 80 m² inside."""

    class Meta:
        model = Unit

    building = factory.SubFactory(BuildingFactory)
    project = factory.LazyAttribute(lambda o: o.building.project)
    floor = factory.Sequence(lambda n: 2 + n % 30)
    stack = factory.Sequence(lambda n: f"{n % 100:02d}")
    room_number = factory.Sequence(lambda n: f"F{n:04d}")
    predicted_gross_area = Decimal("100.00")
    predicted_internal_area = Decimal("80.00")
