"""Hook through which the data-scope owner (``properties``) describes a user's projects.

Accounts sits below properties in the layer order and must not import it; properties
registers its describer in ``ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_describer: Callable[[Any], list[dict[str, Any]]] | None = None


def register_scope_describer(func: Callable[[Any], list[dict[str, Any]]]) -> None:
    global _describer  # noqa: PLW0603 - a single registration at start-up
    _describer = func


def describe_projects(user: Any) -> list[dict[str, Any]]:
    return _describer(user) if _describer is not None else []
