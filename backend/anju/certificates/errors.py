"""The error codes the certificates app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    DATE_IN_FUTURE = "certificates.date_in_future"
    DATE_TOO_EARLY = "certificates.date_too_early"
    DEED_TAX_RECORDED = "certificates.deed_tax_recorded"
    DEED_TAX_UNPAID = "certificates.deed_tax_unpaid"
    DOCUMENT_NOT_ON_CHECKLIST = "certificates.document_not_on_checklist"
    NOT_A_HANDLER = "certificates.not_a_handler"
    NO_NUMBER = "certificates.no_number"
    NUMBER_REQUIRED = "certificates.number_required"
    PURPOSE_REQUIRED = "certificates.purpose_required"
    REASON_REQUIRED = "certificates.reason_required"
    RECIPIENT_REQUIRED = "certificates.recipient_required"
    SIGNATURE_INVALID = "certificates.signature_invalid"
    STEP_NOT_ALLOWED = "certificates.step_not_allowed"
