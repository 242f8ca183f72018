"""Permission-matrix rows of the mortgage API (collected by ``tests.matrix.app_rows``): every operation except the
workflow actions, whose rows are derived from the table with ``WORKFLOW_CASES``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from anju.mortgage.choices import DocumentStatus
from anju.mortgage.models import Bank, MortgageCase
from anju.mortgage.tests import factories
from anju.mortgage.workflow import MortgageAction
from conftest import World
from tests.matrix import Op, WorkflowCase

A = MortgageAction


def _case(w: World) -> dict[str, Any]:
    row = factories.case(w)
    return {"id": row.id, "version": row.version}


def _patch(w: World) -> dict[str, Any]:
    return {**_case(w), "body": {"note": "客户要求周末面签", "term_years": 25}}


def _checklist(w: World) -> dict[str, Any]:
    return {**_case(w), "body": {"items": [{"code": "id_card", "status": "received"}]}}


def _bank(w: World) -> dict[str, Any]:
    row = factories.bank(code=f"B{Bank.objects.count()}", name=f"银行{Bank.objects.count()}")
    return {"id": row.id, "body": {"name": f"{row.name}（改）"}}


OPS: list[Op] = [
    Op("GET", "/api/v1/mortgage-cases/", "mortgage.view_mortgagecase"),
    Op("GET", "/api/v1/mortgage-cases/export/", "mortgage.view_mortgagecase"),
    Op("GET", "/api/v1/mortgage-cases/board/", "mortgage.view_mortgagecase"),
    Op("GET", "/api/v1/mortgage-cases/officers/", "mortgage.view_mortgagecase"),
    Op("GET", "/api/v1/mortgage-cases/bank-stats/", "mortgage.view_mortgagecase"),
    Op("GET", "/api/v1/mortgage-cases/{id}/", "mortgage.view_mortgagecase", prepare=_case, scoped=True),
    Op("GET", "/api/v1/mortgage-cases/{id}/timeline/", "mortgage.view_mortgagecase", prepare=_case, scoped=True),
    Op("PATCH", "/api/v1/mortgage-cases/{id}/", "mortgage.change_mortgagecase", prepare=_patch, scoped=True),
    Op("POST", "/api/v1/mortgage-cases/{id}/checklist/", "mortgage.change_mortgagecase", prepare=_checklist, scoped=True),
    Op("GET", "/api/v1/banks/", "mortgage.view_bank"),
    Op("GET", "/api/v1/banks/{id}/", "mortgage.view_bank", prepare=_bank),
    Op(
        "POST",
        "/api/v1/banks/",
        "mortgage.add_bank",
        ok=201,
        prepare=lambda w: {"body": {"code": "CCB", "name": "建设银行", "projects": [w.project_a.id]}},
        fk_into_a=True,
    ),
    Op("PATCH", "/api/v1/banks/{id}/", "mortgage.change_bank", prepare=_bank),
]


# --- Workflow cases ---------------------------------------------------------------------------------------------


def _wf_case(w: World, state: str, action: str) -> MortgageCase:
    """A case of project A in ``state`` from which ``action`` is possible: at a bank, every document received (or,
    for a supplement request, one missing), its contract cancelled for a withdrawal."""
    row = factories.case(w, stage=state, received=True)
    if action == A.REQUEST_SUPPLEMENT:
        row.checklist.filter(code="income_proof").update(status=DocumentStatus.MISSING, note="需加盖公章")
    if action == A.WITHDRAW:
        type(row.contract).objects.filter(pk=row.contract_id).update(status="cancelled")
    row.refresh_from_db()
    return row


def _wf_body(w: World, action: str, case: MortgageCase) -> dict[str, Any]:
    if action == A.DISBURSE:
        return {"amount": str(case.amount), "disbursed_on": timezone.localdate().isoformat()}
    if action == A.SWITCH_BANK:
        other = factories.bank(code="BOC", name="中国银行")
        return {"bank": other.id, "reason": "工商银行拒贷，改投中国银行"}
    if action == A.TO_FULL_PAYMENT:
        return {"reason": "客户决定一次性付清", "due_on": "2026-12-31"}
    if action == A.REJECT:
        return {"reason": "收入不足"}
    if action == A.CLOSE:
        return {}
    return {"reason": "按揭专员处理"}


WORKFLOW_CASES = {"mortgage_case": WorkflowCase(base="/api/v1/mortgage-cases/{id}/", make=_wf_case, body=_wf_body)}
