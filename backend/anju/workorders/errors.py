"""The error codes the workorders app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    CATEGORY_DUPLICATE = "category.duplicate"
    FILE_CONTENT_MISMATCH = "file.content_mismatch"
    FILE_INVALID = "file.invalid"
    FILE_TOO_LARGE = "file.too_large"
    FILE_TOO_MANY = "file.too_many"
    FILE_TYPE_NOT_ALLOWED = "file.type_not_allowed"
    TECHNICIAN_DUPLICATE = "technician.duplicate"
    TECHNICIAN_INVALID = "technician.invalid"
    TECHNICIAN_SHARED = "technician.shared"
    WORKORDER_CONFIRMATION_REQUIRED = "workorder.confirmation_required"
    WORKORDER_FREE_REASON_REQUIRED = "workorder.free_reason_required"
    WORKORDER_INVALID = "workorder.invalid"
    WORKORDER_NOT_ASSIGNEE = "workorder.not_assignee"
    WORKORDER_NOT_FOUND = "workorder.not_found"
    WORKORDER_NOT_OPEN = "workorder.not_open"
    WORKORDER_NO_PHONE = "workorder.no_phone"
    WORKORDER_REASON_REQUIRED = "workorder.reason_required"
    WORKORDER_REOPEN_WINDOW_PASSED = "workorder.reopen_window_passed"
    WORKORDER_SAME_TECHNICIAN = "workorder.same_technician"
    WORKORDER_TECHNICIAN_NOT_ELIGIBLE = "workorder.technician_not_eligible"
    WORKORDER_TRANSITION_NOT_ALLOWED = "workorder.transition_not_allowed"
    WORKORDER_WORK_DONE_REQUIRED = "workorder.work_done_required"
