"""The event types the visits app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class VisitEvent(StrEnum):
    VISIT_SCHEDULED = "visit_scheduled"
    COMPLAINT_OPENED = "complaint_opened"
