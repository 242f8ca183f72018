"""验房: start an inspection of a unit with its owner (no fee is checked: GF-2014 第十一条), record the checklist, the
keys and the meter readings, record defects — each one a repair work order through the work-order service (channel
``handover_inspection``; number, SLA clocks, warranty item and responsible contractor from the category) with its
photos — and end it: the owner accepts (the unit is delivered that day through ``properties.deliver_unit``) or
defers with a reason, after which a re-inspection round follows the fixes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.numbering import next_number
from anju.core.records import apply_changes, ensure_version
from anju.handover.choices import ACTIVE_SLOT, BatchStatus, InspectionStatus, SlotStatus
from anju.handover.errors import ErrorCode
from anju.handover.events import HandoverEvent
from anju.handover.models import Defect, HandoverNotice, HandoverSlot, Inspection
from anju.handover.selectors import audience
from anju.handover.workflow import INSPECTION_WORKFLOW, InspectionAction
from anju.properties.services import deliver_unit
from anju.workorders.choices import AttachmentStage, Channel, OrderType
from anju.workorders.models import Category
from anju.workorders.services.files import attach, check_upload
from anju.workorders.services.orders import create_work_order

INSPECTABLE = frozenset({BatchStatus.NOTIFYING, BatchStatus.HANDING_OVER})
RESULTS = frozenset({"ok", "defect"})
MAX_PHOTOS = 6


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _also(inspection: Inspection) -> list[Any]:
    return [inspection.batch, *audience(inspection.notice)]


@transaction.atomic
def start(*, actor: Any, notice: HandoverNotice, slot: HandoverSlot | None = None) -> Inspection:
    """The first round of a unit's inspection (or the next one after a deferral). The unpaid items are not checked."""
    notice = HandoverNotice.objects.select_for_update().select_related("batch", "contract", "unit").get(pk=notice.pk)
    if notice.batch.status not in INSPECTABLE:
        raise ConflictError(
            ErrorCode.NOT_INSPECTABLE, _("Inspections start once the notices are generated and until the batch is completed.")
        )
    rounds = list(Inspection.objects.filter(notice=notice).order_by("round"))
    last = rounds[-1] if rounds else None
    if last is not None and last.status != InspectionStatus.DEFERRED:
        message = (
            _("The owner already accepted this home.")
            if last.status == InspectionStatus.ACCEPTED
            else _("An inspection of this unit is in progress.")
        )
        raise ConflictError(ErrorCode.INSPECTION_EXISTS, message)
    if last is not None and hasattr(last, "next_round"):
        raise ConflictError(ErrorCode.INSPECTION_EXISTS, _("An inspection of this unit is in progress."))
    if slot is None:
        slot = HandoverSlot.objects.filter(notice=notice, status__in=ACTIVE_SLOT).first()
    elif slot.notice_id != notice.pk:
        raise _invalid("slot", _("This slot belongs to another unit."))
    inspection = Inspection.objects.create(
        number=next_number(scope="handover_inspection", prefix="YF", period=timezone.localdate().strftime("%Y%m%d"), width=4),
        batch=notice.batch,
        project=notice.project,
        unit=notice.unit,
        notice=notice,
        slot=slot,
        round=(last.round + 1) if last else 1,
        previous=last,
        inspector=actor,
    )
    if slot is not None and slot.status in (SlotStatus.BOOKED, SlotStatus.CHECKED_IN):
        HandoverSlot.objects.filter(pk=slot.pk).update(status=SlotStatus.INSPECTING, version=slot.version + 1)
    record_event(
        target=inspection,
        type=HandoverEvent.INSPECTION_STARTED,
        actor=actor,
        to_status=inspection.status,
        data={"number": inspection.number, "round": inspection.round},
        also_on=_also(inspection),
    )
    return inspection


def _lock(inspection: Inspection, version: int | None) -> Inspection:
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    ensure_version(inspection, version)
    return inspection


def _check_results(inspection: Inspection, results: dict[str, str]) -> None:
    allowed = {f"{room['room']}/{item}" for room in inspection.batch.checklist for item in room["items"]}
    wrong = sorted(k for k, v in results.items() if k not in allowed or v not in RESULTS)
    if wrong:
        raise _invalid("results", _("Unknown checklist entries or results: %(keys)s") % {"keys": ", ".join(wrong[:5])})


@transaction.atomic
def update(*, actor: Any, inspection: Inspection, version: int | None, values: dict[str, Any]) -> Inspection:
    """The checklist results (merged), the keys handed over and the meter readings, while inspecting."""
    inspection = _lock(inspection, version)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise ConflictError(ErrorCode.INSPECTION_CLOSED, _("This inspection is finished."))
    if "results" in values:
        _check_results(inspection, values["results"])
        values["results"] = {**inspection.results, **values["results"]}
    changes = apply_changes(inspection, values)
    if changes:
        inspection.version += 1
        inspection.save()
        record_event(target=inspection, type=HandoverEvent.INSPECTION_UPDATED, actor=actor, changes=changes)
    return inspection


@transaction.atomic
def add_defect(
    *,
    actor: Any,
    inspection: Inspection,
    room: str,
    description: str,
    category: Category,
    item: str = "",
    location: str = "",
    photos: Sequence[Any] = (),
) -> Defect:
    """One defect → its own repair work order (the work-order service decides number, SLA, warranty, contractor)."""
    inspection = Inspection.objects.select_for_update().select_related("notice__contract", "unit").get(pk=inspection.pk)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise ConflictError(ErrorCode.INSPECTION_CLOSED, _("This inspection is finished."))
    if len(photos) > MAX_PHOTOS:
        raise _invalid("photos", _("At most %(n)s photos per defect.") % {"n": MAX_PHOTOS})
    for photo in photos:  # every photo checked before anything is written
        check_upload(photo)
        photo.seek(0)
    buyer = inspection.notice.contract.buyers.select_related("customer").order_by("role", "id").first()
    place = " ".join(p for p in (room, item, location) if p)
    order = create_work_order(
        actor=actor,
        type=OrderType.REPAIR,
        unit=inspection.unit,
        customer=buyer.customer if buyer else None,
        category=category,
        channel=Channel.HANDOVER_INSPECTION,
        title=f"入伙验房 {inspection.number}：{place}"[:100],
        description=f"{place}：{description}",
    )
    for photo in photos:
        attach(actor=actor, order=order, upload=photo, stage=AttachmentStage.REPORT)
    defect = Defect.objects.create(
        inspection=inspection,
        room=room,
        item=item,
        location=location,
        description=description,
        category=category,
        work_order=order,
    )
    if item:
        inspection.results = {**inspection.results, f"{room}/{item}": "defect"}
    inspection.version += 1
    inspection.save()
    record_event(
        target=inspection,
        type=HandoverEvent.DEFECT_RECORDED,
        actor=actor,
        note=description[:200],
        data={"work_order": order.number, "room": room, "item": item},
        also_on=_also(inspection),
    )
    return defect


def _finish_slot(inspection: Inspection) -> None:
    if inspection.slot_id:
        HandoverSlot.objects.filter(pk=inspection.slot_id).exclude(status=SlotStatus.CANCELLED).update(status=SlotStatus.DONE)


def accept(
    *,
    actor: Any,
    inspection: Inspection,
    version: int | None,
    keys_count: int | None = None,
    water_reading: Decimal | None = None,
    electricity_reading: Decimal | None = None,
    gas_reading: Decimal | None = None,
) -> Inspection:
    """The owner takes the home: keys and readings recorded, the unit delivered today (warranty and certificate
    clocks start). Open defects do not stop it (they are repaired after delivery); unpaid fees never do."""

    def change(current: Inspection) -> dict[str, Any]:
        values = {
            "keys_count": keys_count if keys_count is not None else current.keys_count,
            "water_reading": water_reading if water_reading is not None else current.water_reading,
            "electricity_reading": electricity_reading if electricity_reading is not None else current.electricity_reading,
            "gas_reading": gas_reading if gas_reading is not None else current.gas_reading,
        }
        if values["keys_count"] is None:
            raise _invalid("keys_count", _("Record how many keys were handed over."))
        if values["electricity_reading"] is None or values["water_reading"] is None:
            raise _invalid("electricity_reading", _("Record the water and electricity meter readings."))
        apply_changes(current, values)
        return {"keys_count": values["keys_count"]}

    with transaction.atomic():
        done = INSPECTION_WORKFLOW.perform(InspectionAction.ACCEPT, inspection, actor, version=version, change=change)
        deliver_unit(actor=actor, unit=done.unit, delivered_on=done.accepted_on or timezone.localdate())
        _finish_slot(done)
    return done


def defer(*, actor: Any, inspection: Inspection, version: int | None, reason: str) -> Inspection:
    with transaction.atomic():
        done = INSPECTION_WORKFLOW.perform(
            InspectionAction.DEFER,
            inspection,
            actor,
            version=version,
            reason=reason,
            change=lambda current: setattr(current, "reason", reason.strip()[:200]),
        )
        _finish_slot(done)
    return done


@transaction.atomic
def reinspect(*, actor: Any, inspection: Inspection) -> Inspection:
    """The next round after a deferral (the owner comes back once the defects are fixed)."""
    if inspection.status != InspectionStatus.DEFERRED:
        raise ConflictError(ErrorCode.NOT_DEFERRED, _("Only a deferred inspection is followed by a re-inspection."))
    return start(actor=actor, notice=inspection.notice)


@transaction.atomic
def sign(*, actor: Any, inspection: Inspection, version: int | None, upload: Any) -> Inspection:
    """The owner's signature (a photo of it or the canvas drawing) for the 商品房交接单."""
    inspection = _lock(inspection, version)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise ApplicationError(
            ErrorCode.INSPECTION_CLOSED, _("The inspection is closed: its signed record cannot change."), status_code=409
        )
    extension, content_type, data = check_upload(upload)
    if not content_type.startswith("image/"):
        raise _invalid("file", _("The signature must be an image (PNG or JPEG)."))
    inspection.signature.save(f"signature.{extension}", ContentFile(data), save=False)
    inspection.version += 1
    inspection.save()
    record_event(target=inspection, type=HandoverEvent.SIGNATURE_ADDED, actor=actor, also_on=_also(inspection))
    return inspection
