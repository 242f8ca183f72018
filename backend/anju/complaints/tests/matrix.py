"""Permission-matrix rows of the complaint category → department table (collected by ``tests.matrix.app_rows``; the
complaint and incident rows are in ``tests/test_permission_matrix.py``)."""

from __future__ import annotations

from typing import Any

from anju.accounts.models import Department
from anju.complaints.models import ComplaintCategoryDepartment
from conftest import World
from tests.matrix import Op


def _mapping(w: World) -> dict[str, Any]:
    row = ComplaintCategoryDepartment.objects.get(category="quality")
    return {"id": row.id, "body": {"department": Department.objects.get(code="design").id}}


OPS: list[Op] = [
    Op("GET", "/api/v1/complaint-category-departments/", "complaints.view_complaintcategorydepartment"),
    Op(
        "PATCH", "/api/v1/complaint-category-departments/{id}/", "complaints.change_complaintcategorydepartment", prepare=_mapping
    ),
]
