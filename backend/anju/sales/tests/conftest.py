"""Sales fixtures: project A's 1号楼 with a presale permit and an approved price list, a consultant, finance and a
supervisor; ``deals.subscribe()`` / ``deals.sign()`` make deals with sensible defaults."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from conftest import World


class Deals:
    def __init__(self, world: World) -> None:
        from anju.properties.models import Unit
        from anju.sales.models import PresalePermit, PriceList, PriceListItem

        self.world = world
        self.sales = world.user("deal_sales", role="sales_consultant", projects=[world.project_a])
        self.finance = world.user("deal_finance", role="finance", projects=[world.project_a])
        self.supervisor = world.user("deal_supervisor", role="service_supervisor", projects=[world.project_a])
        self.manager = world.user("deal_manager", role="management", projects=[world.project_a])
        self.permit = PresalePermit.objects.create(
            project=world.project_a,
            building=world.building_a,
            number="沪房管(2025)预字0001号",
            issued_on=datetime.date(2025, 1, 1),
        )
        self.units = [world.unit_a]
        for room in ("102", "103", "104"):
            self.units.append(
                Unit.objects.create(
                    project=world.project_a,
                    building=world.building_a,
                    room_number=room,
                    floor=1,
                    stack=room[-2:],
                    predicted_gross_area=Decimal("100.00"),
                    predicted_internal_area=Decimal("80.00"),
                )
            )
        self.price_list = PriceList.objects.create(
            project=world.project_a,
            building=world.building_a,
            version_number=1,
            effective_from=datetime.date(2025, 1, 1),
            status="approved",
        )
        for unit in self.units:
            PriceListItem.objects.create(
                price_list=self.price_list, unit=unit, unit_price=Decimal("30000.00"), total_price=Decimal("3000000.00")
            )

    def unit(self, index: int = 1) -> Any:
        from anju.properties.models import Unit

        return Unit.objects.get(pk=self.units[index].pk)

    def buyers(self, *customers: Any) -> list[Any]:
        from anju.sales.services.deals import Buyer

        chosen = customers or (self.world.customer_a,)
        if len(chosen) == 1:
            return [Buyer(chosen[0], "primary", Decimal("100.00"))]
        return [Buyer(chosen[0], "primary", Decimal("60.00")), Buyer(chosen[1], "co_buyer", Decimal("40.00"))]

    def subscribe(self, index: int = 1, **overrides: Any) -> Any:
        from anju.sales.services.deals import create_subscription

        values: dict[str, Any] = {"deposit_amount": Decimal("50000.00")}
        values.update(overrides)
        return create_subscription(actor=self.sales, unit=self.unit(index), buyers=self.buyers(), **values)

    def sign(self, index: int = 1, **overrides: Any) -> Any:
        from anju.sales.services.deals import create_contract

        return create_contract(actor=self.sales, unit=self.unit(index), buyers=self.buyers(), **overrides)


@pytest.fixture
def deals(world: World) -> Deals:
    return Deals(world)
