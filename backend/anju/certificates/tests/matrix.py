"""Permission-matrix rows of the certificates API (collected by ``tests.matrix.app_rows``): every operation except the
workflow actions, whose rows are derived from the table with ``WORKFLOW_CASES``."""

from __future__ import annotations

from typing import Any

from anju.certificates.models import CertificateCase
from anju.certificates.services import cases
from anju.certificates.tests import factories
from anju.certificates.workflow import CertificateAction
from anju.core import pii
from conftest import World
from tests.matrix import Op, WorkflowCase

A = CertificateAction
_VIEW = "certificates.view_certificatecase"
_CHANGE = "certificates.change_certificatecase"
_REVEAL = "certificates.reveal_certificate_number"


def _case(w: World) -> dict[str, Any]:
    row = factories.case(w)
    return {"id": row.id, "version": row.version}


def _with_number(w: World) -> dict[str, Any]:
    row = factories.case(w, stage="transfer_completed")
    CertificateCase.objects.filter(pk=row.pk).update(certificate_number=pii.encrypt("沪(2024)浦东新区不动产权第0012345号"))
    return {"id": row.id, "body": {"purpose": "业主来电核对证号"}}


def _receipt(w: World) -> dict[str, Any]:
    row = factories.case(w, stage="transfer_completed")
    done = cases.hand_out(actor=w.admin, case=row, action=A.HAND_OVER)
    return {"id": done.receipts.get().id}


def _checklist(w: World) -> dict[str, Any]:
    data = _case(w)
    item = CertificateCase.objects.get(pk=data["id"]).checklist.first()
    assert item is not None
    return {**data, "body": {"items": [{"id": item.id, "received": True}]}}


OPS: list[Op] = [
    Op("GET", "/api/v1/certificate-cases/", _VIEW),
    Op("GET", "/api/v1/certificate-cases/at-risk/", _VIEW),
    Op("GET", "/api/v1/certificate-cases/at-risk/export/", _VIEW),
    Op("GET", "/api/v1/certificate-cases/{id}/", _VIEW, prepare=_case, scoped=True),
    Op("GET", "/api/v1/certificate-cases/{id}/timeline/", _VIEW, prepare=_case, scoped=True),
    Op(
        "PATCH",
        "/api/v1/certificate-cases/{id}/",
        _CHANGE,
        prepare=lambda w: {**_case(w), "body": {"note": "业主委托亲属办理"}},
        scoped=True,
    ),
    Op("POST", "/api/v1/certificate-cases/{id}/checklist/", _CHANGE, prepare=_checklist, scoped=True),
    Op(
        "POST",
        "/api/v1/certificate-cases/{id}/delays/",
        _CHANGE,
        ok=201,
        prepare=lambda w: {**_case(w), "body": {"fault": "authority", "note": "登记中心系统升级", "occurred_on": "2024-07-01"}},
        scoped=True,
    ),
    Op(
        "POST",
        "/api/v1/certificate-cases/{id}/reveal/",
        "certificates.reveal_certificate_number",
        prepare=_with_number,
        scoped=True,
    ),
    Op("GET", "/api/v1/certificate-receipts/{id}/", _VIEW, prepare=_receipt, scoped=True),
    Op("GET", "/api/v1/certificate-receipts/{id}/pdf/", _VIEW, prepare=_receipt, scoped=True),
    Op("GET", "/api/v1/certificate-milestones/", "certificates.view_projectmilestone"),
    Op(
        "GET",
        "/api/v1/certificate-milestones/{id}/",
        "certificates.view_projectmilestone",
        prepare=lambda w: {"id": w.project_a.id},
        scoped=True,
    ),
    Op(
        "PATCH",
        "/api/v1/certificate-milestones/{id}/",
        "certificates.change_projectmilestone",
        prepare=lambda w: {"id": w.project_a.id, "body": {"first_registration_on": "2024-09-02", "alert_days": 10}},
        scoped=True,
    ),
    Op("POST", "/api/v1/certificates/deadlines/", _VIEW, prepare=lambda w: {"body": {"delivered_on": "2024-05-20"}}),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_case(w: World, state: str, action: str) -> CertificateCase:
    """A case of project A in ``state`` from which ``action`` is possible: mortgaged for the bank steps, the deed tax
    paid for the transfer application (and not yet for recording it)."""
    mortgaged = action in (A.REGISTER_MORTGAGE, A.SEND_TO_BANK)
    return factories.case(w, stage=state, plan="commercial_loan" if mortgaged else "full", deed_tax=action != A.RECORD_DEED_TAX)


def _wf_body(w: World, action: str, case: CertificateCase) -> dict[str, Any]:
    if action == A.COMPLETE_TRANSFER:
        return {"certificate_number": "沪(2024)浦东新区不动产权第0012345号", "on": "2024-09-10"}
    if action in (A.HAND_OVER, A.SEND_TO_BANK):
        return {"recipient_name": "张三"}
    return {"on": "2024-07-01"}


WORKFLOW_CASES = {
    "certificate_case": WorkflowCase(base="/api/v1/certificate-cases/{id}/", make=_wf_case, body=_wf_body),
}
