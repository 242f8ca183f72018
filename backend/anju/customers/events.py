"""The event types the customers app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class CustomerEvent(StrEnum):
    LINKED_TO_PROJECT = "linked_to_project"
    PII_REVEALED = "pii_revealed"
    TAGGED = "tagged"
    OWNERSHIP_ADDED = "ownership_added"
    OWNERSHIP_REMOVED = "ownership_removed"
    CONSULTED = "consulted"
    APPOINTMENT_BOOKED = "appointment_booked"
    FOLLOWED_UP = "followed_up"
