"""Explainable dispatch: rank technicians for an order, with a score and the reasons in words.

Score (practice, tuned here — see docs/rules.md §Dispatch):
- skill for the order's category: senior 40 / intermediate 30 / junior 20; a skill on the parent category counts 5 less;
- area: responsible for the order's building +30, for its project +20;
- level against priority: urgent needs senior, high needs intermediate or better: met +10, not met -15;
- load: -5 per open order (dispatched, accepted, in progress, on hold), at most -30;
- duty: on the duty roster today +10, not rostered today -10.
Not eligible at all (listed with the reason, never chosen): inactive or on leave, a deactivated user, a user whose
data scope does not include the project, or a contractor whose qualification has expired.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.properties.scope import can_see_project
from anju.workorders.choices import LEVEL_RANK, Priority, SkillLevel, TechnicianStatus
from anju.workorders.load import open_loads
from anju.workorders.models import Technician, WorkOrder

LEVEL_POINTS = {SkillLevel.JUNIOR: 20, SkillLevel.INTERMEDIATE: 30, SkillLevel.SENIOR: 40}
REQUIRED_LEVEL = {Priority.URGENT: SkillLevel.SENIOR, Priority.HIGH: SkillLevel.INTERMEDIATE}


@dataclass
class Suggestion:
    technician: Technician
    score: int
    eligible: bool
    reasons: list[str] = field(default_factory=list)
    load: int = 0


def candidates(project_id: int) -> list[Technician]:
    """Technicians serving the project (by project or by one of its buildings)."""
    return list(
        Technician.objects.filter(Q(projects__id=project_id) | Q(buildings__project_id=project_id))
        .select_related("user", "contractor")
        .prefetch_related("skills__category", "projects", "buildings")
        .distinct()
    )


def _skill(technician: Technician, order: WorkOrder) -> tuple[int, str | None, str | None]:
    """Points, level and the category name of the best matching skill."""
    if order.category_id is None:
        return 0, None, None
    best: tuple[int, str | None, str | None] = (0, None, None)
    for skill in technician.skills.all():
        if skill.category_id == order.category_id:
            points = LEVEL_POINTS[SkillLevel(skill.level)]
        elif order.category is not None and skill.category_id == order.category.parent_id:
            points = LEVEL_POINTS[SkillLevel(skill.level)] - 5
        else:
            continue
        if points > best[0]:
            best = (points, skill.level, skill.category.name)
    return best


def score(technician: Technician, order: WorkOrder, *, load: int, today: datetime.date) -> Suggestion:
    reasons: list[str] = []
    eligible = True
    user = technician.user
    if technician.status == TechnicianStatus.INACTIVE or not user.is_active:
        eligible = False
        reasons.append(_("Inactive"))
    elif technician.status == TechnicianStatus.ON_LEAVE:
        eligible = False
        reasons.append(_("On leave"))
    if technician.contractor is not None and not technician.contractor.qualified_on(today):
        eligible = False
        reasons.append(_("Contractor qualification expired: %(name)s") % {"name": technician.contractor.name})
    if not can_see_project(user, order.project_id):
        eligible = False
        reasons.append(_("Not in this project's data scope"))

    total = 0
    points, level, category_name = _skill(technician, order)
    if level:
        total += points
        reasons.append(_("Skill: %(category)s %(level)s") % {"category": category_name, "level": SkillLevel(level).label})
    elif order.category_id:
        reasons.append(_("No skill for %(category)s") % {"category": order.category.name if order.category else ""})

    building_ids = {b.pk for b in technician.buildings.all()}
    project_ids = {p.pk for p in technician.projects.all()}
    if order.building_id and order.building_id in building_ids:
        total += 30
        reasons.append(_("Covers %(building)s") % {"building": order.building.name if order.building else ""})
    elif order.project_id in project_ids:
        total += 20
        reasons.append(_("Covers %(project)s") % {"project": order.project.name})

    required = REQUIRED_LEVEL.get(Priority(order.priority))
    if required is not None:
        if level and LEVEL_RANK[SkillLevel(level)] >= LEVEL_RANK[required]:
            total += 10
            reasons.append(_("Level fits the priority"))
        else:
            total -= 15
            reasons.append(_("Priority needs a %(level)s technician") % {"level": required.label})

    total -= min(load * 5, 30)
    reasons.append(_("%(n)s open order(s)") % {"n": load})

    if technician.duty_weekdays:
        if today.isoweekday() in technician.duty_weekdays:
            total += 10
            reasons.append(_("On the roster today"))
        else:
            total -= 10
            reasons.append(_("Not on the roster today"))
    return Suggestion(technician=technician, score=total, eligible=eligible, reasons=reasons, load=load)


def suggestions(
    order: WorkOrder, *, today: datetime.date | None = None, extra_load: dict[int, int] | None = None
) -> list[Suggestion]:
    """Every technician serving the order's project, eligible first, best score first."""
    today = today or timezone.localdate()
    people = candidates(order.project_id)
    loads = open_loads([t.user_id for t in people])  # the counters: constant cost however many orders exist
    extra = extra_load or {}
    ranked = [score(t, order, load=loads.get(t.user_id, 0) + extra.get(t.user_id, 0), today=today) for t in people]
    ranked.sort(key=lambda s: (not s.eligible, -s.score, s.load, s.technician.user.username))
    return ranked


def best(order: WorkOrder, *, among: set[int] | None = None, extra_load: dict[int, int] | None = None) -> Suggestion | None:
    for suggestion in suggestions(order, extra_load=extra_load):
        if suggestion.eligible and (among is None or suggestion.technician.pk in among):
            return suggestion
    return None


def describe(suggestion: Suggestion) -> dict[str, Any]:
    technician = suggestion.technician
    return {
        "technician": technician.pk,
        "user": technician.user_id,
        "name": technician.user.display_name or technician.user.username,
        "contractor": technician.contractor.name if technician.contractor else None,
        "score": suggestion.score,
        "eligible": suggestion.eligible,
        "load": suggestion.load,
        "reasons": suggestion.reasons,
        # Translators: separates reasons (full-width "；" in Chinese)
        "summary": _("; ").join(suggestion.reasons),
    }
