"""Permission-matrix rows of return visits, the quality roll-up and care plans (collected by
``tests.matrix.app_rows``); the return-visit workflow's actions are derived from its table with ``WORKFLOW_CASES``."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from conftest import World
from tests.matrix import Op, WorkflowCase, work_order


def _visit(w: World) -> dict[str, Any]:
    from anju.visits.models import ReturnVisit

    order = work_order(w, status="completed")
    visit = ReturnVisit.objects.create(
        work_order=order, project=order.project, due_at=timezone.now() + datetime.timedelta(days=1)
    )
    return {"id": visit.id, "body": {"resolved": True, "satisfaction": 5}, "version": visit.version}


def _care_plan(w: World) -> dict[str, Any]:
    from anju.visits.models import CarePlan

    plan = CarePlan.objects.create(
        project=w.project_a, name="交付关怀", basis="handover", offsets=[7], starts_on=timezone.localdate()
    )
    return {"id": plan.id, "body": {"name": "交付关怀回访"}, "version": plan.version}


def _care_plan_new(w: World) -> dict[str, Any]:
    return {"body": {"project": w.project_a.id, "name": "交付关怀", "basis": "handover", "offsets": [7, 30]}}


OPS: list[Op] = [
    Op("GET", "/api/v1/return-visits/", "visits.view_returnvisit"),
    Op("GET", "/api/v1/return-visits/{id}/", "visits.view_returnvisit", prepare=_visit, scoped=True),
    Op("GET", "/api/v1/quality/rollup/?by=project", "visits.view_returnvisit"),
    Op("GET", "/api/v1/care-plans/", "visits.view_careplan"),
    Op("POST", "/api/v1/care-plans/", "visits.add_careplan", ok=201, prepare=_care_plan_new, fk_into_a=True),
    Op("GET", "/api/v1/care-plans/{id}/", "visits.view_careplan", prepare=_care_plan, scoped=True),
    Op("PATCH", "/api/v1/care-plans/{id}/", "visits.change_careplan", prepare=_care_plan, scoped=True),
    Op(
        "GET",
        "/api/v1/care-plans/assignees/?project={project}",
        "visits.change_careplan",
        prepare=lambda w: {"id": w.project_a.id},
    ),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_visit(w: World, state: str, action: str) -> Any:
    from anju.visits.models import ReturnVisit

    return ReturnVisit.objects.get(pk=_visit(w)["id"])


WORKFLOW_CASES = {
    "return_visit": WorkflowCase(
        "/api/v1/return-visits/{id}/",
        _wf_visit,
        lambda w, a, o: {"resolved": True, "satisfaction": 5} if a == "outcome" else {"note": "无人接听"},
    ),
}
