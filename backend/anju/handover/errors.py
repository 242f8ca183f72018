"""The error codes the handover app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    ALREADY_BOOKED = "handover.already_booked"
    BATCH_STEP_NOT_ALLOWED = "handover.batch_step_not_allowed"
    COMPLETED = "handover.completed"
    INSPECTION_CLOSED = "handover.inspection_closed"
    INSPECTION_EXISTS = "handover.inspection_exists"
    INSPECTION_STEP_NOT_ALLOWED = "handover.inspection_step_not_allowed"
    INVALID = "handover.invalid"
    LIST_LOCKED = "handover.list_locked"
    LIST_NOT_PREPARED = "handover.list_not_prepared"
    NOTICES_SENT = "handover.notices_sent"
    NOTICE_ALREADY_SENT = "handover.notice_already_sent"
    NOTICE_TOO_LATE = "handover.notice_too_late"
    NOT_BOOKABLE = "handover.not_bookable"
    NOT_DEFERRED = "handover.not_deferred"
    NOT_INSPECTABLE = "handover.not_inspectable"
    NOT_NOTIFYING = "handover.not_notifying"
    NOT_TODAY = "handover.not_today"
    NO_UNITS = "handover.no_units"
    OVERRIDE_NOT_ALLOWED = "handover.override_not_allowed"
    OWN_LIST = "handover.own_list"
    PLAN_LOCKED = "handover.plan_locked"
    REASON_REQUIRED = "handover.reason_required"
    SLOT_FULL = "handover.slot_full"
    SLOT_NOT_BOOKED = "handover.slot_not_booked"
