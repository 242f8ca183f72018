"""Permission-matrix rows of the handover API (collected by ``tests.matrix.app_rows``): every operation except the
workflow actions, whose rows are derived from the tables with ``WORKFLOW_CASES``."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from anju.handover.choices import InspectionStatus
from anju.handover.models import HandoverBatch, HandoverNotice, HandoverSlot, Inspection
from anju.handover.tests import factories
from anju.handover.workflow import BatchAction, InspectionAction
from anju.sales.models import Contract
from conftest import World
from tests.matrix import Op, WorkflowCase

_VIEW = "handover.view_handoverbatch"
_CHANGE = "handover.change_handoverbatch"


def _png(name: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _batch(w: World) -> dict[str, Any]:
    row = factories.batch(w)
    return {"id": row.id, "version": row.version}


def _notifying(w: World) -> dict[str, Any]:
    row = factories.notifying(w)
    return {"id": row.id, "version": row.version}


def _create(w: World) -> dict[str, Any]:
    start = (timezone.localdate() + datetime.timedelta(days=40)).isoformat()
    return {
        "body": {
            "project": w.project_a.id,
            "name": "二期入伙",
            "buildings": [w.building_a.id],
            "starts_on": start,
            "ends_on": start,
            "windows": ["09:00-12:00"],
            "capacity_per_window": 5,
            "place": "二期售楼处",
        }
    }


def _task(w: World) -> dict[str, Any]:
    row = factories.batch(w)
    return {"id": row.id, "version": row.version, "body": {"task": row.tasks.first().id, "done": True}}


def _notice(w: World) -> dict[str, Any]:
    row = factories.notice(w, starts_in=20)
    return {"id": row.id, "version": row.version}


def _send(w: World) -> dict[str, Any]:
    return {**_notice(w), "body": {"channels": ["post"], "tracking_number": "SF1001"}}


def _own_buyer(w: World, user: Any, prepared: dict[str, Any]) -> None:
    """A 置业顾问 (notices only) reads the notices of the contracts they sold."""
    Contract.objects.filter(pk__in=HandoverNotice.objects.filter(pk=prepared.get("id", 0)).values("contract")).update(
        consultant=user
    )


def _book(w: World) -> dict[str, Any]:
    row = factories.notice(w)
    return {"body": {"notice": row.id, "day": row.batch.starts_on.isoformat(), "window": row.batch.windows[0]}}


def _slot(w: World, today: bool = False) -> dict[str, Any]:
    row = factories.slot(w, today=today)
    return {"id": row.id, "version": row.version}


def _reschedule(w: World) -> dict[str, Any]:
    prepared = _slot(w)
    row = HandoverSlot.objects.get(pk=prepared["id"])
    return {**prepared, "body": {"day": row.day.isoformat(), "window": row.batch.windows[1]}}


def _inspection(w: World) -> dict[str, Any]:
    row = factories.inspection(w)
    return {"id": row.id, "version": row.version}


def _start(w: World) -> dict[str, Any]:
    return {"body": {"notice": factories.notice(w).id}}


def _defect(w: World) -> dict[str, Any]:
    return {
        **_inspection(w),
        "body": {
            "room": "客厅",
            "item": "墙面",
            "description": "墙面开裂",
            "category": factories.category().id,
            "photos": [_png("a.png")],
        },
    }


def _signature(w: World) -> dict[str, Any]:
    prepared = _inspection(w)
    return {**prepared, "body": {"file": _png("sign.png"), "version": prepared["version"]}}


def _deferred(w: World) -> dict[str, Any]:
    row = factories.inspection(w)
    Inspection.objects.filter(pk=row.pk).update(status=InspectionStatus.DEFERRED)
    return {"id": row.id}


OPS: list[Op] = [
    Op("GET", "/api/v1/handover-batches/", _VIEW),
    Op("POST", "/api/v1/handover-batches/", "handover.add_handoverbatch", ok=201, prepare=_create, fk_into_a=True),
    Op("GET", "/api/v1/handover-batches/{id}/", _VIEW, prepare=_batch, scoped=True),
    Op(
        "PATCH",
        "/api/v1/handover-batches/{id}/",
        _CHANGE,
        prepare=lambda w: {**_batch(w), "body": {"place": "会所二楼"}},
        scoped=True,
    ),
    Op("POST", "/api/v1/handover-batches/{id}/tasks/", _CHANGE, prepare=_task, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/staff/", _CHANGE, prepare=_batch, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/units/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/board/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/capacity/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/notices-pdf/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/timeline/", _VIEW, prepare=_batch, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/daily-report/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/problems/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-batches/{id}/problems/export/", _VIEW, prepare=_notifying, scoped=True),
    Op("GET", "/api/v1/handover-notices/", "handover.view_handovernotice"),
    Op("GET", "/api/v1/handover-notices/{id}/", "handover.view_handovernotice", prepare=_notice, scoped=True, arrange=_own_buyer),
    Op(
        "GET",
        "/api/v1/handover-notices/{id}/pdf/",
        "handover.view_handovernotice",
        prepare=_notice,
        scoped=True,
        arrange=_own_buyer,
    ),
    Op("POST", "/api/v1/handover-notices/{id}/send/", "handover.change_handovernotice", prepare=_send, scoped=True),
    Op("GET", "/api/v1/handover-slots/", "handover.view_handoverslot"),
    Op("POST", "/api/v1/handover-slots/", "handover.add_handoverslot", ok=201, prepare=_book, fk_into_a=True),
    Op("GET", "/api/v1/handover-slots/{id}/", "handover.view_handoverslot", prepare=_slot, scoped=True),
    Op("POST", "/api/v1/handover-slots/{id}/reschedule/", "handover.change_handoverslot", prepare=_reschedule, scoped=True),
    Op("POST", "/api/v1/handover-slots/{id}/cancel/", "handover.change_handoverslot", prepare=_slot, scoped=True),
    Op(
        "POST",
        "/api/v1/handover-slots/{id}/check-in/",
        "handover.change_handoverslot",
        prepare=lambda w: _slot(w, today=True),
        scoped=True,
    ),
    Op("GET", "/api/v1/handover-inspections/", "handover.view_inspection"),
    Op("POST", "/api/v1/handover-inspections/", "handover.add_inspection", ok=201, prepare=_start, fk_into_a=True),
    Op("GET", "/api/v1/handover-inspections/{id}/", "handover.view_inspection", prepare=_inspection, scoped=True),
    Op("GET", "/api/v1/handover-inspections/{id}/record/", "handover.view_inspection", prepare=_inspection, scoped=True),
    Op(
        "PATCH",
        "/api/v1/handover-inspections/{id}/",
        "handover.change_inspection",
        prepare=lambda w: {**_inspection(w), "body": {"keys_count": 3, "results": {"客厅/墙面": "ok"}}},
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/handover-inspections/{id}/defects/",
        "handover.change_inspection",
        ok=201,
        prepare=_defect,
        scoped=True,
        multipart=True,
    ),
    Op(
        "POST",
        "/api/v1/handover-inspections/{id}/signature/",
        "handover.change_inspection",
        prepare=_signature,
        scoped=True,
        multipart=True,
    ),
    Op("POST", "/api/v1/handover-inspections/{id}/reinspect/", "handover.add_inspection", ok=201, prepare=_deferred, scoped=True),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_batch(w: World, state: str, action: str) -> HandoverBatch:
    """A batch of project A in ``state``: with a contracted unit (so notices can be generated) and its list prepared
    by the admin (so every other supervisor may approve it)."""
    factories.contract(w)
    row = factories.batch(w)
    row = factories.prepared(w, row)
    HandoverBatch.objects.filter(pk=row.pk).update(status=state)
    row.refresh_from_db()
    return row


def _wf_batch_body(w: World, action: str, batch: HandoverBatch) -> dict[str, Any]:
    return {"reason": "名单需补充两户"} if action == BatchAction.REOPEN_LIST else {}


def _wf_inspection(w: World, state: str, action: str) -> Inspection:
    row = factories.inspection(w)
    Inspection.objects.filter(pk=row.pk).update(status=state)
    row.refresh_from_db()
    return row


def _wf_inspection_body(w: World, action: str, inspection: Inspection) -> dict[str, Any]:
    if action == InspectionAction.ACCEPT:
        return {"keys_count": 3, "water_reading": "1.00", "electricity_reading": "2.00", "gas_reading": "0.00"}
    return {"reason": "业主要求先修复卫生间渗水"}


WORKFLOW_CASES = {
    "handover_batch": WorkflowCase(base="/api/v1/handover-batches/{id}/", make=_wf_batch, body=_wf_batch_body),
    "handover_inspection": WorkflowCase(base="/api/v1/handover-inspections/{id}/", make=_wf_inspection, body=_wf_inspection_body),
}
