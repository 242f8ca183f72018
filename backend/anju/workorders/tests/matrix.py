"""Permission-matrix rows of the service desk (collected by ``tests.matrix.app_rows``): work orders, their follow-ups
and files, categories, technicians and teams, per-project service settings. The work-order workflow's actions are
derived from its table with ``WORKFLOW_CASES``; the technician an order is assigned to may read it (``arrange``)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from conftest import World
from tests.matrix import Op, WorkflowCase, assign_to_allowed, category, technician, work_order


def _wo(status: str | None = None, type: str = "repair", body: dict[str, Any] | None = None) -> Callable[[World], dict[str, Any]]:  # noqa: A002
    def prepare(w: World) -> dict[str, Any]:
        order = work_order(w, type=type, status=status)
        return {"id": order.id, "body": body or {}, "version": order.version}

    return prepare


def _wo_to_call(w: World) -> dict[str, Any]:
    from anju.core import pii
    from anju.workorders.models import WorkOrder

    order = work_order(w, status="accepted")
    WorkOrder.objects.filter(pk=order.pk).update(contact_phone=pii.encrypt("13800138000"))
    return {"id": order.id, "body": {}}


def _wo_create(w: World) -> dict[str, Any]:
    body = {"type": "repair", "unit": w.unit_a.id, "category": category().id, "description": "漏水"}
    return {"body": body}


def _wo_batch(w: World) -> dict[str, Any]:
    technician(w)
    return {"body": {"orders": [work_order(w).id]}}


def _wo_photo(w: World) -> dict[str, Any]:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 200)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "photo.png"
    return {"id": work_order(w).id, "body": {"file": buffer}}


def _wo_file(w: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from anju.workorders.services.files import attach

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 200)).save(buffer, format="PNG")
    order = work_order(w)
    attachment = attach(actor=w.admin, order=order, upload=SimpleUploadedFile("a.png", buffer.getvalue()), stage="report")
    return {"id": attachment.id, "order": order.id}


def _assign_file_order(w: World, user: Any, prepared: dict[str, Any]) -> None:
    assign_to_allowed(w, user, {"id": prepared["order"]})


def _technician_row(w: World) -> dict[str, Any]:
    row = technician(w)
    return {"id": row.id, "body": {"notes": "夜班"}, "version": row.version}


def _technician_create(w: World) -> dict[str, Any]:
    user = w.user(f"newtech{timezone.now().timestamp()}", role="technician", projects=[w.project_a])
    return {"body": {"user": user.id, "projects": [w.project_a.id], "skills": [{"category": category().id, "level": "senior"}]}}


OPS: list[Op] = [
    Op("GET", "/api/v1/work-orders/", "workorders.view_workorder"),
    Op("POST", "/api/v1/work-orders/", "workorders.add_workorder", ok=201, prepare=_wo_create, fk_into_a=True),
    Op("GET", "/api/v1/work-orders/{id}/", "workorders.view_workorder", prepare=_wo(), scoped=True, arrange=assign_to_allowed),
    Op("GET", "/api/v1/work-orders/{id}/dispatch-suggestions/", "workorders.dispatch_workorder", prepare=_wo(), scoped=True),
    Op(
        "POST",
        "/api/v1/work-orders/{id}/call/",
        "workorders.work_workorder",
        prepare=_wo_to_call,
        scoped=True,
        arrange=assign_to_allowed,
    ),
    Op("POST", "/api/v1/work-orders/batch-dispatch/", "workorders.dispatch_workorder", prepare=_wo_batch, fk_into_a=True),
    Op(
        "GET",
        "/api/v1/work-orders/{id}/timeline/",
        "workorders.view_workorder",
        prepare=_wo(),
        scoped=True,
        arrange=assign_to_allowed,
    ),
    Op(
        "GET",
        "/api/v1/work-orders/{id}/follow-ups/",
        "workorders.view_workorderfollowup",
        prepare=_wo(),
        scoped=True,
        arrange=assign_to_allowed,
    ),
    Op(
        "POST",
        "/api/v1/work-orders/{id}/follow-ups/",
        "workorders.add_workorderfollowup",
        ok=201,
        prepare=_wo(body={"method": "phone", "content": "已联系业主"}),
        scoped=True,
        arrange=assign_to_allowed,
    ),
    Op(
        "GET",
        "/api/v1/work-orders/{id}/attachments/",
        "workorders.view_attachment",
        prepare=_wo(),
        scoped=True,
        arrange=assign_to_allowed,
    ),
    Op(
        "POST",
        "/api/v1/work-orders/{id}/attachments/",
        "workorders.add_attachment",
        ok=201,
        prepare=_wo_photo,
        scoped=True,
        multipart=True,
        arrange=assign_to_allowed,
    ),
    Op(
        "GET",
        "/api/v1/work-order-files/{id}/",
        "workorders.view_attachment",
        prepare=_wo_file,
        scoped=True,
        arrange=_assign_file_order,
    ),
    Op(
        "GET",
        "/api/v1/work-order-files/{id}/thumbnail/",
        "workorders.view_attachment",
        prepare=_wo_file,
        scoped=True,
        arrange=_assign_file_order,
    ),
    Op("DELETE", "/api/v1/work-order-files/{id}/", "workorders.delete_attachment", ok=204, prepare=_wo_file, scoped=True),
    Op("GET", "/api/v1/work-order-categories/", "workorders.view_category"),
    Op("GET", "/api/v1/work-order-categories/{id}/", "workorders.view_category", prepare=lambda w: {"id": category().id}),
    Op(
        "POST",
        "/api/v1/work-order-categories/",
        "workorders.add_category",
        ok=201,
        prepare=lambda w: {"body": {"code": "gas", "name": "燃气", "warranty_item": "electrical_plumbing"}},
    ),
    Op(
        "PATCH",
        "/api/v1/work-order-categories/{id}/",
        "workorders.change_category",
        prepare=lambda w: {"id": category().id, "body": {"name": "给水"}},
    ),
    Op("GET", "/api/v1/technicians/", "workorders.view_technician"),
    Op("POST", "/api/v1/technicians/", "workorders.manage_technician", ok=201, prepare=_technician_create, fk_into_a=True),
    Op("GET", "/api/v1/technicians/{id}/", "workorders.view_technician", prepare=_technician_row, scoped=True),
    Op("PATCH", "/api/v1/technicians/{id}/", "workorders.manage_technician", prepare=_technician_row, scoped=True),
    Op("GET", "/api/v1/technicians/{id}/history/", "workorders.view_technician", prepare=_technician_row, scoped=True),
    Op("GET", "/api/v1/technicians/candidates/", "workorders.manage_technician"),
    Op("GET", "/api/v1/technician-teams/", "workorders.view_technician"),
    Op(
        "POST",
        "/api/v1/technician-teams/",
        "workorders.manage_technician",
        ok=201,
        prepare=lambda w: {"body": {"name": "水电组"}},
    ),
    Op(
        "GET",
        "/api/v1/service-settings/{project_id}/",
        "workorders.view_servicesettings",
        prepare=lambda w: {"id": w.project_a.id},
        scoped=True,
    ),
    Op(
        "PUT",
        "/api/v1/service-settings/{project_id}/",
        "workorders.change_servicesettings",
        prepare=lambda w: {
            "id": w.project_a.id,
            "body": {"auto_dispatch": True, "auto_dispatch_threshold": 70, "reopen_days": 10},
        },
        scoped=True,
    ),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_order(w: World, state: str, action: str) -> Any:
    from anju.workorders.models import WorkOrder

    order = work_order(
        w, type="complaint" if action == "resolve" else "repair", status=None if state == "pending_dispatch" else state
    )
    if state not in ("pending_dispatch",):
        WorkOrder.objects.filter(pk=order.pk).update(assignee=technician(w).user)
    order.refresh_from_db()
    return order


def _wf_order_body(w: World, action: str, order: Any) -> dict[str, Any]:
    if action in ("dispatch", "reassign"):
        return {"technician": technician(w).id}
    if action == "complete":
        return {"work_done": "已修复", "owner_confirmed_name": "张三", "free_reason": "免费：上门检查，未更换配件"}
    return {"reason": "原因"}


WORKFLOW_CASES = {"workorder": WorkflowCase("/api/v1/work-orders/{id}/", _wf_order, _wf_order_body)}
