"""The event types the settlement app records on timelines (the values are stored: rename only with a migration).

Workflow steps record ``settlement_batch.<action>`` from the table (``workflow.py``); these are the rest.
"""

from enum import StrEnum


class SettlementEvent(StrEnum):
    BATCH_CREATED = "settlement_batch.created"
    LINE_RECALCULATED = "settlement_line.recalculated"
    WITHDRAWAL_RECORDED = "settlement_line.withdrawal_recorded"
    BUYER_NOTIFIED = "settlement_line.notified"
    LINE_POSTED = "settlement_line.posted"
    MEASURED_AREAS_IMPORTED = "measured_areas.imported"
