"""The event types the workorders app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class WorkOrderEvent(StrEnum):
    ATTACHMENT_ADDED = "attachment.added"
    ATTACHMENT_REMOVED = "attachment.removed"
    SERVICE_SETTINGS_CHANGED = "service_settings.changed"
    FOLLOWED_UP = "work_order.followed_up"
    CALLED = "work_order.owner_called"
