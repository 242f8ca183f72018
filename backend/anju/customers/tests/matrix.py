"""Permission-matrix rows of the customers API (collected by ``tests.matrix.app_rows``): customers (and their
import, export, search and linking), tags, ownerships, consultations, appointments and follow-ups; the appointment
workflow's actions are derived from its table with ``WORKFLOW_CASES``."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from conftest import World
from tests.matrix import Op, WorkflowCase, spare_unit, xlsx

A_CUSTOMER = lambda w: {"id": w.customer_a.id}  # noqa: E731


def _customer_file(w: World) -> dict[str, Any]:
    rows = [["姓名", "手机号码", "项目编码"], ["王五", "13700137000", "PA"]]
    return {"body": {"file": xlsx(rows)}}


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


OPS: list[Op] = [
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
        prepare=lambda w: {"body": {"customer": w.customer_a.id, "unit": spare_unit(w).id, "role": "co_owner"}},
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
    Op(
        "POST",
        "/api/v1/customers/link/",
        "customers.link_customer",
        prepare=lambda w: {"body": {"project": w.project_a.id, "mobile": "13900139000", "reason": "业主在本项目购房"}},
        fk_into_a=True,
    ),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_appointment(w: World, state: str, action: str) -> Any:
    from anju.customers.models import Appointment

    return Appointment.objects.get(pk=_appointment(w)["id"])


WORKFLOW_CASES = {"appointment": WorkflowCase("/api/v1/appointments/{id}/", _wf_appointment, lambda w, a, o: {"note": ""})}
