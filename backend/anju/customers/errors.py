"""The error codes the customers app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    APPOINTMENT_DOUBLE_BOOKED = "appointment.double_booked"
    APPOINTMENT_INVALID_CONSULTANT = "appointment.invalid_consultant"
    APPOINTMENT_INVALID_SLOT = "appointment.invalid_slot"
    APPOINTMENT_TRANSITION_NOT_ALLOWED = "appointment.transition_not_allowed"
    CUSTOMER_DUPLICATE = "customer.duplicate"
    CUSTOMER_DUPLICATE_ID_NUMBER = "customer.duplicate_id_number"
    CUSTOMER_DUPLICATE_ID_NUMBER_ELSEWHERE = "customer.duplicate_id_number_elsewhere"
    CUSTOMER_DUPLICATE_MOBILE = "customer.duplicate_mobile"
    CUSTOMER_DUPLICATE_MOBILE_ELSEWHERE = "customer.duplicate_mobile_elsewhere"
    CUSTOMER_ERASED = "customer.erased"
    CUSTOMER_INVALID_CONSULTANT = "customer.invalid_consultant"
    CUSTOMER_NOT_FOUND_BY_NUMBER = "customer.not_found_by_number"
    CUSTOMER_NOT_IN_PROJECT = "customer.not_in_project"
    CUSTOMER_NUMBERS_DISAGREE = "customer.numbers_disagree"
    OWNERSHIP_DUPLICATE = "ownership.duplicate"
    TAG_DUPLICATE = "tag.duplicate"
    TAG_IN_USE = "tag.in_use"
