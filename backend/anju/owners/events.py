"""The event types the owners app records on timelines (the values are stored: rename only with a migration)."""

from enum import StrEnum


class OwnerEvent(StrEnum):
    SIGNED_IN = "owner.signed_in"
    SIGNED_OUT_EVERYWHERE = "owner.signed_out_everywhere"
    ORDER_REPORTED = "owner.order_reported"
    PHOTO_ADDED = "owner.photo_added"
    ORDER_RATED = "owner.order_rated"
    SLOT_BOOKED = "owner.slot_booked"
