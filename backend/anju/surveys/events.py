"""The event types the surveys app records on timelines (stored values: rename only with a migration)."""

from enum import StrEnum


class SurveyEvent(StrEnum):
    PUBLISHED = "survey_published"
    REVISED = "survey_revised"
