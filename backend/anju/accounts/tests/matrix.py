"""Permission-matrix rows of the department API (collected by ``tests.matrix.app_rows``)."""

from __future__ import annotations

from typing import Any

from anju.accounts.models import Department
from conftest import World
from tests.matrix import Op


def _department(w: World) -> dict[str, Any]:
    row = Department.objects.get(code="design")
    return {"id": row.id, "version": row.version, "body": {"emails": ["design@example.com"]}}


OPS: list[Op] = [
    Op("GET", "/api/v1/departments/", "accounts.view_department"),
    Op("GET", "/api/v1/departments/{id}/", "accounts.view_department", prepare=_department),
    Op(
        "POST",
        "/api/v1/departments/",
        "accounts.add_department",
        ok=201,
        prepare=lambda w: {"body": {"code": "finance", "name": "财务部"}},
    ),
    Op("PATCH", "/api/v1/departments/{id}/", "accounts.change_department", prepare=_department),
]
