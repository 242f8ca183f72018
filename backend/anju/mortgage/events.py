"""The event types the mortgage app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class MortgageEvent(StrEnum):
    CASE_OPENED = "mortgage_case.opened"
    CASE_UPDATED = "mortgage_case.updated"
    CASE_WARNED = "mortgage_case.warned"
    CHECKLIST_UPDATED = "checklist_item.updated"
    BANK_CREATED = "bank.created"
    BANK_UPDATED = "bank.updated"
