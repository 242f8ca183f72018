"""The event types the surveys app records on timelines (stored values: rename only with a migration)."""

from enum import StrEnum


class SurveyEvent(StrEnum):
    PUBLISHED = "survey_published"
    REVISED = "survey_revised"
    ARCHIVED = "survey_archived"
    RESTORED = "survey_restored"
    SENT = "survey_sent"  # on the campaign: links sent (or sent again to those who have not answered)
    ANSWERED = "survey_answered"  # on the person's timeline (never for an anonymous campaign)
    FOLLOW_UP = "survey_follow_up"  # on the person's timeline: a low score / chosen answer opened a follow-up
    INVITED = "survey_invited"  # an automatic survey asked a person (on the campaign; the person's timeline unless anonymous)
    INVITATION_SKIPPED = "survey_invitation_skipped"  # on the automatic survey: a person not asked, and why
    SETTINGS_CHANGED = "survey_settings_changed"  # on the project: fatigue days or the low-score threshold changed


EVENT_OF_ACTION = {
    "publish": SurveyEvent.PUBLISHED,
    "revise": SurveyEvent.REVISED,
    "archive": SurveyEvent.ARCHIVED,
    "restore": SurveyEvent.RESTORED,
}
