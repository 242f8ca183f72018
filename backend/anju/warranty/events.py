"""The event types the warranty app records on timelines (the values are stored: rename only with a migration).

Events common to every record (``created``, ``updated``, ``deleted``) are ``anju.core.events.CommonEvent``; workflow
actions record ``<workflow>.<action>`` from their table (``core.workflow``).
"""

from enum import StrEnum


class WarrantyEvent(StrEnum):
    POLICY_CHANGED = "warranty_policy_changed"
    RESPONSIBILITY_SET = "warranty_responsibility_set"
    RESPONSIBILITY_REMOVED = "warranty_responsibility_removed"
