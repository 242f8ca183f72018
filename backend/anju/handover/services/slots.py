"""Handover slots: book a unit into a day's time window within the batch's capacity, move it, cancel it, check the
owner in on the day. Booking locks the batch row first, so two bookings of a window's last place queue behind each
other and the second one finds it full (one wins). The service takes any actor: staff today, the owner portal later."""

from __future__ import annotations

import datetime
from enum import StrEnum
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.records import ensure_version
from anju.handover.choices import ACTIVE_SLOT, BatchStatus, SlotStatus
from anju.handover.errors import ErrorCode
from anju.handover.events import HandoverEvent
from anju.handover.models import HandoverBatch, HandoverNotice, HandoverSlot
from anju.handover.selectors import audience, booked_count
from anju.handover.services.notices import follow_slot

BOOKABLE = frozenset({BatchStatus.NOTIFYING, BatchStatus.HANDING_OVER})


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _check_place(batch: HandoverBatch, day: datetime.date, window: str, *, moving: HandoverSlot | None = None) -> None:
    """``batch`` is locked. The day within the batch, the window one of its windows, a place free."""
    if batch.status not in BOOKABLE:
        raise ApplicationError(
            ErrorCode.NOT_BOOKABLE,
            _("Slots can be booked once the notices are generated and until the batch is completed."),
            status_code=409,
        )
    if not batch.starts_on <= day <= batch.ends_on:
        raise _invalid("day", _("Choose a day between %(start)s and %(end)s.") % {"start": batch.starts_on, "end": batch.ends_on})
    if window not in batch.windows:
        raise _invalid("window", _("Choose one of the batch's time windows."))
    if moving is not None and moving.day == day and moving.window == window:
        return
    if booked_count(batch.pk, day, window) >= batch.capacity_per_window:
        raise ConflictError(
            ErrorCode.SLOT_FULL,
            _("This time window is fully booked. Choose another one."),
            fields={"window": [_("Fully booked.")]},
        )


@transaction.atomic
def book(*, actor: Any, notice: HandoverNotice, day: datetime.date, window: str) -> HandoverSlot:
    batch = HandoverBatch.objects.select_for_update().get(pk=notice.batch_id)
    _check_place(batch, day, window)
    if HandoverSlot.objects.filter(batch=batch, unit_id=notice.unit_id, status__in=ACTIVE_SLOT).exists():
        raise ConflictError(ErrorCode.ALREADY_BOOKED, _("This unit already has a slot; reschedule it instead."))
    try:
        with transaction.atomic():
            slot = HandoverSlot.objects.create(
                batch=batch,
                project_id=batch.project_id,
                notice=notice,
                unit_id=notice.unit_id,
                day=day,
                window=window,
                booked_by=actor,
            )
    except IntegrityError as exc:  # the same unit booked at the same moment elsewhere
        raise ConflictError(ErrorCode.ALREADY_BOOKED, _("This unit already has a slot; reschedule it instead.")) from exc
    follow_slot(actor=actor, notice=notice, day=day, window=window)
    record_event(
        target=slot,
        type=HandoverEvent.SLOT_BOOKED,
        actor=actor,
        to_status=slot.status,
        data={"day": day.isoformat(), "window": window},
        also_on=[batch, *audience(notice)],
    )
    return slot


def _lock(slot: HandoverSlot, version: int | None) -> tuple[HandoverBatch, HandoverSlot]:
    batch = HandoverBatch.objects.select_for_update().get(pk=slot.batch_id)
    slot = HandoverSlot.objects.select_for_update().select_related("notice__contract", "notice__unit").get(pk=slot.pk)
    ensure_version(slot, version)
    return batch, slot


@transaction.atomic
def reschedule(*, actor: Any, slot: HandoverSlot, version: int | None, day: datetime.date, window: str) -> HandoverSlot:
    batch, slot = _lock(slot, version)
    if slot.status != SlotStatus.BOOKED:
        raise ConflictError(ErrorCode.SLOT_NOT_BOOKED, _("Only a booked slot (not yet checked in) can be moved or cancelled."))
    _check_place(batch, day, window, moving=slot)
    before = {"day": slot.day.isoformat(), "window": slot.window}
    slot.day, slot.window = day, window
    slot.version += 1
    slot.save()
    follow_slot(actor=actor, notice=slot.notice, day=day, window=window)
    record_event(
        target=slot,
        type=HandoverEvent.SLOT_RESCHEDULED,
        actor=actor,
        changes={"day": [before["day"], day.isoformat()], "window": [before["window"], window]},
        also_on=[batch, *audience(slot.notice)],
    )
    return slot


@transaction.atomic
def cancel(*, actor: Any, slot: HandoverSlot, version: int | None, reason: str = "") -> HandoverSlot:
    batch, slot = _lock(slot, version)
    if slot.status != SlotStatus.BOOKED:
        raise ConflictError(ErrorCode.SLOT_NOT_BOOKED, _("Only a booked slot (not yet checked in) can be moved or cancelled."))
    slot.status = SlotStatus.CANCELLED
    slot.version += 1
    slot.save()
    record_event(
        target=slot,
        type=HandoverEvent.SLOT_CANCELLED,
        actor=actor,
        from_status=SlotStatus.BOOKED,
        to_status=slot.status,
        note=reason[:200],
        also_on=[batch, *audience(slot.notice)],
    )
    return slot


@transaction.atomic
def check_in(*, actor: Any, slot: HandoverSlot, version: int | None) -> HandoverSlot:
    batch, slot = _lock(slot, version)
    if slot.status != SlotStatus.BOOKED:
        raise ConflictError(ErrorCode.SLOT_NOT_BOOKED, _("Only a booked slot can be checked in."))
    if slot.day != timezone.localdate():
        raise ConflictError(ErrorCode.NOT_TODAY, _("Owners are checked in on the day of their slot."))
    slot.status = SlotStatus.CHECKED_IN
    slot.checked_in_at = timezone.now()
    slot.version += 1
    slot.save()
    record_event(
        target=slot,
        type=HandoverEvent.SLOT_CHECKED_IN,
        actor=actor,
        from_status=SlotStatus.BOOKED,
        to_status=slot.status,
        also_on=[batch, *audience(slot.notice)],
    )
    return slot
