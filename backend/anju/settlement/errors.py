"""The error codes the settlement app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    ALREADY_WITHDRAWING = "settlement.already_withdrawing"
    CONTRACT_NOT_LIVE = "settlement.contract_not_live"
    FOUR_EYES = "settlement.four_eyes"
    FUTURE_DATE = "settlement.future_date"
    NO_LINES = "settlement.no_lines"
    NO_WITHDRAWAL_RIGHT = "settlement.no_withdrawal_right"
    OPEN_BATCH_EXISTS = "settlement.open_batch_exists"
    REASON_REQUIRED = "settlement.reason_required"
    STEP_NOT_ALLOWED = "settlement.step_not_allowed"
    WITHDRAWAL_NOT_NOW = "settlement.withdrawal_not_now"
    WITHDRAWAL_RECORDED = "settlement.withdrawal_recorded"
