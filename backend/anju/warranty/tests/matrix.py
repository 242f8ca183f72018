"""Permission-matrix rows of the warranty API (collected by ``tests.matrix.app_rows``): the warranty check, each
project's warranty policy, contractors and the building-by-item responsibilities."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.matrix import Op


def _contractor(w: World) -> dict[str, Any]:
    from anju.warranty.models import Contractor

    return {"id": Contractor.objects.create(name=f"外包{Contractor.objects.count()}").id, "body": {"contact_name": "王工"}}


def _responsibility(w: World) -> dict[str, Any]:
    from anju.warranty.models import Contractor, WarrantyResponsibility

    contractor = Contractor.objects.create(name=f"防水{Contractor.objects.count()}")
    row = WarrantyResponsibility.objects.create(building=w.building_a, item="leakage", contractor=contractor)
    return {"id": row.id}


def _responsibility_create(w: World) -> dict[str, Any]:
    from anju.warranty.models import Contractor

    contractor = Contractor.objects.create(name=f"防水{Contractor.objects.count()}")
    return {"body": {"building": w.building_a.id, "item": "roof_waterproofing", "contractor": contractor.id}}


_POLICY = {
    "design_life_years": 70,
    "roof_waterproofing_months": 60,
    "leakage_months": 96,
    "electrical_plumbing_months": 24,
    "decoration_months": 24,
    "heating_cooling_seasons": 2,
    "season_start_month": 11,
    "season_start_day": 15,
    "season_end_month": 3,
    "season_end_day": 15,
}


OPS: list[Op] = [
    Op(
        "POST",
        "/api/v1/warranty/check/",
        "warranty.view_warrantypolicy",
        prepare=lambda w: {
            "body": {
                "warranty_item": "decoration",
                "delivery_date": "2024-02-29",
                "reported_on": "2026-02-28",
                "project": w.project_a.id,
            }
        },
        fk_into_a=True,
    ),
    Op(
        "GET",
        "/api/v1/warranty/policies/{project_id}/",
        "warranty.view_warrantypolicy",
        prepare=lambda w: {"id": w.project_a.id},
        scoped=True,
    ),
    Op(
        "PUT",
        "/api/v1/warranty/policies/{project_id}/",
        "warranty.change_warrantypolicy",
        prepare=lambda w: {"id": w.project_a.id, "body": _POLICY},
        scoped=True,
    ),
    Op("GET", "/api/v1/contractors/", "warranty.view_contractor"),
    Op("GET", "/api/v1/contractors/{id}/", "warranty.view_contractor", prepare=_contractor),
    Op("POST", "/api/v1/contractors/", "warranty.add_contractor", ok=201, prepare=lambda w: {"body": {"name": "某某防水公司"}}),
    Op("PATCH", "/api/v1/contractors/{id}/", "warranty.change_contractor", prepare=_contractor),
    Op("GET", "/api/v1/warranty/responsibilities/", "warranty.view_warrantyresponsibility"),
    Op(
        "POST",
        "/api/v1/warranty/responsibilities/",
        "warranty.add_warrantyresponsibility",
        ok=201,
        prepare=_responsibility_create,
        fk_into_a=True,
    ),
    Op(
        "GET",
        "/api/v1/warranty/responsibilities/{id}/",
        "warranty.view_warrantyresponsibility",
        prepare=_responsibility,
        scoped=True,
    ),
    Op(
        "DELETE",
        "/api/v1/warranty/responsibilities/{id}/",
        "warranty.delete_warrantyresponsibility",
        ok=204,
        prepare=_responsibility,
        scoped=True,
    ),
]
