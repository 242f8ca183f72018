"""The event types the properties app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class PropertyEvent(StrEnum):
    IMPORTED = "imported"
    SCOPE_CHANGED = "scope_changed"
    STATUS_CHANGED = "status_changed"
    DELIVERED = "delivered"
