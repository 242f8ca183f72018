"""Account reads."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from anju.accounts.models import ApiToken, Department, User
from anju.accounts.scope import describe_projects


def list_users(*, filters: dict[str, Any] | None = None) -> QuerySet[User]:
    """Not scoped: user administration is company-wide (``accounts.view_user``); the list's filters are
    ``accounts.api.filters.UserFilter``."""
    queryset = User.objects.prefetch_related("groups").order_by("username")
    filters = filters or {}
    if filters.get("q"):
        queryset = queryset.filter(username__icontains=filters["q"]) | queryset.filter(display_name__icontains=filters["q"])
    if filters.get("role"):
        queryset = queryset.filter(groups__name=filters["role"])
    if filters.get("is_active") is not None:
        queryset = queryset.filter(is_active=filters["is_active"])
    return queryset.distinct()


def list_live_tokens(*, actor: Any) -> QuerySet[ApiToken]:
    """The actor's own unexpired integration tokens (the scope of a token is its owner)."""
    if not getattr(actor, "is_authenticated", False):  # schema generation: no user
        return ApiToken.objects.none()
    from anju.accounts.services import live_tokens

    return live_tokens(actor)


def user_permissions(user: User) -> list[str]:
    return sorted(user.get_all_permissions())


def user_roles(user: User) -> list[str]:
    return sorted(user.groups.values_list("name", flat=True))


def describe_me(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name or user.username,
        "roles": user_roles(user),
        "permissions": user_permissions(user),
        "projects": describe_projects(user),
        "dev_outbox": bool(settings.DEV_OUTBOX) and user.has_perm("notifications.view_outboxmessage"),
    }


def list_departments(*, actor: Any = None) -> QuerySet[Department]:
    """Not scoped: departments are one company-wide list (a 工程部 answers for every project)."""
    return Department.objects.prefetch_related("contacts")


def department_recipients(code: str) -> tuple[list[User], list[str]]:
    """The active contacts and the extra e-mail addresses of the department ``code`` (nothing when it is inactive)."""
    department = Department.objects.filter(code=code, is_active=True).prefetch_related("contacts").first()
    if department is None:
        return [], []
    return [u for u in department.contacts.all() if u.is_active], list(department.emails)
