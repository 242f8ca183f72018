"""The event types the handover app records on timelines (the values are stored: rename only with a migration).

Workflow steps record ``handover_batch.<action>`` and ``handover_inspection.<action>`` from the tables
(``workflow.py``); these are the rest, in the grammar ``<noun>.<past-tense verb>``.
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
