"""The eight staff roles, seeded as Django groups with their permission sets.

Each app declares what each role may do in its own ``permissions.py`` as
``ROLE_PERMISSIONS = {"service_agent": ["customers.view_customer", ...]}``; ``sync_roles``
collects them after every migrate, so permissions of every app exist when groups are
filled. ``docs/roles.md`` is generated from the same data (``manage.py describe_roles``)
and a test fails when it is stale.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

ROLES: dict[str, Any] = {
    "system_admin": _("System administrator"),
    "service_supervisor": _("Customer service supervisor"),
    "service_agent": _("Customer service agent"),
    "technician": _("Technician"),
    "sales_consultant": _("Sales consultant"),
    "mortgage_officer": _("Mortgage officer"),
    "finance": _("Finance"),
    "management": _("Management"),
}

# Roles that may be bound to every project rather than a list of companies or projects.
ALL_SCOPE_ROLES = {"system_admin", "management"}


def role_permissions() -> dict[str, list[str]]:
    """``{role: sorted codenames}`` merged from every installed app's permissions module."""
    merged: dict[str, set[str]] = {role: set() for role in ROLES}
    for config in apps.get_app_configs():
        if not config.name.startswith("anju."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.permissions")
        except ModuleNotFoundError:
            continue
        for role, codenames in getattr(module, "ROLE_PERMISSIONS", {}).items():
            if role not in merged:
                raise ValueError(f"{config.name}.permissions names unknown role {role!r}")
            merged[role].update(codenames)
    return {role: sorted(codes) for role, codes in merged.items()}


def _permission_objects(codenames: Iterable[str]) -> list[Any]:
    from django.contrib.auth.models import Permission

    wanted: set[tuple[str, str]] = set()
    for code in codenames:
        app_label, _dot, codename = code.partition(".")
        wanted.add((app_label, codename))
    found = list(Permission.objects.filter(content_type__app_label__in={a for a, _ in wanted}).select_related("content_type"))
    by_key = {(p.content_type.app_label, p.codename): p for p in found}
    missing = sorted(f"{a}.{c}" for a, c in wanted if (a, c) not in by_key)
    if missing:
        raise ValueError(f"unknown permissions in role definitions: {missing}")
    return [by_key[key] for key in wanted]


def sync_roles() -> None:
    from django.contrib.auth.models import Group

    for role, codenames in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(_permission_objects(codenames))


def sync_roles_after_migrate(sender: Any, **kwargs: Any) -> None:
    # Runs after every app's permissions were created (accounts' handler is connected in
    # ready(), after contenttypes' and auth's own post_migrate handlers).
    from django.contrib.auth.management import create_permissions

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=kwargs.get("using", "default"))
    sync_roles()
