"""Property writes: every change within scope, every change an event."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts import access
from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.events import CommonEvent, diff_changes, record_event
from anju.core.records import apply_changes, ensure_version
from anju.properties.choices import UnitStatus
from anju.properties.errors import ErrorCode
from anju.properties.events import PropertyEvent
from anju.properties.models import Building, CityCompany, Project, Unit, UserScope
from anju.properties.scope import can_see_project
from anju.properties.signals import unit_delivered


def _ensure_in_scope(actor: Any, project: Project) -> None:
    if not can_see_project(actor, project.pk):
        raise ApplicationError(
            CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE,
            _("This project is outside your data scope."),
            fields={"project": [_("This project is outside your data scope.")]},
        )


def _delete(actor: Any, instance: models.Model, *, in_use_message: str) -> None:
    try:
        with transaction.atomic():
            record_event(target=instance, type=CommonEvent.DELETED, actor=actor)
            instance.delete()
    except ProtectedError as exc:
        raise ApplicationError(ErrorCode.RECORD_IN_USE, in_use_message, status_code=409) from exc


def _save_unique(instance: models.Model, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ApplicationError(CoreErrorCode.RECORD_DUPLICATE, message, fields={field: [message]}) from exc


# --- City companies and projects ---------------------------------------------------------


@transaction.atomic
def create_city_company(*, actor: Any, code: str, name: str) -> CityCompany:
    company = CityCompany(code=code, name=name)
    _save_unique(company, "code", _("A city company with this code or name exists."))
    record_event(target=company, type=CommonEvent.CREATED, actor=actor, changes=diff_changes({}, {"code": code, "name": name}))
    return company


@transaction.atomic
def update_city_company(*, actor: Any, company: CityCompany, **values: Any) -> CityCompany:
    changes = apply_changes(company, values)
    _save_unique(company, "code", _("A city company with this code or name exists."))
    if changes:
        record_event(target=company, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return company


def delete_city_company(*, actor: Any, company: CityCompany) -> None:
    _delete(actor, company, in_use_message=_("This city company still has projects."))


@transaction.atomic
def create_project(*, actor: Any, city_company: CityCompany, code: str, name: str, address: str = "") -> Project:
    from anju.properties.selectors import list_city_companies

    if not list_city_companies(actor=actor).filter(pk=city_company.pk).exists():
        message = _("This city company is outside your data scope.")
        raise ApplicationError(ErrorCode.SCOPE_CITY_COMPANY_OUTSIDE_SCOPE, message, fields={"city_company": [message]})
    project = Project(city_company=city_company, code=code, name=name, address=address)
    _save_unique(project, "code", _("A project with this code exists."))
    record_event(target=project, type=CommonEvent.CREATED, actor=actor, changes=diff_changes({}, {"code": code, "name": name}))
    return project


@transaction.atomic
def update_project(*, actor: Any, project: Project, **values: Any) -> Project:
    changes = apply_changes(project, values)
    _save_unique(project, "code", _("A project with this code exists."))
    if changes:
        record_event(target=project, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return project


def delete_project(*, actor: Any, project: Project) -> None:
    _delete(actor, project, in_use_message=_("This project still has buildings."))


# --- Buildings and units -------------------------------------------------------------------


@transaction.atomic
def create_building(
    *, actor: Any, project: Project, code: str, name: str, floors_above: int = 1, floors_below: int = 0
) -> Building:
    _ensure_in_scope(actor, project)
    building = Building(project=project, code=code, name=name, floors_above=floors_above, floors_below=floors_below)
    _save_unique(building, "code", _("A building with this code exists in the project."))
    record_event(target=building, type=CommonEvent.CREATED, actor=actor, also_on=[project])
    return building


@transaction.atomic
def update_building(*, actor: Any, building: Building, **values: Any) -> Building:
    changes = apply_changes(building, values)
    _save_unique(building, "code", _("A building with this code exists in the project."))
    if changes:
        record_event(target=building, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return building


def delete_building(*, actor: Any, building: Building) -> None:
    _delete(actor, building, in_use_message=_("This building still has units."))


def _check_areas(values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    pairs = [("predicted_internal_area", "predicted_gross_area"), ("measured_internal_area", "measured_gross_area")]
    for internal, gross in pairs:
        a, b = values.get(internal), values.get(gross)
        if a is not None and b is not None and Decimal(a) > Decimal(b):
            errors[internal] = [_("The internal area cannot exceed the gross floor area.")]
    if errors:
        raise ApplicationError(ErrorCode.UNIT_INVALID_AREA, _("Some fields are invalid."), fields=errors)


def _unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {f: getattr(unit, f) for f in UNIT_FIELDS}


UNIT_FIELDS = [
    "room_number",
    "floor",
    "stack",
    "layout",
    "predicted_gross_area",
    "predicted_internal_area",
    "measured_gross_area",
    "measured_internal_area",
    "status",
    "delivery_date",
]


@transaction.atomic
def create_unit(*, actor: Any, building: Building, **values: Any) -> Unit:
    _ensure_in_scope(actor, building.project)
    _check_areas(values)
    unit = Unit(building=building, project=building.project, **values)
    _save_unique(unit, "room_number", _("A unit with this room number exists in the building."))
    record_event(
        target=unit, type=CommonEvent.CREATED, actor=actor, changes=diff_changes({}, _unit_snapshot(unit)), also_on=[building]
    )
    return unit


@transaction.atomic
def update_unit(*, actor: Any, unit: Unit, version: int | None = None, **values: Any) -> Unit:
    unit = Unit.objects.select_for_update().select_related("building").get(pk=unit.pk)
    ensure_version(unit, version)
    _check_areas({**_unit_snapshot(unit), **values})
    old_status = unit.status
    changes = apply_changes(unit, values)
    if not changes:
        return unit
    unit.version += 1
    unit.updated_at = timezone.now()
    _save_unique(unit, "room_number", _("A unit with this room number exists in the building."))
    record_event(
        target=unit,
        type=PropertyEvent.STATUS_CHANGED if list(changes) == ["status"] else CommonEvent.UPDATED,
        actor=actor,
        changes=changes,
        from_status=old_status if "status" in changes else "",
        to_status=unit.status if "status" in changes else "",
    )
    return unit


@transaction.atomic
def deliver_unit(*, actor: Any, unit: Unit, delivered_on: datetime.date) -> Unit:
    """The unit is handed over (交付): status 已交付 and the delivery date, which drives warranty periods and the
    certificate clocks. Sends ``unit_delivered`` so those apps start their clocks in the same transaction."""
    unit = Unit.objects.select_for_update().select_related("building").get(pk=unit.pk)
    _ensure_in_scope(actor, unit.project)
    old_status = unit.status
    changes = apply_changes(unit, {"status": UnitStatus.DELIVERED, "delivery_date": delivered_on})
    if changes:
        unit.version += 1
        unit.updated_at = timezone.now()
        unit.save()
        record_event(
            target=unit,
            type=PropertyEvent.DELIVERED,
            actor=actor,
            changes=changes,
            from_status=old_status if "status" in changes else "",
            to_status=unit.status if "status" in changes else "",
        )
    unit_delivered.send(sender=Unit, unit=unit, delivered_on=delivered_on, actor=actor)
    return unit


def delete_unit(*, actor: Any, unit: Unit) -> None:
    _delete(actor, unit, in_use_message=_("This unit has owners or records and cannot be deleted."))


# --- Data scope assignment -------------------------------------------------------------------


@transaction.atomic
def set_user_scope(
    *, actor: Any, user: Any, all_projects: bool, city_companies: list[CityCompany], projects: list[Project]
) -> UserScope:
    from anju.accounts.roles import ALL_SCOPE_ROLES

    if all_projects and not set(user.groups.values_list("name", flat=True)) & ALL_SCOPE_ROLES:
        raise ApplicationError(
            ErrorCode.SCOPE_ALL_PROJECTS_NOT_ALLOWED,
            _("Only system administrators and management may be bound to all projects."),
            fields={"all_projects": [_("Only system administrators and management may be bound to all projects.")]},
        )
    scope, _created = UserScope.objects.select_for_update().get_or_create(user=user)
    before = {
        "all_projects": scope.all_projects,
        "city_companies": sorted(c.code for c in scope.city_companies.all()),
        "projects": sorted(p.code for p in scope.projects.all()),
    }
    scope.all_projects = all_projects
    scope.save()
    scope.city_companies.set([] if all_projects else city_companies)
    scope.projects.set([] if all_projects else projects)
    after = {
        "all_projects": all_projects,
        "city_companies": sorted(c.code for c in scope.city_companies.all()),
        "projects": sorted(p.code for p in scope.projects.all()),
    }
    changes = diff_changes(before, after)
    if changes:
        record_event(target=user, type=PropertyEvent.SCOPE_CHANGED, actor=actor, changes=changes)
    access.bump([user.pk], instances=[user])  # the caller's user object too (the receivers bumped the row)
    return scope


def import_units(*, actor: Any, project: Project, upload: Any) -> dict[str, Any]:
    """Create or update the project's buildings and units from an Excel workbook (``properties.imports``)."""
    from anju.properties import imports  # imports builds on this module

    return imports.import_project_workbook(actor=actor, project=project, upload=upload)
