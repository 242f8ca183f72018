"""The error codes the accounts app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    AUTH_INVALID_CREDENTIALS = "auth.invalid_credentials"
    AUTH_LOCKED_OUT = "auth.locked_out"
    DEPARTMENT_DUPLICATE = "department.duplicate"
    DEPARTMENT_INVALID_EMAIL = "department.invalid_email"
    USER_ALREADY_ACTIVE = "user.already_active"
    USER_ALREADY_INACTIVE = "user.already_inactive"
    USER_CANNOT_DEACTIVATE_SELF = "user.cannot_deactivate_self"
    USER_DUPLICATE_USERNAME = "user.duplicate_username"
    USER_UNKNOWN_ROLE = "user.unknown_role"
    USER_WEAK_PASSWORD = "user.weak_password"  # noqa: S105 - an error code, not a password
