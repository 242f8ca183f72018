"""The event types the workorders app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class WorkOrderEvent(StrEnum):
    ATTACHMENT_ADDED = "attachment_added"
    ATTACHMENT_REMOVED = "attachment_removed"
    SERVICE_SETTINGS_CHANGED = "service_settings_changed"
    FOLLOWED_UP = "followed_up"
    CALLED = "called"
