"""The error codes the sla app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    DEFAULT_POLICY = "sla.default_policy"
    DUPLICATE_DAY = "sla.duplicate_day"
    DUPLICATE_POLICY = "sla.duplicate_policy"
    OFFICIAL_YEAR_EMPTY = "sla.official_year_empty"
