"""Data scope: the one place that decides which projects a user sees.

Every selector of every app filters through ``visible_project_ids`` (lists, details,
exports, related-field choices, search). Outside scope is invisible: a 404, never a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils.translation import gettext as _

from anju.accounts import access
from anju.core.db_router import reads_from
from anju.core.errors import ApplicationError
from anju.properties.errors import ErrorCode
from anju.properties.models import Project, UserScope

_CACHE_ATTR = "_anju_visible_project_ids"


def visible_project_ids(user: Any) -> set[int] | None:
    """``None`` means every project; otherwise the set of visible project ids.

    Memoised on the user object and kept between requests in the access cache (``anju.accounts.access``): a change
    of the user's scope or of the projects under a city company gives the user a new access stamp (the receivers
    below), so the next request computes it again. Callers must not change the returned set.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, _CACHE_ATTR, False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    found = access.cached(user, "scope", lambda: _compute_project_ids(user))
    result = None if found is None else set(found)
    setattr(user, _CACHE_ATTR, result)
    return result


def _compute_project_ids(user: Any) -> frozenset[int] | None:
    # Always from the primary, like the user row and its permissions (``core.db_router``): the result is cached under
    # the user's access stamp, so a scope read from a lagging replica would outlive the change that bumped it.
    with reads_from(DEFAULT_DB_ALIAS):
        return _read_project_ids(user)


def _read_project_ids(user: Any) -> frozenset[int] | None:
    scope = UserScope.objects.filter(user=user).first()
    if scope is None:
        return frozenset()
    if scope.all_projects:
        return None
    company_ids = list(scope.city_companies.values_list("id", flat=True))
    direct_ids = list(scope.projects.values_list("id", flat=True))
    return frozenset(
        Project.objects.filter(Q(city_company_id__in=company_ids) | Q(id__in=direct_ids)).values_list("id", flat=True)
    )


def forget_scope(user: Any) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


# --- Keeping the cached scopes true ------------------------------------------------------------------------------


def _bump_scope_owner(scope: UserScope) -> None:
    # the user object the scope was loaded with (a request's or a test's) gets the new stamp too
    user = scope._state.fields_cache.get("user")
    access.bump([scope.user_id], instances=[user] if user is not None else [])


def _scope_saved(sender: Any, instance: UserScope, **kwargs: Any) -> None:
    _bump_scope_owner(instance)


def _scope_members_changed(sender: Any, instance: Any, action: str, reverse: bool, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, UserScope):
        _bump_scope_owner(instance)
    else:  # changed from the project's side (project.<scopes>.add): which users it touched is not at hand, so all
        access.bump(None)


def _project_changed(sender: Any, instance: Project, created: bool = False, **kwargs: Any) -> None:
    """A new project, a deleted one, or one moved to another city company changes the scope of users bound to a
    city company: every user gets a new stamp (projects change seldom)."""
    if kwargs.get("signal") is post_save and not created:
        before = getattr(instance, "_anju_city_company_at_load", instance.city_company_id)
        if before == instance.city_company_id:
            return
    access.bump(None)
    instance._anju_city_company_at_load = instance.city_company_id  # type: ignore[attr-defined]


def _project_loaded(sender: Any, instance: Project, **kwargs: Any) -> None:
    instance.__dict__["_anju_city_company_at_load"] = instance.__dict__.get("city_company_id")


def connect_receivers() -> None:
    post_save.connect(_scope_saved, sender=UserScope, dispatch_uid="anju.properties.scope_saved")
    post_delete.connect(_scope_saved, sender=UserScope, dispatch_uid="anju.properties.scope_deleted")
    for through in (UserScope.city_companies.through, UserScope.projects.through):
        m2m_changed.connect(_scope_members_changed, sender=through, dispatch_uid=f"anju.properties.{through.__name__}")
    post_save.connect(_project_changed, sender=Project, dispatch_uid="anju.properties.project_saved")
    post_delete.connect(_project_changed, sender=Project, dispatch_uid="anju.properties.project_deleted")
    post_init.connect(_project_loaded, sender=Project, dispatch_uid="anju.properties.project_loaded")
    access.on_bump(forget_scope)


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
            ErrorCode.SCOPE_COMPANY_WIDE,
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
