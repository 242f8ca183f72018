"""Area-settlement writes: draw up a building's batch, step it through the workflow (with the notices and the
posting), recalculate after a corrected survey, and record a buyer's withdrawal. Lock → check → change → event."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, ConflictError, CoreErrorCode
from anju.core.events import record_event
from anju.core.numbering import next_value
from anju.core.records import ensure_version
from anju.properties.models import Building, Unit
from anju.properties.scope import can_see_project
from anju.sales.choices import LIVE_CONTRACT, ChangeKind, MoneyMethod, ReceivableKind
from anju.sales.models import Contract
from anju.sales.services import changes, ledger
from anju.settlement import rules
from anju.settlement.choices import OPEN, SettlementStatus
from anju.settlement.errors import ErrorCode
from anju.settlement.events import SettlementEvent
from anju.settlement.models import SettlementBatch, SettlementLine
from anju.settlement.services import lines as line_rules
from anju.settlement.services import notices
from anju.settlement.workflow import WORKFLOW, SettlementAction

A = SettlementAction
ZERO = Decimal("0.00")


def line_audience(line: SettlementLine) -> list[Any]:
    """A line's events show on the batch, the contract and the unit too."""
    return [line.batch, line.contract, line.unit]


def _next_number(today: datetime.date) -> str:
    """MJ + day + a sequence from the core counter (not a count of rows: two buildings at once get two numbers)."""
    return f"MJ{today:%Y%m%d}{next_value(f'settlement_batch:{today:%Y%m%d}'):03d}"


def _missing_entry(contract: Contract, reason: str) -> dict[str, Any]:
    return {"contract": contract.pk, "number": contract.number, "unit": str(contract.unit), "reason": reason}


@transaction.atomic
def create_batch(*, actor: Any, building: Building, collect_certificate_fees: bool = True, note: str = "") -> SettlementBatch:
    """A draft batch: one line per live contract of the building whose unit has measured areas (按套 contracts are
    listed without settlement); the others are listed as missing. One open batch per building at a time, and a
    contract already posted is not settled twice."""
    building = Building.objects.select_for_update().get(pk=building.pk)
    if not can_see_project(actor, building.project_id):
        message = _("This project is outside your data scope.")
        raise ApplicationError(CoreErrorCode.SCOPE_PROJECT_OUTSIDE_SCOPE, message, fields={"building": [message]})
    if SettlementBatch.objects.filter(building=building, status__in=OPEN).exists():
        raise ConflictError(ErrorCode.OPEN_BATCH_EXISTS, _("This building already has a settlement batch in progress."))
    posted = set(
        SettlementLine.objects.filter(unit__building=building, batch__status=SettlementStatus.POSTED).values_list(
            "contract_id", flat=True
        )
    )
    contracts = (
        Contract.objects.filter(unit__building=building, status__in=LIVE_CONTRACT).select_related("unit").order_by("unit_id")
    )
    batch = SettlementBatch.objects.create(
        number=_next_number(timezone.localdate()),
        project_id=building.project_id,
        building=building,
        note=note[:200],
        collect_certificate_fees=collect_certificate_fees,
        created_by=actor,
    )
    rows, missing = [], []
    for contract in contracts:
        if contract.pk in posted:
            missing.append(_missing_entry(contract, "already_settled"))
        elif contract.pricing_basis != "whole_unit" and not line_rules.is_measured(contract.unit):
            missing.append(_missing_entry(contract, "not_measured"))
        else:
            rows.append(
                SettlementLine(
                    batch=batch,
                    project_id=building.project_id,
                    contract=contract,
                    unit=contract.unit,
                    **line_rules.compute(contract, contract.unit),
                )
            )
    SettlementLine.objects.bulk_create(rows)
    batch.missing = missing
    batch.save(update_fields=["missing"])
    record_event(
        target=batch,
        type=SettlementEvent.BATCH_CREATED,
        actor=actor,
        data={"lines": len(rows), "missing": len(missing)},
        also_on=[building],
    )
    return batch


def step(*, actor: Any, batch: SettlementBatch, action: str, version: int | None = None, reason: str = "") -> SettlementBatch:
    """One workflow step with what it brings: who reviewed or approved, the notices, the posting."""

    def change(current: SettlementBatch) -> dict[str, Any] | None:
        if action == A.REVIEW:
            current.reviewed_by = actor
        elif action == A.SEND_BACK:
            current.reviewed_by, current.reviewed_at = None, None
        elif action == A.APPROVE:
            current.approved_by = actor
        elif action == A.NOTIFY:
            return {"notified": notices.notify_buyers(actor=actor, batch=current)}
        elif action == A.POST:
            return _post(actor, current)
        return None

    return WORKFLOW.perform(action, batch, actor, version=version, reason=reason, change=change)


# --- Posting -------------------------------------------------------------------------------------------------


def _refund_due(contract: Contract, reduction: Decimal) -> Decimal:
    """After the price fell by ``reduction``, what the buyer paid beyond what they now owe comes back (capped at the
    reduction): a buyer who has not paid that much simply owes less."""
    owed = ledger.balance_of(contract)  # after the reduction was added
    overpaid = -owed if owed < 0 else ZERO
    return min(reduction, overpaid, ledger.refundable(contract))


def _post_line(actor: Any, batch: SettlementBatch, line: SettlementLine) -> dict[str, str]:
    contract = line.contract
    note = _("Area settlement %(number)s") % {"number": batch.number}
    posted: dict[str, str] = {}
    if line.buyer_pays > 0:
        ledger.add_receivable(
            actor=actor, contract=contract, kind=ReceivableKind.AREA_DIFFERENCE, amount=line.buyer_pays, note=note
        )
        posted["area_difference"] = str(line.buyer_pays)
    if line.developer_refunds > 0:
        ledger.add_reduction(
            actor=actor, contract=contract, kind=ReceivableKind.AREA_DIFFERENCE, amount=line.developer_refunds, note=note
        )
        posted["area_difference"] = str(-line.developer_refunds)
        refund = _refund_due(contract, line.developer_refunds)
        if refund > 0:
            ledger.request_refund(
                actor=actor,
                contract=contract,
                amount=refund,
                occurred_on=timezone.localdate(),
                method=MoneyMethod.TRANSFER,
                note=note,
            )
            posted["refund_requested"] = str(refund)
    if batch.collect_certificate_fees:
        for kind, amount in ((ReceivableKind.DEED_TAX, line.deed_tax), (ReceivableKind.REGISTRATION_FEE, line.registration_fee)):
            if amount > 0:
                ledger.add_receivable(actor=actor, contract=contract, kind=kind, amount=amount, note=note)
                posted[str(kind)] = str(amount)
    return posted


def _post(actor: Any, batch: SettlementBatch) -> dict[str, Any]:
    """Every line not withdrawn goes to its contract's ledger, all or nothing (the workflow's transaction); a line
    posted before is never posted again."""
    posted = skipped = 0
    lines = batch.lines.select_related("contract", "unit", "batch").filter(posted_at__isnull=True).order_by("id")
    for line in lines:
        if line.withdrawing:
            skipped += 1
            continue
        if line.contract.status not in LIVE_CONTRACT:
            message = _("Contract %(number)s has been cancelled; record the buyer's withdrawal on its line first.") % {
                "number": line.contract.number
            }
            raise ConflictError(ErrorCode.CONTRACT_NOT_LIVE, message)
        amounts = _post_line(actor, batch, line)
        line.posted_at = timezone.now()
        line.version += 1
        line.save(update_fields=["posted_at", "version", "updated_at"])
        record_event(target=line, type=SettlementEvent.LINE_POSTED, actor=actor, data=amounts, also_on=[line.contract, line.unit])
        posted += 1
    return {"posted": posted, "withdrawn": skipped}


# --- Recalculation after a corrected survey ------------------------------------------------------------------


def recalculate_units(*, actor: Any, unit_ids: list[int]) -> list[dict[str, Any]]:
    """Recompute the lines of these units in batches not yet posted; each change keeps the old figures in
    ``previous`` and is an event on the line, the batch, the contract and the unit. A batch whose figures changed after
    review goes back to draft (its figures must be reviewed and approved again). Returns the changes."""
    report: list[dict[str, Any]] = []
    reopened: set[int] = set()
    # lock the lines alone (MariaDB has no FOR UPDATE OF), then read them with what they point to
    ids = list(SettlementLine.objects.filter(unit_id__in=unit_ids, batch__status__in=OPEN).values_list("pk", flat=True))
    list(SettlementLine.objects.select_for_update().filter(pk__in=ids).order_by("id").values_list("pk", flat=True))
    lines = SettlementLine.objects.filter(pk__in=ids).select_related("contract", "unit", "batch").order_by("id")
    for line in lines:
        values = line_rules.compute(line.contract, Unit.objects.get(pk=line.unit_id))
        changed = line_rules.differences(line, values)
        if not changed:
            continue
        if line.withdrawing:
            message = _("The buyer of %(contract)s has withdrawn on the figures of the earlier survey: reverse that first.") % {
                "contract": line.contract.number
            }
            raise ApplicationError(ErrorCode.WITHDRAWAL_RECORDED, message, status_code=409)
        line.previous = {**line_rules.snapshot(line), "recalculated_at": timezone.now().isoformat()}
        for name, value in values.items():
            setattr(line, name, value)
        line.version += 1
        line.save()
        record_event(
            target=line,
            type=SettlementEvent.LINE_RECALCULATED,
            actor=actor,
            changes=changed,
            also_on=line_audience(line),
        )
        report.append({"line": line.pk, "batch": line.batch.number, "contract": line.contract.number, "changes": changed})
        if line.batch.status != SettlementStatus.DRAFT and line.batch_id not in reopened:
            _reopen(actor, line.batch)
            reopened.add(line.batch_id)
    report.extend(_add_newly_measured(actor, unit_ids))
    return report


def _add_newly_measured(actor: Any, unit_ids: list[int]) -> list[dict[str, Any]]:
    """A draft batch listed some contracts as not measured: those whose unit is measured now get their line."""
    report: list[dict[str, Any]] = []
    # lock by primary key: PostgreSQL refuses FOR UPDATE with DISTINCT (the join to units repeats a batch)
    building_ids = Unit.objects.filter(pk__in=unit_ids).values("building_id")
    drafts = SettlementBatch.objects.select_for_update().filter(status=SettlementStatus.DRAFT, building_id__in=building_ids)
    for batch in drafts:
        waiting = {m["contract"]: m for m in batch.missing if m.get("reason") == "not_measured"}
        contracts = Contract.objects.filter(pk__in=waiting, unit_id__in=unit_ids, status__in=LIVE_CONTRACT).select_related("unit")
        added = []
        for contract in contracts:
            if not line_rules.is_measured(contract.unit):
                continue
            line = SettlementLine.objects.create(
                batch=batch,
                project_id=batch.project_id,
                contract=contract,
                unit=contract.unit,
                **line_rules.compute(contract, contract.unit),
            )
            changed = {
                "measured_area": [None, str(line.measured_area)],
                "buyer_pays": [None, str(line.buyer_pays)],
                "developer_refunds": [None, str(line.developer_refunds)],
            }
            record_event(
                target=line, type=SettlementEvent.LINE_RECALCULATED, actor=actor, changes=changed, also_on=line_audience(line)
            )
            report.append({"line": line.pk, "batch": batch.number, "contract": contract.number, "changes": changed})
            added.append(contract.pk)
        if added:
            batch.missing = [m for m in batch.missing if m["contract"] not in added]
            batch.version += 1
            batch.save(update_fields=["missing", "version"])
    return report


def _reopen(actor: Any, batch: SettlementBatch) -> None:
    batch = SettlementBatch.objects.select_for_update().get(pk=batch.pk)
    before = batch.status
    batch.status = SettlementStatus.DRAFT
    batch.reviewed_by = batch.approved_by = None
    batch.reviewed_at = batch.approved_at = batch.notified_at = None
    batch.version += 1
    batch.save()
    record_event(
        target=batch,
        type=SettlementEvent.LINE_RECALCULATED,
        actor=actor,
        from_status=before,
        to_status=batch.status,
        note=_("Measured areas corrected: the figures must be reviewed and approved again."),
        also_on=[batch.building],
    )


# --- The buyer withdraws ---------------------------------------------------------------------------------------


@transaction.atomic
def record_withdrawal(
    *, actor: Any, line: SettlementLine, reason: str, decided_on: datetime.date, version: int | None = None
) -> SettlementLine:
    """The buyer chose to withdraw (退房) on a line with the right: the line is not posted and the contract's
    cancellation starts (a change request of kind cancellation, decided by a supervisor as every cancellation)."""
    line = SettlementLine.objects.select_for_update().select_related("batch", "contract", "unit").get(pk=line.pk)
    ensure_version(line, version)
    if not line.withdrawal_right:
        raise ConflictError(ErrorCode.NO_WITHDRAWAL_RIGHT, _("The area difference is within the threshold: no withdrawal right."))
    if line.withdrawing:
        raise ConflictError(ErrorCode.ALREADY_WITHDRAWING, _("The buyer's withdrawal is already recorded."))
    if line.batch.status not in (SettlementStatus.APPROVED, SettlementStatus.NOTIFIED):
        raise ConflictError(
            ErrorCode.WITHDRAWAL_NOT_NOW, _("A withdrawal is recorded once the batch is approved and before it is posted.")
        )
    if decided_on > timezone.localdate():
        message = _("The date cannot be in the future.")
        raise ApplicationError(ErrorCode.FUTURE_DATE, message, fields={"decided_on": [message]})
    text = _("Area difference beyond the threshold (%(ratio)s%%): the buyer withdraws. %(reason)s") % {
        "ratio": line_rules.percent_text(line.ratio),
        "reason": reason,
    }
    change = changes.request_change(actor=actor, contract=line.contract, kind=ChangeKind.CANCELLATION, reason=text[:200])
    line.withdrawing = True
    line.withdrawal_on = decided_on
    line.withdrawal_reason = reason[:200]
    line.withdrawal_recorded_at = timezone.now()
    line.cancellation = change
    line.version += 1
    line.save()
    record_event(
        target=line,
        type=SettlementEvent.WITHDRAWAL_RECORDED,
        actor=actor,
        note=reason[:200],
        data={"decided_on": decided_on.isoformat(), "change": change.pk, "refund_due_on": str(refund_due_on(line))},
        also_on=line_audience(line),
    )
    return line


def refund_days(line: SettlementLine) -> int:
    """88号令: 30 days; a contract with its own terms (GF-2014 or custom) uses its ``rescission_refund_days`` (R1.8)."""
    return 30 if line.area_clause == "statutory" else int(line.contract.rescission_refund_days)


def refund_due_on(line: SettlementLine) -> datetime.date | None:
    from anju.sales.rules import period_end

    if line.withdrawal_on is None:
        return None
    return period_end(line.withdrawal_on, refund_days(line))


def refund_estimate(line: SettlementLine) -> rules.RescissionRefund | None:
    """After a withdrawal: everything the buyer paid (the loan-funded part too: the bank's disbursements are receipts on
    the ledger) with interest at the contract's agreed rate from each payment to the refund deadline (R1.8, E11)."""
    from anju.sales.choices import EntryKind, EntryStatus
    from anju.sales.models import LedgerEntry

    due = refund_due_on(line)
    if due is None:
        return None
    payments = list(
        LedgerEntry.objects.filter(contract_id=line.contract_id, kind=EntryKind.RECEIPT, status=EntryStatus.POSTED)
        .order_by("occurred_on", "id")
        .values_list("occurred_on", "amount")
    )
    return rules.rescission_refund(
        payments=payments, refund_on=due, annual_rate_percent=line.contract.rescission_interest_percent
    )
