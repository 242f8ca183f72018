"""Permission-matrix rows of the area-settlement API (collected by ``tests.matrix.app_rows``); the workflow actions'
rows come from the table with ``WORKFLOW_CASES``."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from anju.sales.models import Contract
from anju.settlement.models import SettlementBatch
from anju.settlement.tests import factories
from anju.settlement.workflow import SettlementAction
from conftest import World
from tests.matrix import Op, WorkflowCase

A = SettlementAction


def _batch(w: World) -> dict[str, Any]:
    row = factories.batch(w, measured=("95.00", "76.00"))
    return {"id": row.id, "version": row.version}


def _line(w: World) -> dict[str, Any]:
    row = factories.batch(w, measured=("95.00", "76.00")).lines.get()
    return {"id": row.id, "contract": row.contract_id}


def _withdraw(w: World) -> dict[str, Any]:
    row = factories.batch(w, status="notified", measured=("95.00", "76.00")).lines.get()
    body = {"reason": "买受人书面通知退房", "decided_on": timezone.localdate().isoformat(), "version": row.version}
    return {"id": row.id, "contract": row.contract_id, "body": body}


def _consultant_of(w: World, user: Any, prepared: dict[str, Any]) -> None:
    """A reader with only the lines' permission (置业顾问) reads the lines of their own contracts."""
    Contract.objects.filter(pk=prepared["contract"]).update(consultant=user)


def _create(w: World) -> dict[str, Any]:
    where = factories.building(w)
    factories.contract(w, building=where)
    return {"body": {"building": where.id, "collect_certificate_fees": True}}


def _survey(w: World) -> dict[str, Any]:
    unit = factories.unit(w)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["楼栋编码", "房号", "实测建筑面积(m²)", "实测套内面积(m²)"])
    sheet.append([unit.building.code, unit.room_number, "101.00", "80.50"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "survey.xlsx"
    return {"body": {"project": w.project_a.id, "file": buffer}}


PREVIEW = {"pricing_basis": "building_area", "contract_area": "100.00", "measured_area": "95.00", "unit_price": "20000"}

OPS: list[Op] = [
    Op("GET", "/api/v1/area-settlements/", "settlement.view_settlementbatch"),
    Op("GET", "/api/v1/area-settlements/{id}/", "settlement.view_settlementbatch", prepare=_batch, scoped=True),
    Op("GET", "/api/v1/area-settlements/{id}/timeline/", "settlement.view_settlementbatch", prepare=_batch, scoped=True),
    Op("GET", "/api/v1/area-settlements/{id}/statement/", "settlement.view_settlementbatch", prepare=_batch, scoped=True),
    Op("POST", "/api/v1/area-settlements/", "settlement.add_settlementbatch", ok=201, prepare=_create, fk_into_a=True),
    Op("POST", "/api/v1/area-settlements/preview/", "settlement.view_settlementline", prepare=lambda w: {"body": PREVIEW}),
    Op(
        "POST",
        "/api/v1/area-settlements/import-measured-areas/",
        "settlement.import_measured_areas",
        prepare=_survey,
        fk_into_a=True,
        multipart=True,
    ),
    Op("GET", "/api/v1/area-settlements/measured-areas-template/", "settlement.import_measured_areas"),
    Op("GET", "/api/v1/area-settlement-lines/", "settlement.view_settlementline"),
    Op(
        "GET",
        "/api/v1/area-settlement-lines/{id}/",
        "settlement.view_settlementline",
        prepare=_line,
        scoped=True,
        arrange=_consultant_of,
    ),
    Op(
        "GET",
        "/api/v1/area-settlement-lines/{id}/timeline/",
        "settlement.view_settlementline",
        prepare=_line,
        scoped=True,
        arrange=_consultant_of,
    ),
    Op(
        "GET",
        "/api/v1/area-settlement-lines/{id}/statement/",
        "settlement.view_settlementline",
        prepare=_line,
        scoped=True,
        arrange=_consultant_of,
    ),
    Op(
        "POST",
        "/api/v1/area-settlement-lines/{id}/withdraw/",
        "settlement.change_settlementline",
        prepare=_withdraw,
        scoped=True,
        arrange=_consultant_of,
    ),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_batch(w: World, state: str, action: str) -> SettlementBatch:
    """A batch of a fresh building with one line beyond -3 %, placed in ``state`` (created by the administrator, so
    any persona but the administrator may approve it)."""
    row = factories.batch(w, measured=("95.00", "76.00"))
    SettlementBatch.objects.filter(pk=row.pk).update(status=state)
    row.refresh_from_db()
    return row


def _wf_body(w: World, action: str, batch: SettlementBatch) -> dict[str, Any]:
    return {"reason": "实测面积待复核"} if action == A.SEND_BACK else {}


WORKFLOW_CASES = {"settlement_batch": WorkflowCase(base="/api/v1/area-settlements/{id}/", make=_wf_batch, body=_wf_body)}
