"""My home (issue 17 §3): per owned unit what the sales, handover, settlement, certificate, mortgage and warranty
apps hold about it, read through their own selectors and reduced to what the owner may see: no staff names, no
internal notes, no bank internals. Only the handover slot can be booked from here (``book_slot``)."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.certificates import selectors as certificates
from anju.certificates.models import CertificateCase
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.customers.models import Customer
from anju.handover import selectors as handover
from anju.handover.choices import ACTIVE_SLOT, NoticeStatus
from anju.handover.models import HandoverNotice, HandoverSlot, Inspection
from anju.handover.services import slots
from anju.mortgage.models import MortgageCase
from anju.owners.errors import ErrorCode
from anju.owners.events import OwnerEvent
from anju.properties.models import Unit
from anju.sales import selectors as sales
from anju.sales.models import Contract
from anju.settlement import selectors as settlement
from anju.warranty import selectors as warranty
from anju.warranty.rules import WarrantyItem

ZERO = Decimal("0.00")


def _contract(owner: Customer, unit: Unit) -> Contract | None:
    """The unit's live contract, when the owner is one of its buyers."""
    contract = sales.live_contract_of_unit(unit.pk)
    if contract is None or not contract.buyers.filter(customer=owner).exists():
        return None
    return sales.with_amounts(Contract.objects.filter(pk=contract.pk)).get()


def _contract_part(contract: Contract | None) -> dict[str, Any] | None:
    if contract is None:
        return None
    due, paid = getattr(contract, "due", ZERO), getattr(contract, "paid", ZERO)
    return {
        "number": contract.number,
        "status": contract.status,
        "status_label": contract.get_status_display(),
        "signed_on": contract.signed_on,
        "filed_on": contract.filed_on,
        "delivery_deadline": contract.delivery_deadline,
        "total_price": contract.total_price,
        "paid": paid,
        "balance_due": max(due - paid, ZERO),
    }


def notice_of(contract: Contract | None) -> HandoverNotice | None:
    """The latest handover notice that was sent for the contract (a draft is not the owner's business yet)."""
    if contract is None:
        return None
    return (
        HandoverNotice.objects.filter(contract=contract, status=NoticeStatus.SENT)
        .select_related("batch")
        .order_by("-created_at", "-id")
        .first()
    )


def _free_windows(notice: HandoverNotice, today: datetime.date) -> list[dict[str, Any]]:
    batch = notice.batch
    if batch.status not in slots.BOOKABLE:
        return []
    taken = Counter(
        {
            (row["day"], row["window"]): row["n"]
            for row in HandoverSlot.objects.filter(batch=batch, status__in=ACTIVE_SLOT)
            .values("day", "window")
            .annotate(n=Count("id"))
        }
    )
    found = []
    day = max(batch.starts_on, today)
    while day <= batch.ends_on:
        for window in batch.windows:
            left = batch.capacity_per_window - taken[(day, window)]
            if left > 0:
                found.append({"day": day, "window": window, "places_left": left})
        day += datetime.timedelta(days=1)
    return found


def _handover_part(contract: Contract | None, today: datetime.date) -> dict[str, Any] | None:
    notice = notice_of(contract)
    if notice is None:
        return None
    slot = HandoverSlot.objects.filter(notice=notice, status__in=ACTIVE_SLOT).order_by("-id").first()
    inspection = Inspection.objects.filter(notice=notice).order_by("-round", "-id").first()
    defects = []
    if inspection is not None:
        for defect in inspection.defects.select_related("work_order").order_by("id"):
            state = handover.defect_state(defect)
            defects.append({"room": defect.room, "item": defect.item, "description": defect.description, "state": state})
    fees = {
        "price_balance": notice.price_balance,
        "area_buyer_pays": notice.area_buyer_pays,
        "area_developer_refunds": notice.area_developer_refunds,
        "maintenance_fund": notice.maintenance_fund,
        "deed_tax_estimate": notice.deed_tax,
        "registration_fee": notice.registration_fee,
        "property_fee": notice.property_fee,
        "property_fee_months": notice.property_fee_months,
    }
    return {
        "handover_on": notice.handover_on,
        "window": notice.window,
        "place": notice.batch.place,
        "documents_to_bring": notice.batch.documents_to_bring,
        "fees": fees,
        "slot": {"day": slot.day, "window": slot.window, "status": slot.status} if slot else None,
        "can_book": slot is None and notice.batch.status in slots.BOOKABLE,
        "free_windows": _free_windows(notice, today) if slot is None else [],
        "defects": defects,
    }


def _certificate_part(contract: Contract | None) -> dict[str, Any] | None:
    if contract is None:
        return None
    case = CertificateCase.objects.filter(contract=contract).first()
    if case is None:
        return None
    from anju.certificates.choices import Clock

    return {
        "stage": case.stage,
        "stage_label": case.get_stage_display(),
        "since": timezone.localtime(case.stage_since).date(),
        "clocks": [{"clock": str(Clock(c).label), "due_on": due} for c, due in certificates.open_clocks(case)],
        "handed_over_on": case.handed_over_on,
    }


def _mortgage_part(contract: Contract | None) -> dict[str, Any] | None:
    if contract is None:
        return None
    case = MortgageCase.objects.filter(contract=contract).order_by("-id").first()
    if case is None:
        return None
    return {"stage": case.stage, "stage_label": case.get_stage_display(), "since": timezone.localtime(case.stage_since).date()}


def _settlement_part(contract: Contract | None) -> dict[str, Any] | None:
    if contract is None:
        return None
    found = settlement.settled_difference(contract.pk)
    if found is None:
        return None
    return {
        "buyer_pays": found.buyer_pays,
        "developer_refunds": found.developer_refunds,
        "withdrawal_right": found.withdrawal_right,
    }


def _warranty_part(unit: Unit, today: datetime.date) -> list[dict[str, Any]]:
    if unit.delivery_date is None:
        return []
    rows = []
    for item in WarrantyItem:
        cover = warranty.coverage(
            item=item, delivered=unit.delivery_date, reported_on=today, project_id=unit.project_id, building_id=None
        )
        rows.append({"item": str(item.label), "expires_on": cover.expires_on, "in_warranty": bool(cover.in_warranty)})
    return rows


def summary(*, owner: Customer, unit: Unit) -> dict[str, Any]:
    today = timezone.localdate()
    contract = _contract(owner, unit)
    return {
        "id": unit.pk,
        "label": f"{unit.project.name} {unit.building.name} {unit.room_number}",
        "delivered_on": unit.delivery_date,
        "contract": _contract_part(contract),
        "handover": _handover_part(contract, today),
        "settlement": _settlement_part(contract),
        "certificate": _certificate_part(contract),
        "mortgage": _mortgage_part(contract),
        "warranty": _warranty_part(unit, today),
    }


@transaction.atomic
def book_slot(*, owner: Customer, unit: Unit, day: datetime.date, window: str) -> HandoverSlot:
    """Book the handover slot of the owner's sent notice, within the window's capacity (the handover service)."""
    notice = notice_of(_contract(owner, unit))
    if notice is None:
        raise ApplicationError(
            ErrorCode.OWNER_NO_HANDOVER_NOTICE, _("There is no handover notice for this home yet."), status_code=409
        )
    slot = slots.book(actor=None, notice=notice, day=day, window=window)
    record_event(target=unit, type=OwnerEvent.SLOT_BOOKED, data={"day": day.isoformat(), "window": window}, also_on=[owner])
    return slot
