"""Permission-matrix rows of complaints, incidents and the complaint category → department table (collected by
``tests.matrix.app_rows``); the complaint workflow's actions are derived from its table with ``WORKFLOW_CASES``."""

from __future__ import annotations

from typing import Any

from anju.accounts.models import Department
from anju.complaints.models import ComplaintCategoryDepartment
from conftest import World
from tests.matrix import Op, WorkflowCase, work_order


def _complaint_case(w: World, stage: str = "received", text: str = "已致歉") -> dict[str, Any]:
    from anju.complaints.models import Complaint

    order = work_order(w, type="complaint")
    complaint = Complaint.objects.get(work_order=order)
    Complaint.objects.filter(pk=complaint.pk).update(stage=stage)
    return {"id": complaint.id, "body": {"text": text}, "version": complaint.version}


def _incident(w: World) -> dict[str, Any]:
    from anju.complaints.models import Incident

    incident = Incident.objects.create(project=w.project_a, building=w.building_a, category="quality")
    return {"id": incident.id, "body": {"response_plan": "整改计划"}, "version": incident.version}


def _mapping(w: World) -> dict[str, Any]:
    row = ComplaintCategoryDepartment.objects.get(category="quality")
    return {"id": row.id, "body": {"department": Department.objects.get(code="design").id}}


OPS: list[Op] = [
    Op("GET", "/api/v1/complaints/", "complaints.view_complaint"),
    Op("GET", "/api/v1/complaints/{id}/", "complaints.view_complaint", prepare=_complaint_case, scoped=True),
    Op(
        "PATCH",
        "/api/v1/complaints/{id}/",
        "complaints.change_complaint",
        prepare=lambda w: {**_complaint_case(w), "body": {"category": "service", "severity": "serious"}},
        scoped=True,
    ),
    Op("GET", "/api/v1/incidents/", "complaints.view_incident"),
    Op("GET", "/api/v1/incidents/{id}/", "complaints.view_incident", prepare=_incident, scoped=True),
    Op("PATCH", "/api/v1/incidents/{id}/", "complaints.change_incident", prepare=_incident, scoped=True),
    Op("GET", "/api/v1/complaint-category-departments/", "complaints.view_complaintcategorydepartment"),
    Op(
        "PATCH", "/api/v1/complaint-category-departments/{id}/", "complaints.change_complaintcategorydepartment", prepare=_mapping
    ),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_complaint(w: World, state: str, action: str) -> Any:
    from anju.complaints.models import Complaint

    complaint = Complaint.objects.get(work_order=work_order(w, type="complaint"))
    Complaint.objects.filter(pk=complaint.pk).update(stage=state)
    complaint.refresh_from_db()
    return complaint


WORKFLOW_CASES = {"complaint": WorkflowCase("/api/v1/complaints/{id}/", _wf_complaint, lambda w, a, o: {"text": "已处理"})}
