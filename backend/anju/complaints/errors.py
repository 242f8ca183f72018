"""The error codes the complaints app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    COMPLAINT_STEP_NOT_ALLOWED = "complaint.step_not_allowed"
    COMPLAINT_TEXT_REQUIRED = "complaint.text_required"
    INCIDENT_CLOSURE_NOTE_REQUIRED = "incident.closure_note_required"
    INCIDENT_TOO_MANY_REPRESENTATIVES = "incident.too_many_representatives"
