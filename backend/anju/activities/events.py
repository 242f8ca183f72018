"""The event types the activities app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class ActivityEvent(StrEnum):
    CREATED = "activity.created"
    CHANGED = "activity.changed"
    POSTER_SET = "activity.poster_set"
    CANCELLED = "activity.cancelled"
    SIGNED_UP = "activity.signed_up"
    SIGN_UP_CANCELLED = "activity.sign_up_cancelled"
    CHECKED_IN = "activity.checked_in"
