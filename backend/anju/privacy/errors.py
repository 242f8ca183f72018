"""The error codes the privacy app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    CUSTOMER_ERASED = "customer.erased"
    CUSTOMER_ERASE_REASON_REQUIRED = "customer.erase_reason_required"
    CUSTOMER_OPEN_ORDERS = "customer.open_orders"
    CUSTOMER_OUTSIDE_SCOPE = "customer.outside_scope"
    CUSTOMER_STILL_OWNER = "customer.still_owner"
