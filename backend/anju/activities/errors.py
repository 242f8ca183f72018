"""The error codes the activities app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    ACTIVITY_ALREADY_REGISTERED = "activity.already_registered"
    ACTIVITY_FULL = "activity.full"
    ACTIVITY_INVALID = "activity.invalid"
    ACTIVITY_NOT_OPEN = "activity.not_open"
    ACTIVITY_NOT_REGISTERED = "activity.not_registered"
    ACTIVITY_REASON_REQUIRED = "activity.reason_required"
    ACTIVITY_STARTED = "activity.started"
