"""The error codes the properties app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    RECORD_IN_USE = "record.in_use"
    SCOPE_ALL_PROJECTS_NOT_ALLOWED = "scope.all_projects_not_allowed"
    SCOPE_CITY_COMPANY_OUTSIDE_SCOPE = "scope.city_company_outside_scope"
    SCOPE_COMPANY_WIDE = "scope.company_wide"
    UNIT_INVALID_AREA = "unit.invalid_area"
