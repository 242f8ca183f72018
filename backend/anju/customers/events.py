"""The event types the customers app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class CustomerEvent(StrEnum):
    LINKED_TO_PROJECT = "customer.linked_to_project"
    PII_REVEALED = "customer.pii_revealed"
    TAGGED = "customer.tagged"
    OWNERSHIP_ADDED = "ownership.added"
    OWNERSHIP_REMOVED = "ownership.removed"
    CONSULTED = "consultation.recorded"
    APPOINTMENT_BOOKED = "appointment.booked"
    FOLLOWED_UP = "follow_up.recorded"
