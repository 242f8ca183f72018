"""Permission-matrix rows of the personal-data copy and erasure of a customer (collected by
``tests.matrix.app_rows``)."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.matrix import Op


def _prospect(w: World, body: dict[str, str]) -> dict[str, Any]:
    from anju.customers.services.customers import create_customer

    prospect = create_customer(actor=w.admin, name="王五", mobiles=["13700137000"], projects=[w.project_a])
    return {"id": prospect.id, "body": body, "version": prospect.version}


OPS: list[Op] = [
    Op(
        "POST",
        "/api/v1/customers/{id}/personal-data/",
        "customers.export_personal_data",
        prepare=lambda w: _prospect(w, {"purpose": "本人申请副本"}),
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/customers/{id}/erase/",
        "customers.erase_customer",
        prepare=lambda w: _prospect(w, {"reason": "本人申请删除"}),
        scoped=True,
    ),
]
