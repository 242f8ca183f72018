"""Technician profiles, teams, categories and per-project service settings."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.core.events import CommonEvent, record_event
from anju.core.records import apply_changes, ensure_version
from anju.properties.models import Project
from anju.properties.scope import can_see_project
from anju.workorders.errors import ErrorCode
from anju.workorders.events import WorkOrderEvent
from anju.workorders.models import Category, ServiceSettings, Team, Technician, TechnicianSkill


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.TECHNICIAN_INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _write_skills(technician: Technician, skills: list[dict[str, Any]]) -> None:
    seen: set[int] = set()
    for skill in skills:
        if skill["category"].pk in seen:
            raise _invalid("skills", _("Each category can appear only once."))
        seen.add(skill["category"].pk)
    TechnicianSkill.objects.filter(technician=technician).delete()
    TechnicianSkill.objects.bulk_create(
        TechnicianSkill(technician=technician, category=s["category"], level=s["level"]) for s in skills
    )


def _snapshot(technician: Technician) -> dict[str, Any]:
    return {
        "status": technician.status,
        "team": str(technician.team) if technician.team else None,
        "contractor": str(technician.contractor) if technician.contractor else None,
        "projects": sorted(p.code for p in technician.projects.all()),
        "buildings": sorted(f"{b.project_id}:{b.code}" for b in technician.buildings.all()),
        "skills": sorted(f"{s.category.name}:{s.level}" for s in technician.skills.select_related("category")),
        "duty_weekdays": list(technician.duty_weekdays),
    }


@transaction.atomic
def create_technician(
    *,
    actor: Any,
    user: Any,
    skills: list[dict[str, Any]],
    projects: list[Any],
    buildings: list[Any],
    **values: Any,
) -> Technician:
    if Technician.objects.filter(user=user).exists():
        raise _invalid("user", _("This user already has a technician profile."), ErrorCode.TECHNICIAN_DUPLICATE)
    if not user.is_active:
        raise _invalid("user", _("Choose an active user."))
    technician = Technician.objects.create(user=user, **values)
    technician.projects.set(projects)
    technician.buildings.set(buildings)
    _write_skills(technician, skills)
    record_event(
        target=technician, type=CommonEvent.CREATED, actor=actor, changes={k: [None, v] for k, v in _snapshot(technician).items()}
    )
    return technician


@transaction.atomic
def update_technician(*, actor: Any, technician: Technician, values: dict[str, Any], version: int | None = None) -> Technician:
    technician = Technician.objects.select_for_update().get(pk=technician.pk)
    ensure_version(technician, version)
    shared = {k for k in values if k not in ("projects", "buildings")}
    if shared and any(not can_see_project(actor, p.pk) for p in technician.projects.all()):
        # status, skills, team, shifts and notes count in every project the technician serves
        raise ApplicationError(
            ErrorCode.TECHNICIAN_SHARED,
            _(
                "This technician also works in projects outside your data scope: only their projects and buildings in "
                "your projects can be changed here. Ask a user who covers all their projects."
            ),
            status_code=403,
        )
    before = _snapshot(technician)
    skills = values.pop("skills", None)
    projects = values.pop("projects", None)
    buildings = values.pop("buildings", None)
    apply_changes(technician, values)
    technician.version += 1
    technician.save()
    # Relations to projects the actor cannot see are kept: a 客服主管 of project 2 edits project 2's side only.
    if projects is not None:
        hidden = [p for p in technician.projects.all() if not can_see_project(actor, p.pk)]
        technician.projects.set([*hidden, *projects])
    if buildings is not None:
        hidden_buildings = [b for b in technician.buildings.all() if not can_see_project(actor, b.project_id)]
        technician.buildings.set([*hidden_buildings, *buildings])
    if skills is not None:
        _write_skills(technician, skills)
    after = _snapshot(technician)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        record_event(target=technician, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return technician


@transaction.atomic
def create_category(*, actor: Any, **values: Any) -> Category:
    if Category.objects.filter(code=values["code"]).exists():
        raise _invalid("code", _("This code is already used."), ErrorCode.CATEGORY_DUPLICATE)
    category = Category.objects.create(**values)
    record_event(target=category, type=CommonEvent.CREATED, actor=actor, changes={"name": [None, category.name]})
    return category


@transaction.atomic
def update_category(*, actor: Any, category: Category, values: dict[str, Any]) -> Category:
    parent = values.get("parent")
    walker = parent
    while walker is not None:
        if walker.pk == category.pk:
            raise _invalid("parent", _("A category cannot be placed under itself."))
        walker = walker.parent
    changes = apply_changes(category, values)
    if changes:
        category.save()
        record_event(target=category, type=CommonEvent.UPDATED, actor=actor, changes=changes)
    return category


@transaction.atomic
def update_service_settings(*, actor: Any, project: Project, values: dict[str, Any]) -> ServiceSettings:
    settings, _created = ServiceSettings.objects.select_for_update().get_or_create(project=project)
    changes = apply_changes(settings, values)
    if changes:
        settings.save()
        record_event(target=project, type=WorkOrderEvent.SERVICE_SETTINGS_CHANGED, actor=actor, changes=changes)
    return settings


@transaction.atomic
def get_or_create_team(*, actor: Any, name: str) -> tuple[Team, bool]:
    """The team called ``name``, created when there is none yet (``created`` says which)."""
    return Team.objects.get_or_create(name=name)
