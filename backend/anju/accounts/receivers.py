"""Track which sessions belong to which user (for deactivation) and when each began (absolute lifetime)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in


def _remember_session(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from anju.accounts.middleware import SESSION_AUTH_AT
    from anju.accounts.models import UserSession

    session = getattr(request, "session", None)
    if session is None:
        return
    session[SESSION_AUTH_AT] = time.time()  # every login path (API and admin) starts the absolute lifetime
    if session.session_key is None:
        session.save()
    UserSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


def _user_access_changed(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    """A user's roles or own permissions changed (from either side of the relation)."""
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    from anju.accounts import access
    from anju.accounts.models import User

    if isinstance(instance, User):
        access.bump([instance.pk], instances=[instance])
    elif action == "pre_clear":  # group.user_set.clear(): the members are gone after the clear
        access.bump(list(User.objects.filter(groups=instance).values_list("pk", flat=True)))
    elif pk_set:
        access.bump(pk_set)


def _role_permissions_changed(sender: Any, instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    """A role's permissions changed: every member's cached permissions are stale."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from django.contrib.auth.models import Group

    from anju.accounts import access
    from anju.accounts.models import User

    if isinstance(instance, Group):
        groups: list[Any] = [instance.pk]
    elif pk_set:  # permission.group_set.add(...): the groups are the changed side
        groups = list(pk_set)
    else:  # permission.group_set.clear(): which groups lost it is no longer known
        access.bump(None)
        return
    access.bump(User.objects.filter(groups__in=groups).values_list("pk", flat=True).distinct())


def _role_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from anju.accounts import access
    from anju.accounts.models import User

    access.bump(list(User.objects.filter(groups=instance).values_list("pk", flat=True)))


def connect() -> None:
    from django.contrib.auth.models import Group
    from django.db.models.signals import m2m_changed, pre_delete

    from anju.accounts.models import User

    user_logged_in.connect(_remember_session, dispatch_uid="anju.accounts.remember_session")
    m2m_changed.connect(_user_access_changed, sender=User.groups.through, dispatch_uid="anju.accounts.groups_changed")
    m2m_changed.connect(
        _user_access_changed, sender=User.user_permissions.through, dispatch_uid="anju.accounts.user_perms_changed"
    )
    m2m_changed.connect(
        _role_permissions_changed, sender=Group.permissions.through, dispatch_uid="anju.accounts.role_perms_changed"
    )
    pre_delete.connect(_role_deleted, sender=Group, dispatch_uid="anju.accounts.role_deleted")
