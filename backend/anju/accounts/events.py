"""The event types the accounts app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class AccountEvent(StrEnum):
    ACTIVATED = "user.activated"
    DEACTIVATED = "user.deactivated"
    PASSWORD_RESET = "user.password_reset"  # noqa: S105 - an event name, not a password
