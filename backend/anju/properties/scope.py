"""Data scope: the one place that decides which projects a user sees.

Every selector of every app filters through ``visible_project_ids`` (lists, details,
exports, related-field choices, search). Outside scope is invisible: a 404, never a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.properties.models import Project, UserScope

_CACHE_ATTR = "_anju_visible_project_ids"


def visible_project_ids(user: Any) -> set[int] | None:
    """``None`` means every project; otherwise the set of visible project ids (cached per user object)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached  # type: ignore[no-any-return,return-value]
    scope = UserScope.objects.filter(user=user).first()
    result: set[int] | None
    if scope is None:
        result = set()
    elif scope.all_projects:
        result = None
    else:
        company_ids = list(scope.city_companies.values_list("id", flat=True))
        direct_ids = list(scope.projects.values_list("id", flat=True))
        result = set(
            Project.objects.filter(Q(city_company_id__in=company_ids) | Q(id__in=direct_ids)).values_list("id", flat=True)
        )
    setattr(user, _CACHE_ATTR, result)
    return result


def forget_scope(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def restrict(queryset: QuerySet[Any], user: Any, *, lookup: str = "project_id", project: int | None = None) -> QuerySet[Any]:
    """Filter ``queryset`` to the user's projects through ``lookup`` (a path to a project id).

    ``project``: only that project (nothing when the user cannot see it), as one equality - the planner then walks an
    index on the project straight to the first page instead of merging the user's whole list of projects.
    """
    if project is not None:
        return queryset.filter(**{lookup: project}) if can_see_project(user, project) else queryset.none()
    ids = visible_project_ids(user)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": ids})


def can_see_project(user: Any, project_id: int) -> bool:
    ids = visible_project_ids(user)
    return ids is None or project_id in ids


def ensure_covers_all_projects(user: Any) -> None:
    """Company-wide settings (no project) govern every project, today's and tomorrow's: only a user bound to all
    projects may change them, whatever permissions their role holds (403 otherwise)."""
    if visible_project_ids(user) is not None:
        raise ApplicationError(
            "scope.company_wide",
            _("Company-wide settings can be changed only by a user whose data scope covers every project."),
            status_code=403,
        )


def visible_projects(user: Any) -> QuerySet[Project]:
    return restrict(Project.objects.select_related("city_company"), user, lookup="id")


def describe_user_projects(user: Any) -> list[dict[str, Any]]:
    return [
        {"id": p.id, "code": p.code, "name": p.name, "city_company": p.city_company_id}
        for p in visible_projects(user).filter(is_active=True).order_by("code")
    ]


def colleagues(actor: Any) -> QuerySet[Any]:
    """Active users who work in at least one of the actor's projects (or in every project): the only users a
    user field (an owner, an assignee, a consultant, a technician's account) may name, so that ids of other
    projects' staff are neither accepted nor confirmed."""
    users = get_user_model().objects.filter(is_active=True)
    ids = visible_project_ids(actor)
    if ids is None:
        return users
    company_ids = Project.objects.filter(id__in=ids).values("city_company_id")
    return users.filter(
        Q(data_scope__all_projects=True) | Q(data_scope__projects__id__in=ids) | Q(data_scope__city_companies__id__in=company_ids)
    ).distinct()


def works_in(project: Project) -> QuerySet[Any]:
    """Active users whose data scope includes ``project`` (all projects, the project, or its city company), in one
    query: who may be put on a team or given a task there."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(data_scope__all_projects=True)
            | Q(data_scope__projects=project)
            | Q(data_scope__city_companies=project.city_company_id)
        )
        .distinct()
        .order_by("display_name", "username")
    )


def active_users_in_role(role: str, project_id: int) -> list[Any]:
    """Active users holding ``role`` whose data scope includes the project (who to tell about something there)."""
    users = get_user_model().objects.filter(is_active=True, groups__name=role).distinct().order_by("id")
    return [user for user in users if can_see_project(user, project_id)]
