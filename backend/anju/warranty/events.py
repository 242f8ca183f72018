"""The event types the warranty app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class WarrantyEvent(StrEnum):
    POLICY_CHANGED = "warranty_policy.changed"
    RESPONSIBILITY_SET = "warranty_responsibility.set"
    RESPONSIBILITY_REMOVED = "warranty_responsibility.removed"
