"""The error codes the surveys app raises (``ApplicationError(ErrorCode.…)``).

The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
"""

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable ``code`` values of this app's refusals."""

    SURVEY_ANONYMOUS = "survey.anonymous"
    SURVEY_ANSWERED = "survey.answered"
    SURVEY_CALL_CAMPAIGN = "survey.call_campaign"
    SURVEY_CAMPAIGN_CLOSED = "survey.campaign_closed"
    SURVEY_DRAFT_EXISTS = "survey.draft_exists"
    SURVEY_PUBLISHED = "survey.published"
    SURVEY_STEP_NOT_ALLOWED = "survey.step_not_allowed"
