"""Property reads, all through the data scope."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from anju.core.prepared import Prepared
from anju.properties.models import Building, CityCompany, Project, Unit, UserScope
from anju.properties.scope import can_see_project, restrict, visible_project_ids, visible_projects


def list_city_companies(*, actor: Any) -> QuerySet[CityCompany]:
    if not getattr(actor, "is_authenticated", False):
        return CityCompany.objects.none()
    ids = visible_project_ids(actor)
    queryset = CityCompany.objects.all()
    if ids is None:
        return queryset
    scope = UserScope.objects.filter(user=actor).first()
    bound = list(scope.city_companies.values_list("id", flat=True)) if scope else []
    return queryset.filter(Q(projects__id__in=ids) | Q(id__in=bound)).distinct()


def get_city_company(*, actor: Any, pk: Any) -> CityCompany:
    return get_object_or_404(list_city_companies(actor=actor), pk=pk)


def list_projects(*, actor: Any) -> QuerySet[Project]:
    return visible_projects(actor).annotate(building_count=Count("buildings", distinct=True)).order_by("code")


def get_project(*, actor: Any, pk: Any) -> Project:
    return get_object_or_404(visible_projects(actor), pk=pk)


def list_buildings(*, actor: Any) -> QuerySet[Building]:
    return (
        restrict(Building.objects.select_related("project"), actor)
        .annotate(unit_count=Count("units"))
        .order_by("project__code", "code")
    )


def get_building(*, actor: Any, pk: Any) -> Building:
    return get_object_or_404(restrict(Building.objects.select_related("project"), actor), pk=pk)


def list_units(*, actor: Any) -> QuerySet[Unit]:
    return restrict(Unit.objects.select_related("building", "project"), actor)


_UNIT = Prepared(lambda pk: Unit.objects.select_related("building", "project").filter(pk=pk), pk=int)


def find_unit(*, actor: Any, pk: int) -> Unit | None:
    """The unit if ``list_units(actor=actor)`` holds it, else ``None``: the same rule (the unit's project is in the
    actor's scope), read by a statement compiled once per connection (a repair create reads its unit)."""
    unit = _UNIT.one(pk=pk)
    return unit if unit is not None and can_see_project(actor, unit.project_id) else None


def get_unit(*, actor: Any, pk: Any) -> Unit:
    return get_object_or_404(list_units(actor=actor), pk=pk)


def get_user_scope(*, user: Any) -> UserScope:
    scope, _created = UserScope.objects.get_or_create(user=user)
    return scope


def building_grid(*, building: Building) -> dict[str, Any]:
    """楼盘表: the building's units by floor (top first) and stack, with counts per status."""
    units = list(Unit.objects.filter(building=building).order_by("-floor", "stack"))
    stacks = sorted({u.stack for u in units})
    floors: dict[int, list[Unit]] = {}
    counts: dict[str, int] = {}
    for unit in units:
        floors.setdefault(unit.floor, []).append(unit)
        counts[unit.status] = counts.get(unit.status, 0) + 1
    return {
        "building": building.pk,
        "stacks": stacks,
        "status_counts": counts,
        "floors": [{"floor": floor, "units": floor_units} for floor, floor_units in floors.items()],
    }


def list_scope_users() -> QuerySet[Any]:
    """Users whose data scope can be read or set. Not scoped: binding people to projects is user administration,
    company-wide (``properties.change_userscope``)."""
    return get_user_model().objects.all()
