"""The error codes the visits app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    CARE_PLAN_INVALID = "care_plan.invalid"
    VISIT_ALREADY_DONE = "visit.already_done"
    VISIT_INVALID_SCORE = "visit.invalid_score"
    VISIT_RESOLVED_REQUIRED = "visit.resolved_required"
