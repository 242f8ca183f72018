"""The event types the mortgage app records on timelines (the values are stored: rename only with a migration).

Workflow steps record ``mortgage_case.<action>`` from the table (``workflow.py``); these are the rest, in the grammar
``<noun>.<past-tense verb>``.
"""

from enum import StrEnum


class MortgageEvent(StrEnum):
    CASE_OPENED = "mortgage_case.opened"
    CASE_UPDATED = "mortgage_case.updated"
    CASE_WARNED = "mortgage_case.warned"
    CHECKLIST_UPDATED = "checklist_item.updated"
    BANK_CREATED = "bank.created"
    BANK_UPDATED = "bank.updated"
