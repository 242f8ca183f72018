"""办理贷款客户清单 (JH-QR-KF01): the filtered case list as a spreadsheet. It names the borrowers, so every export
writes one access-log row (security target P3), like the customer export."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anju.core.access_log import log_access
from anju.core.excel import Column, build_workbook
from anju.core.models import AccessAction
from anju.mortgage import selectors
from anju.mortgage.choices import LoanType, Stage
from anju.mortgage.models import MortgageCase

COLUMNS = [
    Column("number", gettext_lazy("Case number"), width=18),
    Column("contract", gettext_lazy("Contract number"), width=18),
    Column("unit", gettext_lazy("Unit"), width=14),
    Column("borrowers", gettext_lazy("Borrowers"), width=20),
    Column("bank", gettext_lazy("Bank"), width=18),
    Column("loan_type", gettext_lazy("Loan type"), width=14),
    Column("amount", gettext_lazy("Loan amount"), width=14),
    Column("term_years", gettext_lazy("Term (years)"), width=10),
    Column("stage", gettext_lazy("Stage"), width=22),
    Column("days_in_stage", gettext_lazy("Days in stage"), width=10),
    Column("documents_due_on", gettext_lazy("Documents due"), width=12),
    Column("interviewed_on", gettext_lazy("Interview date"), width=12),
    Column("approved_on", gettext_lazy("Approval date"), width=12),
    Column("disbursed_on", gettext_lazy("Disbursement date"), width=12),
    Column("disbursed_amount", gettext_lazy("Disbursed amount"), width=14),
    Column("officer", gettext_lazy("Mortgage officer"), width=12),
    Column("note", gettext_lazy("Note"), width=30),
]


def _name(user: Any) -> str:
    return (user.display_name or user.username) if user else ""


def export_cases(*, actor: Any, cases: QuerySet[MortgageCase], ip_address: str | None = None) -> bytes:
    today = timezone.localdate()
    rows = [
        [
            case.number,
            case.contract.number,
            str(case.contract.unit),
            "、".join(c.name for c in case.borrowers.all()),
            case.bank.name if case.bank else "",
            str(LoanType(case.loan_type).label),
            case.amount,
            case.term_years,
            str(Stage(case.stage).label),
            selectors.days_in_stage(case, today),
            case.documents_due_on,
            case.interviewed_on,
            case.approved_on,
            case.disbursed_on,
            case.disbursed_amount,
            _name(case.officer),
            case.note,
        ]
        for case in cases
    ]
    log_access(
        actor=actor,
        action=AccessAction.EXPORT,
        model=MortgageCase,
        fields=[],  # names only: no masked field is shown in clear
        purpose=_("Export"),
        record_count=len(rows),
        ip_address=ip_address,
    )
    return build_workbook([(str(gettext_lazy("Mortgage cases")), COLUMNS, rows)])
