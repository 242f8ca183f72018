"""The event types the owners app records on timelines, each ``<noun>.<past-tense verb>`` (the values are stored:
rename only with a migration). Events common to every record (``record.created``, ``record.updated``,
``record.deleted``) are ``anju.core.events.CommonEvent``; each workflow action records the ``event`` its table
names (``workflow.py``).
"""

from enum import StrEnum


class OwnerEvent(StrEnum):
    SIGNED_IN = "owner.signed_in"
    SIGNED_OUT_EVERYWHERE = "owner.signed_out_everywhere"
    ORDER_REPORTED = "owner.order_reported"
    PHOTO_ADDED = "owner.photo_added"
    ORDER_RATED = "owner.order_rated"
    SLOT_BOOKED = "owner.slot_booked"
