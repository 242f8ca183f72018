"""Small helpers every service uses: optimistic versions and field updates with a diff."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from anju.core.errors import ConflictError, CoreErrorCode
from anju.core.events import diff_changes


def ensure_version(instance: models.Model, version: int | None) -> None:
    """Refuse a stale edit (target C2): the caller must send the version it read."""
    current = getattr(instance, "version", None)
    if version is not None and current is not None and int(version) != int(current):
        raise ConflictError(
            CoreErrorCode.RECORD_VERSION_CONFLICT,
            _("Someone else changed this record. Reload it and try again."),
            fields={"version": [_("Stale version.")]},
            extra={"current_version": current},
        )


def apply_changes(
    instance: models.Model,
    values: Mapping[str, Any],
    *,
    maskers: Mapping[str, Callable[[Any], Any]] | None = None,
) -> dict[str, list[Any]]:
    """Set ``values`` on ``instance`` and return ``{field: [old, new]}`` for what really changed."""
    before = {name: getattr(instance, name) for name in values}
    for name, value in values.items():
        setattr(instance, name, value)
    return diff_changes(before, dict(values), maskers=maskers)
