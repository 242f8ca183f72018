"""The error codes the mortgage app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    AMOUNT_EXCEEDS_LOAN = "mortgage.amount_exceeds_loan"
    AMOUNT_NOT_POSITIVE = "mortgage.amount_not_positive"
    BANK_DUPLICATE = "bank.duplicate"
    BANK_INACTIVE = "mortgage.bank_inactive"
    BANK_LOCKED = "mortgage.bank_locked"
    BANK_OUTSIDE_SCOPE = "bank.outside_scope"
    BANK_REQUIRED = "mortgage.bank_required"
    CHECKLIST_LOCKED = "mortgage.checklist_locked"
    CONTRACT_NOT_CANCELLED = "mortgage.contract_not_cancelled"
    DATE_IN_FUTURE = "mortgage.date_in_future"
    DATE_REQUIRED = "mortgage.date_required"
    DOCUMENTS_INCOMPLETE = "mortgage.documents_incomplete"
    DOCUMENT_NOT_ON_CHECKLIST = "mortgage.document_not_on_checklist"
    DOCUMENT_REPEATED = "mortgage.document_repeated"
    NOTHING_TO_SUPPLEMENT = "mortgage.nothing_to_supplement"
    NOT_AN_OFFICER = "mortgage.not_an_officer"
    REASON_REQUIRED = "mortgage.reason_required"
    SAME_BANK = "mortgage.same_bank"
    STEP_NOT_ALLOWED = "mortgage.step_not_allowed"
