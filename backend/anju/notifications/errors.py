"""The error codes the notifications app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """None yet: this app raises only the shared codes (``core.errors.CoreErrorCode``)."""
