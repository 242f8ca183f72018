"""The event types the accounts app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class AccountEvent(StrEnum):
    ACTIVATED = "activated"
    DEACTIVATED = "deactivated"
    PASSWORD_RESET = "password_reset"  # noqa: S105 - an event name, not a password
