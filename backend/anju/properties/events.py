"""The event types the properties app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class PropertyEvent(StrEnum):
    IMPORTED = "project.units_imported"
    SCOPE_CHANGED = "user.scope_changed"
    STATUS_CHANGED = "unit.status_changed"
    DELIVERED = "unit.delivered"
