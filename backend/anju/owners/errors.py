"""The error codes the owners app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    FILE_TOO_MANY = "file.too_many"
    FILE_TYPE_NOT_ALLOWED = "file.type_not_allowed"
    OWNER_BAD_CODE = "owner.bad_code"
    OWNER_BAD_MOBILE = "owner.bad_mobile"
    OWNER_CODE_LIMITED = "owner.code_limited"
    OWNER_INVALID = "owner.invalid"
    OWNER_NOTHING_TO_CONFIRM = "owner.nothing_to_confirm"
    OWNER_NOT_YOUR_HOME = "owner.not_your_home"
    OWNER_NO_HANDOVER_NOTICE = "owner.no_handover_notice"
    OWNER_ORDER_FINISHED = "owner.order_finished"
