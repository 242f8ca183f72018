"""The event types the certificates app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

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
