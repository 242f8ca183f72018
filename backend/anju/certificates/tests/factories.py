"""Contracts and certificate cases for the certificates tests and the permission-matrix rows."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from anju.certificates.models import CertificateCase
from anju.certificates.services import cases
from anju.mortgage.tests import factories as mortgage
from anju.properties.models import Unit

_rooms = itertools.count(201)
DELIVERED_ON = datetime.date(2024, 5, 20)


def unit(world: Any, *, measured: bool = False, project: Any = None) -> Unit:
    project = project or world.project_a
    building = world.building_a if project == world.project_a else world.building_b
    room = str(next(_rooms))
    return Unit.objects.create(
        project=project,
        building=building,
        room_number=room,
        floor=int(room[0]),
        stack=room[1:],
        predicted_gross_area="100.00",
        predicted_internal_area="80.00",
        measured_gross_area="100.50" if measured else None,
        measured_internal_area="80.20" if measured else None,
    )


def case(
    world: Any,
    *,
    stage: str | None = None,
    plan: str = "full",
    delivered_on: datetime.date | None = DELIVERED_ON,
    measured: bool = False,
    deed_tax: bool = False,
    project: Any = None,
    **options: Any,
) -> CertificateCase:
    """A signed contract (announced like sales does) on a fresh unit, its case opened and (by default) delivered."""
    home = unit(world, measured=measured, project=project)
    contract = mortgage.sign(world, plan=plan, unit=home, project=project, **options)
    row = cases.open_case(actor=world.admin, contract=contract)
    if delivered_on is not None:
        row = cases.start_clocks(actor=world.admin, case=row, delivered_on=delivered_on)
    updates: dict[str, Any] = {}
    if stage:
        updates["stage"] = stage
    if deed_tax:
        updates["deed_tax_paid_on"] = datetime.date(2024, 6, 1)
    if updates:
        CertificateCase.objects.filter(pk=row.pk).update(**updates)
    row.refresh_from_db()
    return row
