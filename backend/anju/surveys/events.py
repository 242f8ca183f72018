"""The event types the surveys app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class SurveyEvent(StrEnum):
    PUBLISHED = "survey.published"
    REVISED = "survey.revised"
    ARCHIVED = "survey.archived"
    RESTORED = "survey.restored"
    SENT = "survey.sent"  # on the campaign: links sent (or sent again to those who have not answered)
    ANSWERED = "survey.answered"  # on the person's timeline (never for an anonymous campaign)
    FOLLOW_UP = "survey.follow_up_opened"  # on the person's timeline: a low score / chosen answer opened a follow-up
    INVITED = "survey.invitation_sent"  # an automatic survey asked a person (campaign; person's timeline unless anonymous)
    INVITATION_SKIPPED = "survey.invitation_skipped"  # on the automatic survey: a person not asked, and why
    SETTINGS_CHANGED = "survey_settings.changed"  # on the project: fatigue days or the low-score threshold changed
