"""The certificate-case stages (domain rules §5.2/§5.3) as one table on the core workflow engine.

collecting → documents_submitted (the developer's registration documents, ≤ 60 days after delivery) →
transfer_applied (转移登记 applied: the 契税 must have been paid first, S9 第10-11条 — a guard) → transfer_completed
(the 不动产权证 number recorded) → for a mortgaged unit mortgage_registered (抵押登记) → sent_to_bank (the original goes
to the bank, the owner signs for a copy); for a full-payment buyer handed_over (the original, with the contract
original and the purchase invoice). ``record_deed_tax`` changes no stage: 财务 records the day whenever it is paid
before the application. Each hand-out writes a 房产证签收表 (``services.cases``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.certificates.choices import Stage
from anju.certificates.errors import ErrorCode
from anju.certificates.models import CertificateCase
from anju.certificates.selectors import case_audience
from anju.core.workflow import Guard, Tone, Transition, Workflow

_CHANGE = "certificates.change_certificatecase"
_DEED_TAX = "certificates.record_deed_tax"
_MORTGAGE = "certificates.record_mortgage_registration"


class CertificateAction(StrEnum):
    SUBMIT_DOCUMENTS = "submit_documents"
    RECORD_DEED_TAX = "record_deed_tax"
    APPLY_TRANSFER = "apply_transfer"
    COMPLETE_TRANSFER = "complete_transfer"
    REGISTER_MORTGAGE = "register_mortgage"
    SEND_TO_BANK = "send_to_bank"
    HAND_OVER = "hand_over"


A = CertificateAction
S = Stage


def _now(case: CertificateCase) -> Any:
    return timezone.now()


def _deed_tax_paid(case: CertificateCase, actor: Any) -> bool:
    return case.deed_tax_paid_on is not None


def _deed_tax_unpaid(case: CertificateCase, actor: Any) -> bool:
    return case.deed_tax_paid_on is None


DEED_TAX_PAID = Guard(
    "deed_tax_paid",
    _deed_tax_paid,
    ErrorCode.DEED_TAX_UNPAID,
    _("The deed tax must be paid before the transfer registration is applied for."),
)
DEED_TAX_NOT_RECORDED = Guard(
    "deed_tax_not_recorded", _deed_tax_unpaid, ErrorCode.DEED_TAX_RECORDED, _("The deed tax payment is already recorded.")
)


def _mortgaged(case: CertificateCase) -> bool:
    return case.mortgaged


def _full_payment(case: CertificateCase) -> bool:
    return not case.mortgaged


def _step(sources: frozenset[str], target: str, permission: str, label: Any, **options: Any) -> Transition:
    return Transition(sources, target, permission, label, sets={"stage_since": _now}, **options)


TRANSITIONS: dict[StrEnum, Transition] = {
    A.SUBMIT_DOCUMENTS: _step(
        frozenset({S.COLLECTING}),
        S.DOCUMENTS_SUBMITTED,
        _CHANGE,
        _("Registration documents submitted"),
        tone=Tone.PRIMARY,
        event="certificate_case.documents_submitted",
    ),
    A.RECORD_DEED_TAX: Transition(
        frozenset({S.COLLECTING, S.DOCUMENTS_SUBMITTED}),
        None,
        _DEED_TAX,
        _("Record the deed tax paid"),
        guards=(DEED_TAX_NOT_RECORDED,),
        tone=Tone.PRIMARY,
        event="certificate_case.deed_tax_recorded",
    ),
    A.APPLY_TRANSFER: _step(
        frozenset({S.DOCUMENTS_SUBMITTED}),
        S.TRANSFER_APPLIED,
        _CHANGE,
        _("Transfer registration applied"),
        guards=(DEED_TAX_PAID,),
        tone=Tone.PRIMARY,
        event="certificate_case.transfer_applied",
    ),
    A.COMPLETE_TRANSFER: _step(
        frozenset({S.TRANSFER_APPLIED}),
        S.TRANSFER_COMPLETED,
        _CHANGE,
        _("Transfer registration completed"),
        tone=Tone.SUCCESS,
        event="certificate_case.transfer_completed",
    ),
    A.REGISTER_MORTGAGE: _step(
        frozenset({S.TRANSFER_COMPLETED}),
        S.MORTGAGE_REGISTERED,
        _MORTGAGE,
        _("Mortgage registered"),
        applies=_mortgaged,
        tone=Tone.PRIMARY,
        event="certificate_case.mortgage_registered",
    ),
    A.SEND_TO_BANK: _step(
        frozenset({S.MORTGAGE_REGISTERED}),
        S.SENT_TO_BANK,
        _MORTGAGE,
        _("Original sent to the bank, copy to the owner"),
        applies=_mortgaged,
        confirm=True,
        tone=Tone.SUCCESS,
        event="certificate_case.sent_to_bank",
    ),
    A.HAND_OVER: _step(
        frozenset({S.TRANSFER_COMPLETED}),
        S.HANDED_OVER,
        _CHANGE,
        _("Hand the certificate over"),
        applies=_full_payment,
        confirm=True,
        tone=Tone.SUCCESS,
        event="certificate_case.handed_over",
    ),
}


WORKFLOW: Workflow[CertificateCase] = Workflow(
    name="certificate_case",
    model=CertificateCase,
    states=Stage,
    actions=CertificateAction,
    transitions=TRANSITIONS,
    initial=S.COLLECTING,
    state_field="stage",
    also_on=lambda case, action: case_audience(case),
    not_allowed_code=ErrorCode.STEP_NOT_ALLOWED,
    not_allowed_message=_("This certificate case is now “%(stage)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="产证 Property certificate: documents → 契税 → transfer registration → 抵押登记/bank or hand-over",
)
