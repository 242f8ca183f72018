"""The mortgage-case stages (domain rules §4.4) as one table on the core workflow engine.

collecting → (incomplete ⇄ supplement) → ready_for_review → submitted → interviewed → under_approval → approved |
rejected; approved → loan_contract_signed → registering → registered → disbursed → closed. A rejected case leaves by
switching bank (a new case at another bank follows it), by changing the contract to full payment, or — like every open
case — is withdrawn when its contract is cancelled (the system does it; the button shows only for a cancelled
contract). Every step needs ``mortgage.change_mortgagecase`` (按揭专员); every stage change restarts ``stage_since``.

The actions with input of their own (``disburse``, ``switch_bank``, ``to_full_payment``, ``close``) and the side
effects (the ledger receipt, the new case, the supplement notice) are in ``services.cases``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Guard, Tone, Transition, Workflow
from anju.mortgage.choices import OPEN_STAGES, WANTED, DocumentStatus, Stage
from anju.mortgage.errors import ErrorCode
from anju.mortgage.models import MortgageCase
from anju.mortgage.selectors import case_audience
from anju.sales.choices import ContractStatus
from anju.sales.models import Contract

_CHANGE = "mortgage.change_mortgagecase"


class MortgageAction(StrEnum):
    REQUEST_SUPPLEMENT = "request_supplement"
    COMPLETE_DOCUMENTS = "complete_documents"
    SUBMIT = "submit"
    INTERVIEW = "interview"
    START_APPROVAL = "start_approval"
    APPROVE = "approve"
    REJECT = "reject"
    SIGN_LOAN_CONTRACT = "sign_loan_contract"
    START_REGISTRATION = "start_registration"
    COMPLETE_REGISTRATION = "complete_registration"
    DISBURSE = "disburse"
    CLOSE = "close"
    SWITCH_BANK = "switch_bank"
    TO_FULL_PAYMENT = "to_full_payment"
    WITHDRAW = "withdraw"


A = MortgageAction
S = Stage


def _today(case: MortgageCase) -> Any:
    return timezone.localdate()


def _now(case: MortgageCase) -> Any:
    return timezone.now()


def _all_received(case: MortgageCase, actor: Any) -> bool:
    return not case.checklist.exclude(status=DocumentStatus.RECEIVED).exists()


def _something_wanted(case: MortgageCase, actor: Any) -> bool:
    return case.checklist.filter(status__in=WANTED).exists()


def _bank_chosen(case: MortgageCase, actor: Any) -> bool:
    return case.bank_id is not None


def _contract_cancelled(case: MortgageCase, actor: Any) -> bool:
    # Read from the database: ``contract_cancelled`` is sent after the contract row was saved.
    return Contract.objects.filter(pk=case.contract_id, status=ContractStatus.CANCELLED).exists()


ALL_RECEIVED = Guard(
    "all_received",
    _all_received,
    ErrorCode.DOCUMENTS_INCOMPLETE,
    _("Every document on the checklist must be received first."),
)
SOMETHING_WANTED = Guard(
    "something_wanted",
    _something_wanted,
    ErrorCode.NOTHING_TO_SUPPLEMENT,
    _("Mark the missing or rejected documents on the checklist first."),
)
BANK_CHOSEN = Guard("bank_chosen", _bank_chosen, ErrorCode.BANK_REQUIRED, _("Choose the bank first."))
CONTRACT_CANCELLED = Guard(
    "contract_cancelled",
    _contract_cancelled,
    ErrorCode.CONTRACT_NOT_CANCELLED,
    _("Only the case of a cancelled contract can be withdrawn."),
)


def _step(
    sources: frozenset[str],
    target: str,
    label: Any,
    *,
    sets: dict[str, Any] | None = None,
    **options: Any,
) -> Transition:
    """A transition that changes the stage: it always restarts the days-in-stage count."""
    assert target not in sources, "every mortgage step changes the stage (stage_since restarts)"
    return Transition(sources, target, _CHANGE, label, sets={"stage_since": _now, **(sets or {})}, **options)


TRANSITIONS: dict[StrEnum, Transition] = {
    A.REQUEST_SUPPLEMENT: _step(
        frozenset({S.COLLECTING, S.READY_FOR_REVIEW, S.SUBMITTED}),
        S.INCOMPLETE,
        _("Request missing documents"),
        guards=(SOMETHING_WANTED,),
        tone=Tone.WARNING,
        event="mortgage_case.supplement_requested",
    ),
    A.COMPLETE_DOCUMENTS: _step(
        frozenset({S.COLLECTING, S.INCOMPLETE}),
        S.READY_FOR_REVIEW,
        _("Documents complete"),
        guards=(ALL_RECEIVED,),
        sets={"documents_complete_on": _today},
        tone=Tone.PRIMARY,
        event="mortgage_case.documents_completed",
    ),
    A.SUBMIT: _step(
        frozenset({S.READY_FOR_REVIEW}),
        S.SUBMITTED,
        _("Submit to the bank"),
        guards=(BANK_CHOSEN,),
        tone=Tone.PRIMARY,
        event="mortgage_case.submitted",
    ),
    A.INTERVIEW: _step(
        frozenset({S.SUBMITTED}),
        S.INTERVIEWED,
        _("Signed in person"),
        sets={"interviewed_on": _today},
        tone=Tone.PRIMARY,
        event="mortgage_case.interviewed",
    ),
    A.START_APPROVAL: _step(
        frozenset({S.INTERVIEWED}),
        S.UNDER_APPROVAL,
        _("Bank approval started"),
        tone=Tone.PRIMARY,
        event="mortgage_case.approval_started",
    ),
    A.APPROVE: _step(
        frozenset({S.UNDER_APPROVAL}),
        S.APPROVED,
        _("Loan approved"),
        sets={"approved_on": _today},
        tone=Tone.SUCCESS,
        event="mortgage_case.approved",
    ),
    A.REJECT: _step(
        frozenset({S.UNDER_APPROVAL}),
        S.REJECTED,
        _("Loan rejected"),
        sets={"rejected_on": _today},
        needs_reason=True,
        tone=Tone.DANGER,
        event="mortgage_case.rejected",
    ),
    A.SIGN_LOAN_CONTRACT: _step(
        frozenset({S.APPROVED}),
        S.LOAN_CONTRACT_SIGNED,
        _("Loan contract signed"),
        tone=Tone.PRIMARY,
        event="mortgage_case.loan_contract_signed",
    ),
    A.START_REGISTRATION: _step(
        frozenset({S.LOAN_CONTRACT_SIGNED}),
        S.REGISTERING,
        _("Mortgage registration started"),
        tone=Tone.PRIMARY,
        event="mortgage_case.registration_started",
    ),
    A.COMPLETE_REGISTRATION: _step(
        frozenset({S.REGISTERING}),
        S.REGISTERED,
        _("Mortgage registration complete"),
        tone=Tone.PRIMARY,
        event="mortgage_case.registration_completed",
    ),
    A.DISBURSE: _step(
        frozenset({S.REGISTERED}), S.DISBURSED, _("Record the disbursement"), tone=Tone.SUCCESS, event="mortgage_case.disbursed"
    ),
    A.CLOSE: _step(
        frozenset({S.DISBURSED}), S.CLOSED, _("Close the case"), confirm=True, tone=Tone.SUCCESS, event="mortgage_case.closed"
    ),
    A.SWITCH_BANK: _step(
        frozenset({S.REJECTED}),
        S.SWITCHED_BANK,
        _("Reapply at another bank"),
        tone=Tone.WARNING,
        event="mortgage_case.bank_switched",
    ),
    A.TO_FULL_PAYMENT: _step(
        frozenset({S.REJECTED}),
        S.TO_FULL_PAYMENT,
        _("Change to full payment"),
        needs_reason=True,
        confirm=True,
        tone=Tone.DANGER,
        event="mortgage_case.changed_to_full_payment",
    ),
    A.WITHDRAW: _step(
        OPEN_STAGES,
        S.WITHDRAWN,
        _("Withdraw (contract cancelled)"),
        guards=(CONTRACT_CANCELLED,),
        confirm=True,
        tone=Tone.DANGER,
        event="mortgage_case.withdrawn",
    ),
}


WORKFLOW: Workflow[MortgageCase] = Workflow(
    name="mortgage_case",
    model=MortgageCase,
    states=Stage,
    actions=MortgageAction,
    transitions=TRANSITIONS,
    initial=S.COLLECTING,
    state_field="stage",
    also_on=lambda case, action: case_audience(case),
    not_allowed_code=ErrorCode.STEP_NOT_ALLOWED,
    not_allowed_message=_("This mortgage case is now “%(stage)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="按揭 Mortgage case: documents → bank → approval → registration → disbursement (换行, 转一次性付款, 退房)",
)
