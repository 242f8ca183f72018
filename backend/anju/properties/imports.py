"""Excel import and export of buildings and units (all-or-nothing per file)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import record_event
from anju.core.excel import Column, ImportErrors, build_workbook, open_workbook, read_sheet
from anju.core.validators import InvalidValue, parse_day
from anju.properties.choices import UnitStatus
from anju.properties.events import PropertyEvent
from anju.properties.models import Building, Project, Unit
from anju.properties.services import UNIT_FIELDS, _ensure_in_scope

BUILDING_SHEET = gettext_lazy("Buildings")
UNIT_SHEET = gettext_lazy("Units")

BUILDING_COLUMNS = [
    Column("code", gettext_lazy("Building code"), required=True),
    Column("name", gettext_lazy("Building name"), required=True),
    Column("floors_above", gettext_lazy("Floors above ground"), required=True),
    Column("floors_below", gettext_lazy("Floors below ground")),
]
UNIT_COLUMNS = [
    Column("building_code", gettext_lazy("Building code"), required=True),
    Column("room_number", gettext_lazy("Room number"), required=True),
    Column("floor", gettext_lazy("Floor"), required=True, width=8),
    Column("stack", gettext_lazy("Stack"), required=True, width=8),
    Column("layout", gettext_lazy("Layout")),
    Column("predicted_gross_area", gettext_lazy("Predicted gross floor area (m²)"), required=True, width=22),
    Column("predicted_internal_area", gettext_lazy("Predicted internal area (m²)"), required=True, width=22),
    Column("measured_gross_area", gettext_lazy("Measured gross floor area (m²)"), width=22),
    Column("measured_internal_area", gettext_lazy("Measured internal area (m²)"), width=22),
    Column("status", gettext_lazy("Status"), width=10),
    Column("delivery_date", gettext_lazy("Delivery date"), width=14),
]


def _sheet_names(label: Any) -> list[str]:
    from django.utils import translation

    names = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            names.append(str(label))
    return names


def _int(value: Any, *, minimum: int | None = None) -> int:
    if isinstance(value, bool):
        raise ValueError
    number = int(str(value).strip()) if not isinstance(value, int | float) else int(value)
    if isinstance(value, float) and value != int(value):
        raise ValueError
    if minimum is not None and number < minimum:
        raise ValueError
    return number


def _area(value: Any) -> Decimal:
    area = Decimal(str(value).strip())
    if not area.is_finite() or area <= 0 or area.as_tuple().exponent < -2 or area >= Decimal("100000000"):  # type: ignore[operator]
        raise ValueError
    return area.quantize(Decimal("0.01"))


def _status(value: Any) -> str:
    text = str(value).strip()
    for choice in UnitStatus:
        names = {choice.value}
        from django.utils import translation

        for language in ("zh-hans", "en"):
            with translation.override(language):
                names.add(str(choice.label))
        if text in names or text.lower() in {n.lower() for n in names}:
            return str(choice.value)
    raise ValueError


def _read(workbook: Any, label: Any, columns: list[Column]) -> list[tuple[int, dict[str, Any]]]:
    for name in _sheet_names(label):
        rows = read_sheet(workbook, columns, sheet=name)
        if rows:
            return rows
    return []


def import_project_workbook(*, actor: Any, project: Project, upload: Any) -> dict[str, int]:
    """Create or update the project's buildings and units from one workbook; nothing on any error."""
    _ensure_in_scope(actor, project)
    workbook = open_workbook(upload)
    building_rows = _read(workbook, BUILDING_SHEET, BUILDING_COLUMNS)
    unit_rows = _read(workbook, UNIT_SHEET, UNIT_COLUMNS)
    if not building_rows and not unit_rows:
        message = _("No rows found in the Buildings or Units sheet.")
        raise ApplicationError(CoreErrorCode.IMPORT_EMPTY_FILE, message, fields={"file": [message]})

    errors = ImportErrors()
    existing = {b.code: b for b in Building.objects.filter(project=project)}
    buildings: dict[str, dict[str, Any]] = {}
    for line, row in building_rows:
        values: dict[str, Any] = {}
        code = str(row.get("code") or "").strip()
        if not code or len(code) > 20:
            errors.add(line, str(BUILDING_COLUMNS[0].label), _("Required, at most 20 characters."))
        elif code in buildings:
            errors.add(line, str(BUILDING_COLUMNS[0].label), _("Duplicate in this file."))
        name = str(row.get("name") or "").strip()
        if not name or len(name) > 50:
            errors.add(line, str(BUILDING_COLUMNS[1].label), _("Required, at most 50 characters."))
        try:
            values["floors_above"] = _int(row.get("floors_above"), minimum=1)
        except (TypeError, ValueError):
            errors.add(line, str(BUILDING_COLUMNS[2].label), _("Enter a whole number of at least 1."))
        try:
            values["floors_below"] = _int(row.get("floors_below") or 0, minimum=0)
        except (TypeError, ValueError):
            errors.add(line, str(BUILDING_COLUMNS[3].label), _("Enter a whole number of at least 0."))
        buildings[code] = {"name": name, **values}

    known_codes = set(existing) | set(buildings)
    units: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for line, row in unit_rows:
        label = {c.key: str(c.label) for c in UNIT_COLUMNS}
        building_code = str(row.get("building_code") or "").strip()
        if building_code not in known_codes:
            errors.add(line, label["building_code"], _("Unknown building code."))
        room = str(row.get("room_number") or "").strip()
        if not room or len(room) > 20:
            errors.add(line, label["room_number"], _("Required, at most 20 characters."))
        elif (building_code, room) in units:
            errors.add(line, label["room_number"], _("Duplicate in this file."))
        values = {"room_number": room}
        try:
            values["floor"] = _int(row.get("floor"))
            if not -10 <= values["floor"] <= 300:
                raise ValueError
        except (TypeError, ValueError):
            errors.add(line, label["floor"], _("Enter a whole number."))
        stack = str(row.get("stack") or "").strip()
        if not stack or len(stack) > 10:
            errors.add(line, label["stack"], _("Required, at most 10 characters."))
        values["stack"] = stack
        layout = str(row.get("layout") or "").strip()
        if len(layout) > 50:
            errors.add(line, label["layout"], _("At most 50 characters."))
        values["layout"] = layout
        for key in ("predicted_gross_area", "predicted_internal_area", "measured_gross_area", "measured_internal_area"):
            raw = row.get(key)
            if raw is None:
                if key.startswith("predicted"):
                    errors.add(line, label[key], _("Required."))
                values[key] = None
                continue
            try:
                values[key] = _area(raw)
            except (InvalidOperation, ValueError, TypeError):
                errors.add(line, label[key], _("Enter a positive area with at most 2 decimal places."))
        for internal, gross in (
            ("predicted_internal_area", "predicted_gross_area"),
            ("measured_internal_area", "measured_gross_area"),
        ):
            if values.get(internal) is not None and values.get(gross) is not None and values[internal] > values[gross]:
                errors.add(line, label[internal], _("The internal area cannot exceed the gross floor area."))
        try:
            values["status"] = _status(row["status"]) if row.get("status") is not None else UnitStatus.AVAILABLE.value
        except ValueError:
            errors.add(line, label["status"], _("Unknown status."))
        try:  # a day between 1900-01-01 and 2200-12-31, as for every date the API accepts
            values["delivery_date"] = parse_day(row["delivery_date"]) if row.get("delivery_date") is not None else None
        except InvalidValue as exc:
            errors.add(line, label["delivery_date"], str(exc))
        units[(building_code, room)] = (line, values)

    errors.raise_if_errors()

    created = {"buildings_created": 0, "buildings_updated": 0, "units_created": 0, "units_updated": 0}
    with transaction.atomic():
        for code, values in buildings.items():
            building = existing.get(code)
            if building is None:
                building = Building.objects.create(project=project, code=code, **values)
                existing[code] = building
                created["buildings_created"] += 1
            else:
                for key, value in values.items():
                    setattr(building, key, value)
                building.save()
                created["buildings_updated"] += 1
        current = {(u.building.code, u.room_number): u for u in Unit.objects.filter(project=project).select_related("building")}
        new_units = []
        for (code, room), (_line, values) in units.items():
            unit = current.get((code, room))
            if unit is None:
                new_units.append(Unit(project=project, building=existing[code], **values))
            else:
                for key, value in values.items():
                    setattr(unit, key, value)
                unit.version += 1
                unit.save()
                created["units_updated"] += 1
        Unit.objects.bulk_create(new_units, batch_size=500)
        created["units_created"] = len(new_units)
        record_event(target=project, type=PropertyEvent.IMPORTED, actor=actor, data=created)
    return created


def template_workbook() -> bytes:
    example_buildings = [["1", "1号楼", 18, 1]]
    example_units = [["1", "1801", 18, "01", "3室2厅2卫", "98.50", "80.12", None, None, str(UnitStatus.AVAILABLE.label), None]]
    return build_workbook(
        [
            (str(BUILDING_SHEET), BUILDING_COLUMNS, example_buildings),
            (str(UNIT_SHEET), UNIT_COLUMNS, example_units),
        ]
    )


def export_units_workbook(units: QuerySet[Unit]) -> bytes:
    rows = (
        [
            u.building.code,
            u.room_number,
            u.floor,
            u.stack,
            u.layout,
            u.predicted_gross_area,
            u.predicted_internal_area,
            u.measured_gross_area,
            u.measured_internal_area,
            str(UnitStatus(u.status).label),
            u.delivery_date.isoformat() if u.delivery_date else None,
        ]
        for u in units.select_related("building").order_by("building__code", "-floor", "stack").iterator(chunk_size=1000)
    )
    return build_workbook([(str(UNIT_SHEET), UNIT_COLUMNS, rows)])


__all__ = ["UNIT_FIELDS", "export_units_workbook", "import_project_workbook", "template_workbook"]
