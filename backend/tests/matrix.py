"""The shape of a permission-matrix row, shared by the central table (``tests/test_permission_matrix.py``) and the
rows each app keeps next to its own tests (``anju/<app>/tests/matrix.py``: ``OPS: list[Op]`` and, for each of its
workflows, ``WORKFLOW_CASES: dict[workflow name, WorkflowCase]``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

from conftest import World

PUBLIC = "public"
AUTHENTICATED = "authenticated"
# The owner realm (``anju.owners``): anonymous 401, staff refused (401/403), another owner 404, the owner 2xx.
OWNER = "owner"


@dataclass
class Op:
    method: str
    path: str
    permission: str
    ok: int = 200
    prepare: Callable[[World], dict[str, Any]] = field(default=lambda w: {})
    scoped: bool = False  # the path names an object of project A: other project → 404
    fk_into_a: bool = False  # a create whose body points into project A: other project → 400
    scope_all: bool = False  # the allowed user needs every project (city companies)
    multipart: bool = False
    # Called after the allowed user exists (e.g. assign the order to them): (world, allowed user, prepared).
    arrange: Callable[[World, Any, dict[str, Any]], None] | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class WorkflowCase:
    """How to put a record of a workflow in a state, where its actions live and what body each one takes."""

    base: str
    make: Callable[[World, str, str], Any]
    body: Callable[[World, str, Any], dict[str, Any]]
    scoped: bool = True  # False: a company-wide record (a questionnaire template) that every project reads


def app_rows(name: str, empty: Any) -> Any:
    """``name`` (``OPS`` or ``WORKFLOW_CASES``) of every app's ``tests/matrix.py``, merged."""
    merged = type(empty)()
    for config in apps.get_app_configs():
        if not config.name.startswith("anju."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.matrix")
        except ModuleNotFoundError:
            continue
        rows = getattr(module, name, empty)
        if isinstance(merged, list):
            merged.extend(rows)
        else:
            merged.update(rows)
    return merged
