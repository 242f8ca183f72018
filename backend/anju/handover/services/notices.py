"""入伙通知书: generated for every unit of the 入伙名单 when the batch starts its notices (fees computed then), sent
by post (tracking number), text message (the outbox) or in person with the date and the sender recorded. A notice that would give
fewer days than the contract's ``handover_notice_days`` before the handover date is refused unless a holder of
``override_notice_lead`` sends it with a reason (on the timeline). Unpaid items are listed, never enforced (GF-2014
第十一条)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.core.records import ensure_version
from anju.handover import rules
from anju.handover.choices import BatchStatus, NoticeChannel, NoticeStatus
from anju.handover.errors import ErrorCode
from anju.handover.events import HandoverEvent
from anju.handover.models import HandoverBatch, HandoverNotice
from anju.handover.selectors import audience, batch_units, live_contract
from anju.handover.workflow import BATCH_WORKFLOW, BatchAction
from anju.sales.choices import EntryStatus, ReceivableKind
from anju.sales.models import ZERO, Allocation, Contract, Receivable
from anju.sales.rules import handover_fees, money
from anju.sales.selectors import sales_settings

# What the buyer pays the developer. The loan is paid by the bank (按揭放款), not by the buyer: an undisbursed loan is
# not a balance the notice may ask the owner for.
PRICE_KINDS = (ReceivableKind.DEPOSIT, ReceivableKind.DOWN_PAYMENT, ReceivableKind.INSTALMENT)
SENDABLE = frozenset({BatchStatus.NOTIFYING, BatchStatus.HANDING_OVER})


def _owed(ledger: dict[tuple[int, str], tuple[Decimal, Decimal]], contract_id: int, kinds: Sequence[str]) -> tuple[Decimal, bool]:
    """(what is still owed on the contract's receivables of ``kinds``, whether there is any such receivable)."""
    found = [ledger[(contract_id, k)] for k in kinds if (contract_id, k) in ledger]
    due = sum((d for d, _paid in found), ZERO)
    paid = sum((p for _due, p in found), ZERO)
    return max(money(due - paid), ZERO), bool(found)


def price_balance(contract: Contract) -> Decimal:
    """The part of the price the buyer pays (deposit, down payment, instalments) not yet received; not the loan."""
    return _owed(_ledger([contract.pk]), contract.pk, PRICE_KINDS)[0]


def area_difference(contract_id: int) -> Any:
    """The settled 面积补差 of the contract (None while no settlement exists)."""
    from anju.settlement.selectors import settled_difference

    return settled_difference(contract_id)


def fee_values(contract: Contract) -> dict[str, Any]:
    """The notice's figures for the contract's unit: area (measured 建筑面积 if known), price balance, area difference
    and the fees of the project's schedule (R3.9)."""
    unit = contract.unit
    schedule = sales_settings(contract.project_id)
    area = unit.measured_gross_area or contract.gross_area
    fees = handover_fees(
        gross_area=area,
        total_price=contract.total_price,
        fund_basis=schedule.maintenance_fund_basis,
        fund_rate=schedule.maintenance_fund_rate,
        deed_tax_percent=schedule.deed_tax_percent,
        registration_fee=schedule.registration_fee,
        property_fee_rate=schedule.property_fee_rate,
        property_fee_months=schedule.property_fee_months,
    )
    settled = area_difference(contract.pk)
    return {
        "area": area,
        "area_measured": unit.measured_gross_area is not None,
        "price_balance": price_balance(contract),
        "has_area_settlement": settled is not None,
        "area_buyer_pays": money(settled.buyer_pays) if settled else ZERO,
        "area_developer_refunds": money(settled.developer_refunds) if settled else ZERO,
        "maintenance_fund": fees.maintenance_fund,
        "deed_tax": fees.deed_tax,
        "registration_fee": fees.registration_fee,
        "property_fee": fees.property_fee,
        "property_fee_months": schedule.property_fee_months,
    }


@dataclass(frozen=True)
class UnpaidItem:
    code: str
    amount: Decimal
    payee: str  # developer | owners_fund | tax_office | property


def unpaid_items(notice: HandoverNotice) -> list[UnpaidItem]:
    """What the owner still has to pay, as the screens show it (live from the ledger where it records the item).
    Shown only: none of it blocks the inspection or the handover (GF-2014 第十一条)."""
    return unpaid_items_of([notice])[notice.pk]


_FEE_KINDS = (
    ("maintenance_fund", ReceivableKind.MAINTENANCE_FUND, "owners_fund"),
    ("deed_tax", ReceivableKind.DEED_TAX, "tax_office"),
    ("registration_fee", ReceivableKind.REGISTRATION_FEE, "developer"),
)


def unpaid_items_of(rows: Sequence[HandoverNotice]) -> dict[int, list[UnpaidItem]]:
    """``unpaid_items`` of many notices in two grouped queries (a batch's unit list shows every one)."""
    ledger = _ledger([n.contract_id for n in rows])
    out: dict[int, list[UnpaidItem]] = {}
    for notice in rows:
        items = [UnpaidItem("price_balance", _owed(ledger, notice.contract_id, PRICE_KINDS)[0], "developer")]
        if notice.has_area_settlement:
            items.append(UnpaidItem("area_difference", notice.area_buyer_pays, "developer"))
        for code, kind, payee in _FEE_KINDS:
            amount, recorded = _owed(ledger, notice.contract_id, [kind])
            items.append(UnpaidItem(code, amount if recorded else getattr(notice, code), payee))
        items.append(UnpaidItem("property_fee", notice.property_fee, "property"))
        out[notice.pk] = [item for item in items if item.amount > ZERO]
    return out


def _ledger(contract_ids: Sequence[int]) -> dict[tuple[int, str], tuple[Decimal, Decimal]]:
    """(contract, receivable kind) → (amount due, amount received on posted entries), in two grouped queries."""
    due = (
        Receivable.objects.filter(contract_id__in=contract_ids).values("contract_id", "kind").annotate(s=Sum("amount")).order_by()
    )
    paid = (
        Allocation.objects.filter(receivable__contract_id__in=contract_ids, entry__status=EntryStatus.POSTED)
        .values("receivable__contract_id", "receivable__kind")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    received = {(r["receivable__contract_id"], r["receivable__kind"]): r["s"] or ZERO for r in paid}
    return {(r["contract_id"], r["kind"]): (r["s"] or ZERO, received.get((r["contract_id"], r["kind"]), ZERO)) for r in due}


@transaction.atomic
def generate(*, actor: Any, batch: HandoverBatch, version: int | None) -> HandoverBatch:
    """The batch's ``start_notices`` step: one notice per unit of the approved list, each with a proposed day and
    window (filling the windows to capacity in unit order) and its fees."""

    def change(current: HandoverBatch) -> dict[str, Any]:
        units = list(batch_units(current))
        if not units:
            raise ApplicationError(
                ErrorCode.NO_UNITS, _("No unit of the batch's buildings has a live contract."), status_code=409
            )
        places = rules.spread(
            len(units),
            starts_on=current.starts_on,
            ends_on=current.ends_on,
            windows=current.windows,
            capacity=current.capacity_per_window,
        )
        made = 0
        for unit, (day, window) in zip(units, places, strict=True):
            contract = live_contract(unit.pk)
            if contract is None or current.notices.filter(unit=unit).exists():
                continue
            HandoverNotice.objects.create(
                batch=current,
                project=current.project,
                unit=unit,
                contract=contract,
                handover_on=day,
                window=window,
                **fee_values(contract),
            )
            made += 1
        return {"notices": made}

    batch = BATCH_WORKFLOW.perform(BatchAction.START_NOTICES, batch, actor, version=version, change=change)
    return batch


def project_lead_days(project_id: int) -> int:
    return int(sales_settings(project_id).handover_notice_lead_days)


def _lead(notice: HandoverNotice, *, project_days: int | None = None) -> rules.LeadTime:
    return rules.lead_time(
        handover_on=notice.handover_on,
        contract_days=notice.contract.handover_notice_days,
        project_days=project_lead_days(notice.project_id) if project_days is None else project_days,
    )


def lead_of(notice: HandoverNotice, *, project_days: int | None = None) -> rules.LeadTime:
    return _lead(notice, project_days=project_days)


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


@transaction.atomic
def send(
    *,
    actor: Any,
    notice: HandoverNotice,
    version: int | None,
    channels: Sequence[str],
    sent_on: datetime.date | None = None,
    tracking_number: str = "",
    override_reason: str = "",
) -> HandoverNotice:
    notice = HandoverNotice.objects.select_for_update().select_related("contract", "unit__building", "batch").get(pk=notice.pk)
    ensure_version(notice, version)
    today = timezone.localdate()
    sent_on = sent_on or today
    if notice.batch.status not in SENDABLE:
        raise ApplicationError(
            ErrorCode.NOT_NOTIFYING,
            _("Notices can be sent only after the handover list is approved and the notices are generated."),
            status_code=409,
        )
    if notice.status == NoticeStatus.SENT:
        raise ApplicationError(ErrorCode.NOTICE_ALREADY_SENT, _("This notice was already sent."), status_code=409)
    if not channels:
        raise _invalid("channels", _("Choose at least one channel."))
    if NoticeChannel.POST in channels and not tracking_number.strip():
        raise _invalid("tracking_number", _("A notice sent by post needs its tracking number."))
    if sent_on > today:
        raise _invalid("sent_on", _("The send date cannot be in the future."))
    if sent_on < timezone.localdate(notice.created_at):
        raise _invalid("sent_on", _("The send date cannot be before the notice was generated."))
    lead = _lead(notice)
    late = rules.is_late(sent_on=sent_on, lead=lead)
    if late and not override_reason.strip():
        message = _("The contract promises %(days)s days' notice: this notice had to go out by %(date)s.") % {
            "days": lead.required_days,
            "date": lead.latest_send_on.isoformat(),
        }
        raise ApplicationError(ErrorCode.NOTICE_TOO_LATE, message, fields={"sent_on": [message]})
    if late and not actor.has_perm("handover.override_notice_lead"):
        raise ApplicationError(
            ErrorCode.OVERRIDE_NOT_ALLOWED,
            _("Only a supervisor may send a notice later than the contract's lead time."),
            status_code=403,
        )
    notice.status = NoticeStatus.SENT
    notice.sent_on = sent_on
    notice.sent_by = actor
    notice.channels = sorted(set(channels))
    notice.tracking_number = tracking_number.strip()
    notice.override_reason = override_reason.strip() if late else ""
    notice.version += 1
    notice.save()
    data = {"channels": notice.channels, "sent_on": sent_on.isoformat(), "tracking_number": notice.tracking_number}
    if late:
        record_event(
            target=notice,
            type=HandoverEvent.NOTICE_LEAD_OVERRIDDEN,
            actor=actor,
            note=notice.override_reason,
            data={"required_days": lead.required_days, "days_given": (notice.handover_on - sent_on).days},
            also_on=[notice.batch, *audience(notice)],
        )
    record_event(
        target=notice,
        type=HandoverEvent.NOTICE_SENT,
        actor=actor,
        to_status=notice.status,
        data=data,
        also_on=[notice.batch, *audience(notice)],
    )
    _deliver(notice, channels)
    return notice


def follow_slot(*, actor: Any, notice: HandoverNotice, day: datetime.date, window: str) -> HandoverNotice:
    """The notice carries the owner's booked time (its PDF and the owner's view print it). Runs inside the booking's
    transaction; a notice already sent is followed by a text to the buyers with the new time."""
    notice = HandoverNotice.objects.select_for_update().select_related("contract", "unit__building", "batch").get(pk=notice.pk)
    if (notice.handover_on, notice.window) == (day, window):
        return notice
    before = (notice.handover_on.isoformat(), notice.window)
    notice.handover_on, notice.window = day, window
    notice.version += 1
    notice.save(update_fields=["handover_on", "window", "version", "updated_at"])
    record_event(
        target=notice,
        type=HandoverEvent.NOTICE_TIME_CHANGED,
        actor=actor,
        changes={"handover_on": [before[0], day.isoformat()], "window": [before[1], window]},
        also_on=[notice.batch, *audience(notice)],
    )
    if notice.status == NoticeStatus.SENT:
        _deliver(notice, [NoticeChannel.SMS], changed=True)
    return notice


def _deliver(notice: HandoverNotice, channels: Sequence[str], *, changed: bool = False) -> None:
    """A text message to every buyer (first mobile) through the notification outbox (after commit)."""
    from anju.core import pii
    from anju.notifications.backends import text_backend

    unit = notice.unit
    template = (
        _("[Anju] Your handover time has changed: %(unit)s, now on %(day)s %(window)s at %(place)s. Please bring: %(docs)s")
        if changed
        else _("[Anju] Handover notice: %(unit)s, handover on %(day)s %(window)s at %(place)s. Please bring: %(docs)s")
    )
    body = template % {
        "unit": f"{unit.building.name}{unit.room_number}",
        "day": notice.handover_on.isoformat(),
        "window": notice.window,
        "place": notice.batch.place,
        "docs": notice.batch.documents_to_bring,
    }
    recipients: list[tuple[str, str]] = []
    if NoticeChannel.SMS in channels:
        for buyer in notice.contract.buyers.select_related("customer"):
            mobile = buyer.customer.mobiles.order_by("position", "id").first()
            if mobile is not None:
                recipients.append(("sms", pii.decrypt(mobile.ciphertext)))

    def deliver() -> None:
        backend = text_backend()
        for channel, to in recipients:
            backend.send(channel, to, body)

    transaction.on_commit(deliver)
