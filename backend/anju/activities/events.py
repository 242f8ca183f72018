"""The event types the activities app records on timelines (the values are stored: rename only with a migration)."""

from enum import StrEnum


class ActivityEvent(StrEnum):
    CREATED = "activity.created"
    CHANGED = "activity.changed"
    POSTER_SET = "activity.poster_set"
    CANCELLED = "activity.cancelled"
    SIGNED_UP = "activity.signed_up"
    SIGN_UP_CANCELLED = "activity.sign_up_cancelled"
    CHECKED_IN = "activity.checked_in"
