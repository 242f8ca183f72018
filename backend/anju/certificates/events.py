"""The event types the certificates app records on timelines (the values are stored: rename only with a migration).

Workflow steps record ``certificate_case.<action>`` from the table (``workflow.py``); these are the rest."""

from enum import StrEnum


class CertificateEvent(StrEnum):
    CASE_OPENED = "certificate_case.opened"
    CASE_UPDATED = "certificate_case.updated"
    CASE_WITHDRAWN = "certificate_case.withdrawn"
    CLOCKS_STARTED = "certificate_case.clocks_started"
    CLOCK_ALERTED = "certificate_case.clock_alerted"
    CHECKLIST_UPDATED = "certificate_checklist.updated"
    DELAY_RECORDED = "certificate_delay.recorded"
    NUMBER_REVEALED = "certificate_case.number_revealed"
    MILESTONE_UPDATED = "certificate_milestone.updated"
