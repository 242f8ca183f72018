"""Handover reads, scoped to the actor's projects. A 置业顾问 (notices only, no batch permission) sees the notices of
the contracts they sold. The queue board, the defect progress and the daily repair figures are computed here."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db import models
from django.db.models import QuerySet

from anju.handover.choices import ACTIVE_SLOT, DefectState, SlotStatus, TaskCode
from anju.handover.models import BatchTask, Defect, HandoverBatch, HandoverNotice, HandoverSlot, Inspection
from anju.properties.models import Unit
from anju.properties.scope import restrict
from anju.sales.choices import LIVE_CONTRACT
from anju.sales.models import Contract
from anju.workorders.choices import Status

# Whoever holds one of these works the batches and sees every notice of their projects.
STAFF_PERMISSIONS = (
    "handover.view_handoverbatch",
    "handover.change_handovernotice",
    "handover.add_handoverslot",
    "handover.add_inspection",
    "handover.change_inspection",
)
FIXED_ORDER_STATES = frozenset({Status.COMPLETED, Status.PENDING_VISIT, Status.CLOSED})


def list_batches(*, actor: Any, project: int | None = None) -> QuerySet[HandoverBatch]:
    return restrict(
        HandoverBatch.objects.select_related("project", "list_prepared_by", "list_approved_by").prefetch_related("buildings"),
        actor,
        project=project,
    )


def batch_details(*, actor: Any) -> QuerySet[HandoverBatch]:
    return list_batches(actor=actor).prefetch_related("members__user", "tasks__owner", "tasks__done_by")


def list_notices(*, actor: Any, project: int | None = None) -> QuerySet[HandoverNotice]:
    rows = restrict(
        HandoverNotice.objects.select_related("batch", "unit__building", "contract", "sent_by").prefetch_related(
            "contract__buyers__customer"
        ),
        actor,
        project=project,
    )
    if actor is None or not actor.is_authenticated:
        return rows.none()
    if not any(actor.has_perm(p) for p in STAFF_PERMISSIONS):
        rows = rows.filter(contract__consultant=actor)  # a 置业顾问: the notices of their own buyers
    return rows


def list_slots(*, actor: Any, project: int | None = None) -> QuerySet[HandoverSlot]:
    return restrict(HandoverSlot.objects.select_related("batch", "unit__building", "notice"), actor, project=project)


def list_inspections(*, actor: Any, project: int | None = None) -> QuerySet[Inspection]:
    return restrict(
        Inspection.objects.select_related("batch", "unit__building", "notice__contract", "inspector", "previous"),
        actor,
        project=project,
    )


def inspection_details(*, actor: Any) -> QuerySet[Inspection]:
    return list_inspections(actor=actor).prefetch_related("defects__work_order", "defects__category")


def batch_units(batch: HandoverBatch) -> QuerySet[Unit]:
    """The units of the batch's buildings that have a live contract (the 入伙名单)."""
    live = Contract.objects.filter(unit=models.OuterRef("pk"), status__in=LIVE_CONTRACT)
    return (
        Unit.objects.filter(building__in=batch.buildings.all())
        .filter(models.Exists(live))
        .select_related("building")
        .order_by("building__code", "floor", "room_number", "id")
    )


def live_contract(unit_id: int) -> Contract | None:
    return Contract.objects.filter(unit_id=unit_id, status__in=LIVE_CONTRACT).order_by("-signed_on", "-id").first()


def list_task(batch: HandoverBatch) -> BatchTask | None:
    return batch.tasks.filter(code=TaskCode.HANDOVER_LIST).first()


def booked_count(batch_id: int, day: datetime.date, window: str) -> int:
    return HandoverSlot.objects.filter(batch_id=batch_id, day=day, window=window, status__in=ACTIVE_SLOT).count()


def booked_counts(batch_id: int) -> dict[tuple[datetime.date, str], int]:
    """(day, window) → places taken, for the whole batch in one grouped query (the slot calendar)."""
    rows = (
        HandoverSlot.objects.filter(batch_id=batch_id, status__in=ACTIVE_SLOT)
        .values("day", "window")
        .annotate(n=models.Count("id"))
        .order_by()
    )
    return {(r["day"], r["window"]): r["n"] for r in rows}


def audience(notice: HandoverNotice) -> list[models.Model | None]:
    """The unit and every buyer: a notice's, slot's or inspection's events show on their timelines too."""
    return [notice.unit, *(buyer.customer for buyer in notice.contract.buyers.all())]


def defect_state(defect: Defect) -> str:
    status = defect.work_order.status
    if status == Status.CANCELLED:
        return DefectState.CANCELLED
    return DefectState.FIXED if status in FIXED_ORDER_STATES else DefectState.OPEN


def defect_progress(inspection: Inspection) -> dict[str, int]:
    counts = Counter(defect_state(d) for d in inspection.defects.all())
    return {"total": sum(counts.values()), **{state: counts.get(state, 0) for state in DefectState.values}}


def queue_board(batch: HandoverBatch, day: datetime.date) -> dict[str, list[HandoverSlot]]:
    """Today's slots of the site in the columns of the queue board."""
    slots = list(
        HandoverSlot.objects.filter(batch=batch, day=day, status__in=ACTIVE_SLOT)
        .select_related("unit__building", "notice__contract")
        .prefetch_related("notice__contract__buyers__customer")
    )
    return {
        status: [s for s in slots if s.status == status]
        for status in (SlotStatus.BOOKED, SlotStatus.CHECKED_IN, SlotStatus.INSPECTING, SlotStatus.DONE)
    }


def unit_rows(batch: HandoverBatch) -> list[dict[str, Any]]:
    """One row per notice of the batch: the unit, its notice, slot and inspection state, and what is still unpaid."""
    notices = list(
        batch.notices.select_related("batch", "unit__building", "contract", "sent_by").prefetch_related(
            "contract__buyers__customer"
        )
    )
    by_id = {n.pk: n for n in notices}
    slots = {}
    for slot in HandoverSlot.objects.filter(batch=batch, status__in=ACTIVE_SLOT):
        slot.notice = by_id[slot.notice_id]
        slot.unit = slot.notice.unit
        slots[slot.notice_id] = slot
    latest: dict[int, Inspection] = {}
    for inspection in Inspection.objects.filter(batch=batch).order_by("round", "id"):
        latest[inspection.notice_id] = inspection
    return [{"notice": n, "slot": slots.get(n.pk), "inspection": latest.get(n.pk)} for n in notices]
