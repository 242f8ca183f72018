"""The event types the handover app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class HandoverEvent(StrEnum):
    BATCH_CREATED = "handover_batch.created"
    BATCH_UPDATED = "handover_batch.updated"
    TASK_UPDATED = "handover_task.updated"
    NOTICES_GENERATED = "handover_notice.generated"
    NOTICE_SENT = "handover_notice.sent"
    NOTICE_LEAD_OVERRIDDEN = "handover_notice.lead_overridden"
    NOTICE_TIME_CHANGED = "handover_notice.time_changed"
    SLOT_BOOKED = "handover_slot.booked"
    SLOT_RESCHEDULED = "handover_slot.rescheduled"
    SLOT_CANCELLED = "handover_slot.cancelled"
    SLOT_CHECKED_IN = "handover_slot.checked_in"
    INSPECTION_STARTED = "handover_inspection.started"
    INSPECTION_UPDATED = "handover_inspection.updated"
    DEFECT_RECORDED = "handover_defect.recorded"
    SIGNATURE_ADDED = "handover_inspection.signed"
