"""The event types the visits app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class VisitEvent(StrEnum):
    VISIT_SCHEDULED = "return_visit.scheduled"
    COMPLAINT_OPENED = "complaint.opened_from_visit"
