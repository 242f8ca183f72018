"""The event types the settlement app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class SettlementEvent(StrEnum):
    BATCH_CREATED = "settlement_batch.created"
    LINE_RECALCULATED = "settlement_line.recalculated"
    WITHDRAWAL_RECORDED = "settlement_line.withdrawal_recorded"
    BUYER_NOTIFIED = "settlement_line.notified"
    LINE_POSTED = "settlement_line.posted"
    MEASURED_AREAS_IMPORTED = "measured_areas.imported"
