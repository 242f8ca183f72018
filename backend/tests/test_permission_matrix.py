"""The permission matrix for every API operation (security targets A1, A2).

For each operation: anonymous → 401; a user holding every permission *except* the one the
operation needs → 403; a user with the permission but scoped to the other project → 404
on objects of project A (and 400 when a create points a foreign key into project A); a user
holding only that permission, scoped to project A → the success status.
``test_every_operation_has_a_case`` walks the OpenAPI schema and fails when an operation
has no row. Rows of the older apps are here; newer apps keep theirs in ``anju/<app>/tests/matrix.py`` (``OPS`` and,
for their workflows, ``WORKFLOW_CASES``), collected by ``tests.matrix.app_rows``.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from openpyxl import Workbook

from conftest import World
from tests.matrix import AUTHENTICATED, OWNER, PUBLIC, Op, WorkflowCase, app_rows


def _xlsx(rows: list[list[Any]], sheets: list[tuple[str, list[list[Any]]]] | None = None) -> io.BytesIO:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, data in sheets or [("客户", rows)]:
        ws = workbook.create_sheet(title)
        for row in data:
            ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer


def _customer_file(w: World) -> dict[str, Any]:
    rows = [["姓名", "手机号码", "项目编码"], ["王五", "13700137000", "PA"]]
    return {"body": {"file": _xlsx(rows)}}


def _units_file(w: World) -> dict[str, Any]:
    sheets = [
        ("楼栋", [["楼栋编码", "楼栋名称", "地上层数"], ["9", "9号楼", 10]]),
        (
            "房屋",
            [
                ["楼栋编码", "房号", "楼层", "户号", "预测建筑面积(m²)", "预测套内面积(m²)"],
                ["9", "101", 1, "01", "90.00", "70.00"],
            ],
        ),
    ]
    return {"id": w.project_a.id, "body": {"file": _xlsx([], sheets)}}


def _sales(w: World) -> Any:
    return w.user(f"sales{timezone.now().timestamp()}", role="sales_consultant", projects=[w.project_a])


def _appointment(w: World) -> dict[str, Any]:
    from anju.customers.services.contacts import create_appointment

    start = timezone.now() + datetime.timedelta(days=1)
    appointment = create_appointment(
        actor=w.admin,
        customer=w.customer_a,
        project=w.project_a,
        consultant=_sales(w),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )
    return {"id": appointment.id, "body": {"note": "ok"}}


def _consultation(w: World) -> dict[str, Any]:
    from anju.customers.services.contacts import create_consultation

    consultation = create_consultation(
        actor=w.admin, customer=w.customer_a, project=w.project_a, channel="phone", category="price", content="价格"
    )
    return {"id": consultation.id}


def _follow_up(w: World) -> dict[str, Any]:
    from anju.customers.services.contacts import create_follow_up

    return {"id": create_follow_up(actor=w.admin, customer=w.customer_a, method="phone", content="回访").id}


def _tag(w: World) -> Any:
    from anju.customers.models import Tag

    return Tag.objects.create(name=f"T{Tag.objects.count()}")


def _empty_building(w: World) -> dict[str, Any]:
    from anju.properties.models import Building

    return {"id": Building.objects.create(project=w.project_a, code="E", name="空楼", floors_above=1).id}


def _spare_unit(w: World) -> Any:
    from anju.properties.models import Unit

    return Unit.objects.create(
        project=w.project_a,
        building=w.building_a,
        room_number="999",
        floor=9,
        stack="09",
        predicted_gross_area="50.00",
        predicted_internal_area="40.00",
    )


def _empty_project(w: World) -> dict[str, Any]:
    from anju.properties.models import Project

    return {"id": Project.objects.create(city_company=w.company, code="EMPTY", name="空项目").id}


def _empty_company(w: World) -> dict[str, Any]:
    from anju.properties.models import CityCompany

    return {"id": CityCompany.objects.create(code="BJ", name="北京城市公司").id}


def _plain_user(w: World, *, active: bool = True) -> dict[str, Any]:
    from anju.accounts.models import User

    user = User.objects.create_user("target", password="x" * 12, is_active=active)
    return {"id": user.id}


A_CUSTOMER = lambda w: {"id": w.customer_a.id}  # noqa: E731
A_UNIT = lambda w: {"id": w.unit_a.id}  # noqa: E731
A_PROJECT = lambda w: {"id": w.project_a.id}  # noqa: E731
A_BUILDING = lambda w: {"id": w.building_a.id}  # noqa: E731


# --- Service desk -------------------------------------------------------------


def _category(code: str = "water_supply") -> Any:
    from anju.workorders.models import Category

    parent = Category.objects.get_or_create(code="plumbing", defaults={"name": "水电", "warranty_item": "electrical_plumbing"})[0]
    return Category.objects.get_or_create(code=code, defaults={"name": "给水管道", "parent": parent})[0]


def _technician(w: World, name: str = "") -> Any:
    from anju.workorders.models import Technician

    user = w.user(name or f"tech{timezone.now().timestamp()}", role="technician", projects=[w.project_a])
    technician = Technician.objects.create(user=user)
    technician.projects.add(w.project_a)
    return technician


def _order(w: World, *, type: str = "repair", status: str | None = None) -> Any:  # noqa: A002
    from anju.workorders.models import WorkOrder
    from anju.workorders.services.orders import create_work_order

    order = create_work_order(
        actor=w.admin,
        type=type,
        unit=w.unit_a,
        customer=w.customer_a,
        category=_category() if type == "repair" else None,
        description="漏水",
    )
    if status:
        now = timezone.now()
        WorkOrder.objects.filter(pk=order.pk).update(status=status, completed_at=now, closed_at=now)
        order.refresh_from_db()
    return order


def _wo(status: str | None = None, type: str = "repair", body: dict[str, Any] | None = None) -> Callable[[World], dict[str, Any]]:  # noqa: A002
    def prepare(w: World) -> dict[str, Any]:
        order = _order(w, type=type, status=status)
        return {"id": order.id, "body": body or {}, "version": order.version}

    return prepare


def _assign_to_allowed(w: World, user: Any, prepared: dict[str, Any]) -> None:
    from anju.workorders.models import Technician, WorkOrder

    Technician.objects.get_or_create(user=user)
    WorkOrder.objects.filter(pk=prepared["id"]).update(assignee=user)


def _wo_to_call(w: World) -> dict[str, Any]:
    from anju.core import pii
    from anju.workorders.models import WorkOrder

    order = _order(w, status="accepted")
    WorkOrder.objects.filter(pk=order.pk).update(contact_phone=pii.encrypt("13800138000"))
    return {"id": order.id, "body": {}}


def _wo_create(w: World) -> dict[str, Any]:
    body = {"type": "repair", "unit": w.unit_a.id, "category": _category().id, "description": "漏水"}
    return {"body": body}


def _wo_dispatch(w: World) -> dict[str, Any]:
    order = _order(w)
    return {"id": order.id, "body": {"technician": _technician(w).id}, "version": order.version}


def _wo_batch(w: World) -> dict[str, Any]:
    _technician(w)
    return {"body": {"orders": [_order(w).id]}}


def _wo_photo(w: World) -> dict[str, Any]:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 200)).save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "photo.png"
    return {"id": _order(w).id, "body": {"file": buffer}}


def _wo_file(w: World) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from anju.workorders.services.files import attach

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 200)).save(buffer, format="PNG")
    order = _order(w)
    attachment = attach(actor=w.admin, order=order, upload=SimpleUploadedFile("a.png", buffer.getvalue()), stage="report")
    return {"id": attachment.id, "order": order.id}


def _assign_file_order(w: World, user: Any, prepared: dict[str, Any]) -> None:
    _assign_to_allowed(w, user, {"id": prepared["order"]})


def _technician_row(w: World) -> dict[str, Any]:
    technician = _technician(w)
    return {"id": technician.id, "body": {"notes": "夜班"}, "version": technician.version}


def _technician_create(w: World) -> dict[str, Any]:
    user = w.user(f"newtech{timezone.now().timestamp()}", role="technician", projects=[w.project_a])
    return {"body": {"user": user.id, "projects": [w.project_a.id], "skills": [{"category": _category().id, "level": "senior"}]}}


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


def _sla_policy(w: World) -> dict[str, Any]:
    from anju.sla.models import SlaPolicy

    policy = SlaPolicy.objects.create(
        order_type="repair", priority="low", project=w.project_a, respond_minutes=60, resolve_minutes=600
    )
    return {"id": policy.id, "body": {"resolve_minutes": 900}}


def _calendar_day(w: World) -> dict[str, Any]:
    from anju.sla.models import CalendarDay

    return {"id": CalendarDay.objects.create(date=datetime.date(2030, 1, 1), kind="rest", name="元旦").id}


def _notification_for(w: World, user: Any, prepared: dict[str, Any]) -> None:
    from anju.notifications.models import Notification

    prepared["id"] = Notification.objects.create(recipient=user, kind="test", title="测试通知").id


def _visit(w: World) -> dict[str, Any]:
    from anju.visits.models import ReturnVisit

    order = _order(w, status="completed")
    visit = ReturnVisit.objects.create(
        work_order=order, project=order.project, due_at=timezone.now() + datetime.timedelta(days=1)
    )
    return {"id": visit.id, "body": {"resolved": True, "satisfaction": 5}, "version": visit.version}


def _prospect(w: World, body: dict[str, str]) -> dict[str, Any]:
    from anju.customers.services.customers import create_customer

    prospect = create_customer(actor=w.admin, name="王五", mobiles=["13700137000"], projects=[w.project_a])
    return {"id": prospect.id, "body": body, "version": prospect.version}


def _care_plan(w: World) -> dict[str, Any]:
    from anju.visits.models import CarePlan

    plan = CarePlan.objects.create(
        project=w.project_a, name="交付关怀", basis="handover", offsets=[7], starts_on=timezone.localdate()
    )
    return {"id": plan.id, "body": {"name": "交付关怀回访"}, "version": plan.version}


def _care_plan_new(w: World) -> dict[str, Any]:
    return {"body": {"project": w.project_a.id, "name": "交付关怀", "basis": "handover", "offsets": [7, 30]}}


def _complaint_case(w: World, stage: str = "received", text: str = "已致歉") -> dict[str, Any]:
    from anju.complaints.models import Complaint

    order = _order(w, type="complaint")
    complaint = Complaint.objects.get(work_order=order)
    Complaint.objects.filter(pk=complaint.pk).update(stage=stage)
    return {"id": complaint.id, "body": {"text": text}, "version": complaint.version}


def _incident(w: World) -> dict[str, Any]:
    from anju.complaints.models import Incident

    incident = Incident.objects.create(project=w.project_a, building=w.building_a, category="quality")
    return {"id": incident.id, "body": {"response_plan": "整改计划"}, "version": incident.version}


def _swept() -> dict[str, Any]:
    from anju.core.metrics import beat

    beat("sla-sweep")
    return {}


def _own_token(w: World, user: Any, prepared: dict[str, Any]) -> None:
    from anju.accounts.models import ApiToken

    prepared["id"] = ApiToken.objects.create(user=user, name="ci", digest="0" * 64).id


OPS: list[Op] = [
    # platform and auth
    Op("GET", "/api/v1/health/", PUBLIC),
    # ready once the SLA sweep has run; metrics are off (404) until ANJU_METRICS_TOKEN is set (anju/core/tests/test_ops.py)
    Op("GET", "/api/v1/ready/", PUBLIC, prepare=lambda w: _swept()),
    Op("GET", "/api/v1/metrics/", PUBLIC, ok=404),
    # the development outbox screen: production settings (this suite's) hide it even from those allowed in
    Op("GET", "/api/v1/dev-outbox/", "notifications.view_outboxmessage", ok=404),
    Op("GET", "/api/v1/auth/csrf/", PUBLIC),
    Op("POST", "/api/v1/auth/login/", PUBLIC, ok=400, prepare=lambda w: {"body": {"username": "x", "password": "y"}}),
    Op("POST", "/api/v1/auth/token/", PUBLIC, ok=400, prepare=lambda w: {"body": {"username": "x", "password": "y"}}),
    Op("POST", "/api/v1/auth/logout/", AUTHENTICATED, ok=204),
    Op("GET", "/api/v1/auth/me/", AUTHENTICATED),
    Op("GET", "/api/v1/auth/tokens/", AUTHENTICATED),
    Op("DELETE", "/api/v1/auth/tokens/{id}/", AUTHENTICATED, ok=204, arrange=_own_token),
    Op("GET", "/api/v1/roles/", "auth.view_group"),
    # users (not project-scoped)
    Op("GET", "/api/v1/users/", "accounts.view_user"),
    Op(
        "POST",
        "/api/v1/users/",
        "accounts.add_user",
        ok=201,
        prepare=lambda w: {"body": {"username": "newbie", "password": "a-long-passphrase-1", "roles": ["service_agent"]}},
    ),
    Op("GET", "/api/v1/users/{id}/", "accounts.view_user", prepare=_plain_user),
    Op(
        "PATCH",
        "/api/v1/users/{id}/",
        "accounts.change_user",
        prepare=lambda w: {**_plain_user(w), "body": {"display_name": "新名"}},
    ),
    Op(
        "POST",
        "/api/v1/users/{id}/set-password/",
        "accounts.change_user",
        ok=204,
        prepare=lambda w: {**_plain_user(w), "body": {"password": "another-long-pass-2"}},
    ),
    Op("POST", "/api/v1/users/{id}/deactivate/", "accounts.deactivate_user", prepare=_plain_user),
    Op("POST", "/api/v1/users/{id}/activate/", "accounts.deactivate_user", prepare=lambda w: _plain_user(w, active=False)),
    Op("GET", "/api/v1/users/{id}/scope/", "properties.view_userscope", prepare=_plain_user),
    Op(
        "PUT",
        "/api/v1/users/{id}/scope/",
        "properties.change_userscope",
        prepare=lambda w: {**_plain_user(w), "body": {"all_projects": False, "city_companies": [], "projects": [w.project_a.id]}},
    ),
    # properties
    Op("GET", "/api/v1/city-companies/", "properties.view_citycompany"),
    Op(
        "POST",
        "/api/v1/city-companies/",
        "properties.add_citycompany",
        ok=201,
        prepare=lambda w: {"body": {"code": "GZ", "name": "广州"}},
    ),
    Op("GET", "/api/v1/city-companies/{id}/", "properties.view_citycompany", prepare=_empty_company, scoped=True, scope_all=True),
    Op(
        "PATCH",
        "/api/v1/city-companies/{id}/",
        "properties.change_citycompany",
        prepare=lambda w: {**_empty_company(w), "body": {"name": "北京公司"}},
        scoped=True,
        scope_all=True,
    ),
    Op(
        "DELETE",
        "/api/v1/city-companies/{id}/",
        "properties.delete_citycompany",
        ok=204,
        prepare=_empty_company,
        scoped=True,
        scope_all=True,
    ),
    Op("GET", "/api/v1/projects/", "properties.view_project"),
    Op(
        "POST",
        "/api/v1/projects/",
        "properties.add_project",
        ok=201,
        scope_all=True,
        prepare=lambda w: {"body": {"city_company": w.company.id, "code": "PN", "name": "新项目"}},
    ),
    Op("GET", "/api/v1/projects/{id}/", "properties.view_project", prepare=A_PROJECT, scoped=True),
    Op(
        "PATCH",
        "/api/v1/projects/{id}/",
        "properties.change_project",
        prepare=lambda w: {**A_PROJECT(w), "body": {"name": "改名"}},
        scoped=True,
    ),
    Op(
        "DELETE",
        "/api/v1/projects/{id}/",
        "properties.delete_project",
        ok=204,
        prepare=_empty_project,
        scoped=True,
        scope_all=True,
    ),
    Op("POST", "/api/v1/projects/{id}/import/", "properties.import_unit", prepare=_units_file, scoped=True, multipart=True),
    Op("GET", "/api/v1/projects/{id}/timeline/", "properties.view_project", prepare=A_PROJECT, scoped=True),
    Op("GET", "/api/v1/projects/import-template/", "properties.import_unit"),
    Op("GET", "/api/v1/buildings/", "properties.view_building"),
    Op(
        "POST",
        "/api/v1/buildings/",
        "properties.add_building",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {"body": {"project": w.project_a.id, "code": "8", "name": "8号楼", "floors_above": 10}},
    ),
    Op("GET", "/api/v1/buildings/{id}/", "properties.view_building", prepare=A_BUILDING, scoped=True),
    Op(
        "PATCH",
        "/api/v1/buildings/{id}/",
        "properties.change_building",
        prepare=lambda w: {**A_BUILDING(w), "body": {"name": "一号楼"}},
        scoped=True,
    ),
    Op("DELETE", "/api/v1/buildings/{id}/", "properties.delete_building", ok=204, prepare=_empty_building, scoped=True),
    Op("GET", "/api/v1/buildings/{id}/grid/", "properties.view_unit", prepare=A_BUILDING, scoped=True),
    Op("GET", "/api/v1/units/", "properties.view_unit"),
    Op(
        "POST",
        "/api/v1/units/",
        "properties.add_unit",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {
            "body": {
                "building": w.building_a.id,
                "room_number": "202",
                "floor": 2,
                "stack": "02",
                "predicted_gross_area": "88.00",
                "predicted_internal_area": "70.00",
            }
        },
    ),
    Op("GET", "/api/v1/units/{id}/", "properties.view_unit", prepare=A_UNIT, scoped=True),
    Op(
        "PATCH",
        "/api/v1/units/{id}/",
        "properties.change_unit",
        prepare=lambda w: {**A_UNIT(w), "body": {"version": 1, "layout": "3室"}},
        scoped=True,
    ),
    Op(
        "DELETE",
        "/api/v1/units/{id}/",
        "properties.delete_unit",
        ok=204,
        prepare=lambda w: {"id": _spare_unit(w).id},
        scoped=True,
    ),
    Op("GET", "/api/v1/units/{id}/timeline/", "properties.view_unit", prepare=A_UNIT, scoped=True),
    Op("GET", "/api/v1/units/export/", "properties.export_unit"),
    # customers
    Op("GET", "/api/v1/customers/", "customers.view_customer"),
    Op(
        "POST",
        "/api/v1/customers/",
        "customers.add_customer",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {"body": {"name": "王五", "mobiles": ["13700137000"], "projects": [w.project_a.id]}},
    ),
    Op("GET", "/api/v1/customers/{id}/", "customers.view_customer", prepare=A_CUSTOMER, scoped=True),
    Op(
        "PATCH",
        "/api/v1/customers/{id}/",
        "customers.change_customer",
        prepare=lambda w: {**A_CUSTOMER(w), "body": {"version": w.customer_a.version, "address": "新地址"}},
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/customers/{id}/reveal/",
        "customers.reveal_customer_pii",
        prepare=lambda w: {**A_CUSTOMER(w), "body": {"purpose": "回访核实身份"}},
        scoped=True,
    ),
    Op("GET", "/api/v1/customers/{id}/timeline/", "customers.view_customer", prepare=A_CUSTOMER, scoped=True),
    Op(
        "POST",
        "/api/v1/customers/batch-tag/",
        "customers.change_customer",
        fk_into_a=True,
        prepare=lambda w: {"body": {"customers": [w.customer_a.id], "add": [_tag(w).id]}},
    ),
    Op("GET", "/api/v1/customers/export/", "customers.export_customer"),
    Op("POST", "/api/v1/customers/import/", "customers.import_customer", prepare=_customer_file, multipart=True),
    Op("GET", "/api/v1/customers/import-template/", "customers.import_customer"),
    Op("POST", "/api/v1/customers/search/", "customers.view_customer", prepare=lambda w: {"body": {"mobile": "13800138000"}}),
    Op("GET", "/api/v1/tags/", "customers.view_tag"),
    Op("POST", "/api/v1/tags/", "customers.add_tag", ok=201, prepare=lambda w: {"body": {"name": "贵宾"}}),
    Op("GET", "/api/v1/tags/{id}/", "customers.view_tag", prepare=lambda w: {"id": _tag(w).id}),
    Op("PATCH", "/api/v1/tags/{id}/", "customers.change_tag", prepare=lambda w: {"id": _tag(w).id, "body": {"color": "#123456"}}),
    Op("DELETE", "/api/v1/tags/{id}/", "customers.delete_tag", ok=204, prepare=lambda w: {"id": _tag(w).id}),
    Op("GET", "/api/v1/ownerships/", "customers.view_unitownership"),
    Op(
        "POST",
        "/api/v1/ownerships/",
        "customers.add_unitownership",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {"body": {"customer": w.customer_a.id, "unit": _spare_unit(w).id, "role": "co_owner"}},
    ),
    Op(
        "GET", "/api/v1/ownerships/{id}/", "customers.view_unitownership", prepare=lambda w: {"id": w.ownership_a.id}, scoped=True
    ),
    Op(
        "DELETE",
        "/api/v1/ownerships/{id}/",
        "customers.delete_unitownership",
        ok=204,
        prepare=lambda w: {"id": w.ownership_a.id},
        scoped=True,
    ),
    Op("GET", "/api/v1/consultations/", "customers.view_consultation"),
    Op(
        "POST",
        "/api/v1/consultations/",
        "customers.add_consultation",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {
            "body": {
                "customer": w.customer_a.id,
                "project": w.project_a.id,
                "channel": "phone",
                "category": "loan",
                "content": "贷款",
            }
        },
    ),
    Op("GET", "/api/v1/consultations/{id}/", "customers.view_consultation", prepare=_consultation, scoped=True),
    Op("GET", "/api/v1/appointments/", "customers.view_appointment"),
    Op(
        "POST",
        "/api/v1/appointments/",
        "customers.add_appointment",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {
            "body": {
                "customer": w.customer_a.id,
                "project": w.project_a.id,
                "consultant": _sales(w).id,
                "starts_at": "2030-01-02T10:00:00+08:00",
                "ends_at": "2030-01-02T11:00:00+08:00",
            }
        },
    ),
    Op("GET", "/api/v1/appointments/{id}/", "customers.view_appointment", prepare=_appointment, scoped=True),
    Op("GET", "/api/v1/follow-ups/", "customers.view_followup"),
    Op(
        "POST",
        "/api/v1/follow-ups/",
        "customers.add_followup",
        ok=201,
        fk_into_a=True,
        prepare=lambda w: {"body": {"customer": w.customer_a.id, "method": "phone", "content": "已联系"}},
    ),
    Op("GET", "/api/v1/follow-ups/{id}/", "customers.view_followup", prepare=_follow_up, scoped=True),
    Op("GET", "/api/v1/follow-ups/due/", "customers.view_followup"),
    Op("GET", "/api/v1/consultants/", "customers.view_customer"),
    Op("GET", "/api/v1/dashboard/", AUTHENTICATED),
    Op("GET", "/api/v1/workspace/", AUTHENTICATED),
    # Service desk
    Op("GET", "/api/v1/work-orders/", "workorders.view_workorder"),
    Op("POST", "/api/v1/work-orders/", "workorders.add_workorder", ok=201, prepare=_wo_create, fk_into_a=True),
    Op("GET", "/api/v1/work-orders/{id}/", "workorders.view_workorder", prepare=_wo(), scoped=True, arrange=_assign_to_allowed),
    Op("GET", "/api/v1/work-orders/{id}/dispatch-suggestions/", "workorders.dispatch_workorder", prepare=_wo(), scoped=True),
    Op(
        "POST",
        "/api/v1/work-orders/{id}/call/",
        "workorders.work_workorder",
        prepare=_wo_to_call,
        scoped=True,
        arrange=_assign_to_allowed,
    ),
    Op("POST", "/api/v1/work-orders/batch-dispatch/", "workorders.dispatch_workorder", prepare=_wo_batch, fk_into_a=True),
    Op(
        "GET",
        "/api/v1/work-orders/{id}/timeline/",
        "workorders.view_workorder",
        prepare=_wo(),
        scoped=True,
        arrange=_assign_to_allowed,
    ),
    Op(
        "GET",
        "/api/v1/work-orders/{id}/follow-ups/",
        "workorders.view_workorderfollowup",
        prepare=_wo(),
        scoped=True,
        arrange=_assign_to_allowed,
    ),
    Op(
        "POST",
        "/api/v1/work-orders/{id}/follow-ups/",
        "workorders.add_workorderfollowup",
        ok=201,
        prepare=_wo(body={"method": "phone", "content": "已联系业主"}),
        scoped=True,
        arrange=_assign_to_allowed,
    ),
    Op(
        "GET",
        "/api/v1/work-orders/{id}/attachments/",
        "workorders.view_attachment",
        prepare=_wo(),
        scoped=True,
        arrange=_assign_to_allowed,
    ),
    Op(
        "POST",
        "/api/v1/work-orders/{id}/attachments/",
        "workorders.add_attachment",
        ok=201,
        prepare=_wo_photo,
        scoped=True,
        multipart=True,
        arrange=_assign_to_allowed,
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
    Op("GET", "/api/v1/work-order-categories/{id}/", "workorders.view_category", prepare=lambda w: {"id": _category().id}),
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
        prepare=lambda w: {"id": _category().id, "body": {"name": "给水"}},
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
    # Notifications (always the caller's own)
    Op("GET", "/api/v1/notifications/", AUTHENTICATED),
    Op("GET", "/api/v1/notifications/unread-count/", AUTHENTICATED),
    Op("POST", "/api/v1/notifications/{id}/read/", AUTHENTICATED, arrange=_notification_for),
    Op("POST", "/api/v1/notifications/read-all/", AUTHENTICATED),
    # Complaints
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
    # Return visits
    Op("GET", "/api/v1/return-visits/", "visits.view_returnvisit"),
    Op("GET", "/api/v1/return-visits/{id}/", "visits.view_returnvisit", prepare=_visit, scoped=True),
    Op("GET", "/api/v1/quality/rollup/?by=project", "visits.view_returnvisit"),
    Op(
        "POST",
        "/api/v1/customers/{id}/personal-data/",
        "customers.export_personal_data",
        prepare=lambda w: _prospect(w, {"purpose": "本人申请副本"}),
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/customers/link/",
        "customers.link_customer",
        prepare=lambda w: {"body": {"project": w.project_a.id, "mobile": "13900139000", "reason": "业主在本项目购房"}},
        fk_into_a=True,
    ),
    Op(
        "POST",
        "/api/v1/customers/{id}/erase/",
        "customers.erase_customer",
        prepare=lambda w: _prospect(w, {"reason": "本人申请删除"}),
        scoped=True,
    ),
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
    # SLA
    Op("GET", "/api/v1/sla/clocks/", "workorders.view_workorder"),
    Op("GET", "/api/v1/sla/board/", "workorders.view_workorder"),
    Op("GET", "/api/v1/sla/policies/", "sla.view_slapolicy"),
    Op("GET", "/api/v1/sla/policies/{id}/", "sla.view_slapolicy", prepare=_sla_policy, scoped=True),
    Op(
        "POST",
        "/api/v1/sla/policies/",
        "sla.add_slapolicy",
        ok=201,
        prepare=lambda w: {
            "body": {
                "order_type": "praise",
                "priority": "low",
                "project": w.project_a.id,
                "respond_minutes": 60,
                "resolve_minutes": 120,
            }
        },
        fk_into_a=True,
    ),
    Op("PATCH", "/api/v1/sla/policies/{id}/", "sla.change_slapolicy", prepare=_sla_policy, scoped=True),
    Op("DELETE", "/api/v1/sla/policies/{id}/", "sla.delete_slapolicy", ok=204, prepare=_sla_policy, scoped=True),
    Op("GET", "/api/v1/sla/calendar/", "sla.view_calendarday"),
    Op(
        "POST",
        "/api/v1/sla/calendar/",
        "sla.add_calendarday",
        ok=201,
        prepare=lambda w: {"body": {"date": "2031-01-01", "kind": "rest", "name": "元旦"}},
        scope_all=True,  # company-wide: the calendar governs every project
    ),
    Op("DELETE", "/api/v1/sla/calendar/{id}/", "sla.delete_calendarday", ok=204, prepare=_calendar_day, scope_all=True),
    Op("GET", "/api/v1/sla/working-hours/", "sla.view_workinghours"),
    Op(
        "PUT",
        "/api/v1/sla/working-hours/",
        "sla.change_workinghours",
        prepare=lambda w: {
            "body": {
                "morning_start": "08:30",
                "morning_end": "12:00",
                "afternoon_start": "13:30",
                "afternoon_end": "17:30",
                "weekend_days": [6, 7],
            }
        },
        scope_all=True,
    ),
    # Warranty
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


# --- Workflow actions: one row per action of every workflow table (core.workflow), none written by hand ----------


def _wf_order(w: World, state: str, action: str) -> Any:
    from anju.workorders.models import WorkOrder

    order = _order(
        w, type="complaint" if action == "resolve" else "repair", status=None if state == "pending_dispatch" else state
    )
    if state not in ("pending_dispatch",):
        WorkOrder.objects.filter(pk=order.pk).update(assignee=_technician(w).user)
    order.refresh_from_db()
    return order


def _wf_order_body(w: World, action: str, order: Any) -> dict[str, Any]:
    if action in ("dispatch", "reassign"):
        return {"technician": _technician(w).id}
    if action == "complete":
        return {"work_done": "已修复", "owner_confirmed_name": "张三", "free_reason": "免费：上门检查，未更换配件"}
    return {"reason": "原因"}


def _wf_complaint(w: World, state: str, action: str) -> Any:
    from anju.complaints.models import Complaint

    complaint = Complaint.objects.get(work_order=_order(w, type="complaint"))
    Complaint.objects.filter(pk=complaint.pk).update(stage=state)
    complaint.refresh_from_db()
    return complaint


def _wf_appointment(w: World, state: str, action: str) -> Any:
    from anju.customers.models import Appointment

    return Appointment.objects.get(pk=_appointment(w)["id"])


def _wf_visit(w: World, state: str, action: str) -> Any:
    from anju.visits.models import ReturnVisit

    return ReturnVisit.objects.get(pk=_visit(w)["id"])


WORKFLOW_CASES: dict[str, WorkflowCase] = {
    "workorder": WorkflowCase("/api/v1/work-orders/{id}/", _wf_order, _wf_order_body),
    "complaint": WorkflowCase("/api/v1/complaints/{id}/", _wf_complaint, lambda w, a, o: {"text": "已处理"}),
    "appointment": WorkflowCase("/api/v1/appointments/{id}/", _wf_appointment, lambda w, a, o: {"note": ""}),
    "return_visit": WorkflowCase(
        "/api/v1/return-visits/{id}/",
        _wf_visit,
        lambda w, a, o: {"resolved": True, "satisfaction": 5} if a == "outcome" else {"note": "无人接听"},
    ),
}


WORKFLOW_CASES.update(app_rows("WORKFLOW_CASES", {}))


def workflow_action_path(workflow: Any, action: str) -> str:
    from anju.core.workflow_api import action_url_path

    return WORKFLOW_CASES[workflow.name].base + action_url_path(workflow, action) + "/"


def _workflow_ops() -> list[Op]:
    from anju.core.workflow import registered_workflows

    ops = []
    for workflow in registered_workflows():
        case = WORKFLOW_CASES[workflow.name]
        for action, spec in workflow.transitions.items():
            state = sorted(spec.sources)[0]

            def prepare(w: World, *, _case: WorkflowCase = case, _state: str = state, _action: str = action) -> dict[str, Any]:
                obj = _case.make(w, _state, _action)
                prepared = {"id": obj.id, "body": _case.body(w, _action, obj)}
                if hasattr(obj, "version"):
                    prepared["version"] = obj.version
                return prepared

            assignee_only = any(g.name == "assignee_only" for g in spec.guards)
            ops.append(
                Op(
                    "POST",
                    workflow_action_path(workflow, action),
                    spec.permission,
                    prepare=prepare,
                    scoped=case.scoped,
                    arrange=_assign_to_allowed if assignee_only else None,
                )
            )
    return ops


OPS += app_rows("OPS", [])
OPS += _workflow_ops()


def _call(client: Any, op: Op, prepared: dict[str, Any]) -> Any:
    path = re.sub(r"\{photo_id\}", str(prepared.get("photo", 0)), op.path)
    path = re.sub(r"\{[a-z_]+\}", str(prepared.get("id", 0)), path)
    body = prepared.get("body")
    if op.multipart and body:
        for value in body.values():
            if hasattr(value, "seek"):
                value.seek(0)
        return (
            client.generic(op.method, path)
            if body is None
            else getattr(client, op.method.lower())(path, body, format="multipart")
        )
    if op.method in ("GET", "DELETE"):
        return getattr(client, op.method.lower())(path)
    # Edits and workflow actions name the version they read: here as an If-Match header (the body works too).
    headers = {"HTTP_IF_MATCH": f'"{prepared["version"]}"'} if "version" in prepared else {}
    return getattr(client, op.method.lower())(path, body or {}, format="json", **headers)


@pytest.mark.django_db
@pytest.mark.parametrize("op", OPS, ids=lambda op: op.id)
def test_permission_matrix(op: Op, world: World, client_for: Any, anon: Any) -> None:
    prepared = op.prepare(world)

    anonymous = _call(anon, op, prepared)
    if op.permission == PUBLIC:
        assert anonymous.status_code == op.ok, anonymous.content
        return
    assert anonymous.status_code == 401, f"anonymous: {anonymous.status_code}"

    if op.permission == OWNER:
        _owner_row(op, world, client_for, prepared)
        return

    if op.permission == AUTHENTICATED:
        someone = world.user("someone", permissions=[])
        if op.arrange is not None:
            op.arrange(world, someone, prepared)
        assert _call(client_for(someone), op, prepared).status_code == op.ok
        return

    denied = world.user("denied", exclude_permissions=[op.permission], all_projects=True)
    response = _call(client_for(denied), op, prepared)
    assert response.status_code == 403, f"without {op.permission}: {response.status_code} {response.content[:200]!r}"
    assert response.json()["code"] == "auth.permission_denied"

    if op.scoped or op.fk_into_a:
        other = world.user("other", permissions=[op.permission], projects=[world.project_b])
        response = _call(client_for(other), op, prepared)
        expected = 404 if op.scoped else 400
        assert response.status_code == expected, f"other project: {response.status_code} {response.content[:300]!r}"

    allowed = world.user("allowed", permissions=[op.permission], all_projects=op.scope_all, projects=[world.project_a])
    prepared = op.prepare(world) if op.multipart else prepared
    if op.arrange is not None:
        op.arrange(world, allowed, prepared)
    response = _call(client_for(allowed), op, prepared)
    assert response.status_code == op.ok, f"allowed: {response.status_code} {response.content[:300]!r}"


def _owner_client(customer: Any) -> Any:
    from rest_framework.test import APIClient

    from anju.owners.signin import COOKIE_NAME, open_session

    client = APIClient()
    client.cookies[COOKIE_NAME] = open_session(customer=customer).key
    return client


def _owner_row(op: Op, world: World, client_for: Any, prepared: dict[str, Any]) -> None:
    """An owner-API row: no staff credential opens it, another owner meets a 404 (or a 400 for a home of theirs)."""
    staff = world.user("staff_everything", role="system_admin", all_projects=True)
    response = _call(client_for(staff), op, prepared)
    assert response.status_code in (401, 403), f"staff: {response.status_code}"
    if op.scoped or op.fk_into_a:
        response = _call(_owner_client(world.customer_b), op, prepared)
        expected = 404 if op.scoped else 400
        assert response.status_code == expected, f"another owner: {response.status_code} {response.content[:300]!r}"
    prepared = op.prepare(world) if op.multipart else prepared
    response = _call(_owner_client(world.customer_a), op, prepared)
    assert response.status_code == op.ok, f"owner: {response.status_code} {response.content[:300]!r}"


@pytest.mark.django_db
def test_lists_show_nothing_of_another_project(world: World, client_for: Any) -> None:
    other = world.user("viewer_b", role="service_supervisor", projects=[world.project_b])
    client = client_for(other)
    for path, forbidden_id in [
        ("/api/v1/customers/", world.customer_a.id),
        ("/api/v1/units/", world.unit_a.id),
        ("/api/v1/buildings/", world.building_a.id),
        ("/api/v1/projects/", world.project_a.id),
        ("/api/v1/ownerships/", world.ownership_a.id),
    ]:
        ids = [row["id"] for row in client.get(path, {"page_size": 200}).json()["results"]]
        assert forbidden_id not in ids, path
        assert ids, f"{path} should still list project B's rows"


def test_every_operation_has_a_case() -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    covered = {op.id.split("?")[0] for op in OPS}  # a row may carry a required query string
    assert sorted(operations - covered) == [], "operations without a permission-matrix case"
    assert sorted(covered - operations) == [], "matrix rows for operations that no longer exist"


def test_no_view_defaults_to_allow_any(settings: Any) -> None:
    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == ["anju.core.permissions.ActionPermission"]
