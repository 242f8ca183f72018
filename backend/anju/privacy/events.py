"""The event types the privacy app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class PrivacyEvent(StrEnum):
    ERASED = "erased"
    PERSONAL_DATA_EXPORTED = "personal_data_exported"
