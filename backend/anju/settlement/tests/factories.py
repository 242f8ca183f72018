"""Units with measured areas, contracts on them and batches for the settlement tests and matrix rows."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from anju.mortgage.tests.factories import consultant
from anju.properties.models import Building, Unit
from anju.sales.choices import EntryKind, EntryStatus, ReceivableKind
from anju.sales.models import Contract, ContractBuyer, LedgerEntry, Receivable
from anju.settlement.models import SettlementBatch
from anju.settlement.services import batches

_rooms = itertools.count(201)
_numbers = itertools.count(1)
_buildings = itertools.count(1)
SIGNED_ON = datetime.date(2026, 3, 2)
D = Decimal


def unit(
    world: Any,
    *,
    gross: str = "100.00",
    internal: str = "80.00",
    measured: tuple[str, str] | None = None,
    project: Any = None,
    building: Any = None,
) -> Unit:
    project = project or world.project_a
    building = building or (world.building_a if project == world.project_a else world.building_b)
    return Unit.objects.create(
        project=project,
        building=building,
        room_number=str(next(_rooms)),
        floor=2,
        stack="01",
        predicted_gross_area=D(gross),
        predicted_internal_area=D(internal),
        measured_gross_area=D(measured[0]) if measured else None,
        measured_internal_area=D(measured[1]) if measured else None,
        status="contracted",
    )


def contract(
    world: Any,
    *,
    basis: str = "building_area",
    clause: str = "statutory",
    gross: str = "100.00",
    internal: str = "80.00",
    measured: tuple[str, str] | None = ("102.00", "81.60"),
    unit_price: str | None = "20000.00",
    total: str | None = None,
    paid: str | None = None,
    project: Any = None,
    threshold: str = "3.00",
    multiplier: str = "2.00",
    rescission_days: int = 30,
    building: Any = None,
) -> Contract:
    """A signed contract of project A on a fresh unit (measured as given), fully paid unless ``paid`` says otherwise."""
    project = project or world.project_a
    row_unit = unit(world, gross=gross, internal=internal, measured=measured, project=project, building=building)
    priced = D(internal) if basis == "inner_area" else D(gross)
    total_price = D(total) if total else (D(unit_price) * priced if unit_price else D("2000000.00"))
    row = Contract.objects.create(
        number=f"HT-S{next(_numbers):05d}",
        project=project,
        unit=row_unit,
        signed_on=SIGNED_ON,
        consultant=consultant(world),
        pricing_basis=basis,
        unit_price=D(unit_price) if unit_price and basis != "whole_unit" else None,
        gross_area=D(gross),
        internal_area=D(internal),
        total_price=total_price,
        payment_plan="full_payment",
        filing_due_on=SIGNED_ON + datetime.timedelta(days=30),
        area_clause=clause,
        area_threshold_percent=D(threshold),
        excess_refund_multiplier=D(multiplier),
        rescission_refund_days=rescission_days,
    )
    customer = world.customer_a if project == world.project_a else world.customer_b
    ContractBuyer.objects.create(contract=row, customer=customer, role="primary", share=D("100.00"))
    Receivable.objects.create(contract=row, kind=ReceivableKind.DOWN_PAYMENT, amount=total_price)
    amount = total_price if paid is None else D(paid)
    if amount > 0:
        LedgerEntry.objects.create(
            contract=row,
            kind=EntryKind.RECEIPT,
            status=EntryStatus.POSTED,
            amount=amount,
            occurred_on=SIGNED_ON,
            method="transfer",
        )
    return row


def building(world: Any, project: Any = None) -> Building:
    project = project or world.project_a
    code = f"S{next(_buildings)}"
    return Building.objects.create(project=project, code=code, name=f"{code}号楼", floors_above=18)


def batch(world: Any, *, status: str | None = None, actor: Any = None, **contract_options: Any) -> SettlementBatch:
    """A batch of a fresh building of project A with one contract."""
    where = building(world, contract_options.get("project"))
    contract(world, building=where, **contract_options)
    created = batches.create_batch(actor=actor or world.admin, building=where)
    if status:
        SettlementBatch.objects.filter(pk=created.pk).update(status=status)
        created.refresh_from_db()
    return created
