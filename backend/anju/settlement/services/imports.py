"""The survey report (房屋测绘报告) as an Excel import of measured areas: all or nothing, row errors with line
numbers (``core.excel``), each unit changed through the properties service (an event on the unit), then the lines of
batches not yet posted recalculated (``batches.recalculate_units``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.events import record_event
from anju.core.excel import Column, ImportErrors, build_workbook, open_workbook, read_sheet
from anju.properties import services as property_services
from anju.properties.imports import _area
from anju.properties.models import Project, Unit
from anju.properties.services import _ensure_in_scope
from anju.settlement.events import SettlementEvent
from anju.settlement.services.batches import recalculate_units

COLUMNS = [
    Column("building_code", gettext_lazy("Building code"), required=True),
    Column("room_number", gettext_lazy("Room number"), required=True),
    Column("measured_gross_area", gettext_lazy("Measured gross floor area (m²)"), required=True, width=22),
    Column("measured_internal_area", gettext_lazy("Measured internal area (m²)"), required=True, width=22),
]
SHEET = gettext_lazy("Measured areas")


def template_workbook() -> bytes:
    return build_workbook([(str(SHEET), COLUMNS, [["1", "101", "102.00", "81.60"]])])


def _parse(rows: list[tuple[int, dict[str, Any]]], units: dict[tuple[str, str], Unit]) -> dict[int, tuple[Decimal, Decimal]]:
    errors = ImportErrors()
    label = {c.key: str(c.label) for c in COLUMNS}
    found: dict[int, tuple[Decimal, Decimal]] = {}
    for line, row in rows:
        key = (str(row.get("building_code") or "").strip(), str(row.get("room_number") or "").strip())
        unit = units.get(key)
        if unit is None:
            errors.add(line, label["room_number"], _("No such unit in this project."))
        elif unit.pk in found:
            errors.add(line, label["room_number"], _("Duplicate in this file."))
        areas: dict[str, Decimal] = {}
        for name in ("measured_gross_area", "measured_internal_area"):
            try:
                areas[name] = _area(row.get(name))
            except (InvalidOperation, ValueError, TypeError):
                errors.add(line, label[name], _("Enter a positive area with at most 2 decimal places."))
        if len(areas) == 2 and areas["measured_internal_area"] > areas["measured_gross_area"]:
            errors.add(line, label["measured_internal_area"], _("The internal area cannot exceed the gross floor area."))
        if unit is not None and len(areas) == 2:
            found[unit.pk] = (areas["measured_gross_area"], areas["measured_internal_area"])
    if not rows:
        errors.add(1, label["room_number"], _("No rows found."))
    errors.raise_if_errors()
    return found


def import_measured_areas(*, actor: Any, project: Project, upload: Any) -> dict[str, Any]:
    """Set the measured areas of the project's units from the file; nothing on any error. Returns the counts and the
    settlement lines whose figures changed (old → new)."""
    _ensure_in_scope(actor, project)
    workbook = open_workbook(upload)
    rows = read_sheet(workbook, COLUMNS)
    units = {(u.building.code, u.room_number): u for u in Unit.objects.filter(project=project).select_related("building")}
    found = _parse(rows, units)
    by_id = {u.pk: u for u in units.values()}
    with transaction.atomic():
        changed: list[int] = []
        for unit_id, (gross, internal) in found.items():
            unit = by_id[unit_id]
            if unit.measured_gross_area == gross and unit.measured_internal_area == internal:
                continue
            property_services.update_unit(actor=actor, unit=unit, measured_gross_area=gross, measured_internal_area=internal)
            changed.append(unit_id)
        recalculated = recalculate_units(actor=actor, unit_ids=changed)
        result = {"rows": len(found), "units_updated": len(changed), "unchanged": len(found) - len(changed)}
        record_event(
            target=project,
            type=SettlementEvent.MEASURED_AREAS_IMPORTED,
            actor=actor,
            data={**result, "lines_recalculated": len(recalculated)},
        )
    return {**result, "recalculated": recalculated}
