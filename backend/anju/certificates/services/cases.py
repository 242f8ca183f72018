"""Certificate cases (产证): opened for a delivered unit's live contract, moved through ``workflow.WORKFLOW``.

- ``open_case`` (idempotent): one case per live contract, its buyers as owners, the checklist (an ID copy per buyer,
  the contract original, the invoice, the deed-tax proof, the loan contract of a mortgaged unit, the 委托书), the sale
  kind kept at signing (``SaleSnapshot``) and the 预告登记 clock when the project's 首次登记 is known.
- ``start_clocks`` (idempotent): the delivery date starts the developer's 60-day and (presale) the buyer's 90-day clock.
  The ``unit_delivered`` receiver runs both in the handover's transaction; ``open_delivered_units`` does the same for
  units delivered before (demo data, imports).
- The steps take a date (default today, never in the future); ``complete_transfer`` stores the certificate number
  encrypted; ``send_to_bank`` and ``hand_over`` write a 房产证签收表.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.certificates import rules, selectors
from anju.certificates.choices import OPEN_STAGES, DocumentCode, ReceiptKind, SaleKind, Stage
from anju.certificates.errors import ErrorCode
from anju.certificates.events import CertificateEvent
from anju.certificates.models import CertificateCase, ChecklistItem, Delay, Receipt, SaleSnapshot
from anju.certificates.workflow import WORKFLOW, CertificateAction
from anju.core import pii
from anju.core.access_log import log_access
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.core.models import AccessAction
from anju.core.numbering import next_number
from anju.core.records import apply_changes, ensure_version
from anju.customers.models import Customer
from anju.mortgage.selectors import open_cases_of_contract
from anju.properties.models import Unit
from anju.properties.scope import can_see_project
from anju.sales.choices import LIVE_CONTRACT, LOAN_PLANS
from anju.sales.models import Contract, ContractBuyer

A = CertificateAction


def _invalid(code: StrEnum, field: str, message: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def mask_number(ciphertext: str) -> str:
    """A certificate number shown masked: its first two and last two characters (e.g. ``粤(********号``)."""
    if not ciphertext:
        return ""
    plain = pii.decrypt(ciphertext)
    if len(plain) <= 4:
        return "*" * len(plain)
    return f"{plain[:2]}{'*' * (len(plain) - 4)}{plain[-2:]}"


# --- Opening and clocks ---------------------------------------------------------------------------------------


def remember_sale(contract: Contract) -> None:
    """At signing: did the unit have a measured area (现售)? Kept for the transfer clock."""
    measured = Unit.objects.filter(pk=contract.unit_id, measured_gross_area__isnull=False).exists()
    SaleSnapshot.objects.update_or_create(contract=contract, defaults={"measured_at_signing": measured})


def _sale_kind(contract: Contract) -> str:
    snapshot = SaleSnapshot.objects.filter(contract=contract).first()
    if snapshot is not None:
        return rules.sale_kind(measured_at_signing=snapshot.measured_at_signing)
    return SaleKind.PRESALE  # signed before this app kept snapshots: the usual case, a presold unit


def _owners(contract: Contract) -> list[Customer]:
    ids = ContractBuyer.objects.filter(contract=contract).order_by("id").values_list("customer_id", flat=True)
    by_id = Customer.objects.in_bulk(list(ids))
    return [by_id[i] for i in ids if i in by_id]


def _checklist(case: CertificateCase, owners: Sequence[Customer]) -> None:
    rows = [ChecklistItem(case=case, code=DocumentCode.ID_COPY, customer=owner) for owner in owners]
    codes = [DocumentCode.CONTRACT_ORIGINAL, DocumentCode.PURCHASE_INVOICE, DocumentCode.DEED_TAX_PROOF]
    if case.mortgaged:
        codes.append(DocumentCode.LOAN_CONTRACT)
    codes.append(DocumentCode.POWER_OF_ATTORNEY)
    rows += [ChecklistItem(case=case, code=code) for code in codes]
    ChecklistItem.objects.bulk_create(rows)


def refresh_next_clock(case: CertificateCase) -> None:
    """Set ``next_clock``/``next_due_on`` to the earliest open clock (on the instance; the caller saves)."""
    clocks = selectors.open_clocks(case)
    case.next_clock, case.next_due_on = clocks[0] if clocks else ("", None)


def _live_contract(unit: Unit) -> Contract | None:
    return Contract.objects.filter(unit=unit, status__in=LIVE_CONTRACT).order_by("-signed_on", "-id").first()


@transaction.atomic
def open_case(*, actor: Any, contract: Contract) -> CertificateCase:
    """The contract's case (opened on first call: the same case afterwards)."""
    Contract.objects.select_for_update().get(pk=contract.pk)  # two openers at once: the second finds the case
    existing = CertificateCase.objects.filter(contract=contract).first()
    if existing is not None:
        return existing
    owners = _owners(contract)
    kind = _sale_kind(contract)
    mortgaged = contract.payment_plan in LOAN_PLANS or open_cases_of_contract(contract.pk).exists()
    case = CertificateCase(
        number=next_number(scope="certificates", prefix="CZ", period=timezone.localdate().strftime("%Y%m%d"), width=4),
        project_id=contract.project_id,
        unit_id=contract.unit_id,
        contract=contract,
        sale_kind=kind,
        mortgaged=mortgaged,
        pre_registered=kind == SaleKind.PRESALE,
        transfer_registration_due_on=rules.transfer_registration_due(
            sale_kind=kind, delivered_on=None, signed_on=contract.signed_on
        ),
    )
    if case.pre_registered:
        case.pre_registration_lapses_on = rules.pre_registration_lapses(
            selectors.milestone_of(contract.project_id).first_registration_on
        )
    refresh_next_clock(case)
    case.save()
    case.owners.set(owners)
    _checklist(case, owners)
    record_event(
        target=case,
        type=CertificateEvent.CASE_OPENED,
        actor=actor,
        to_status=case.stage,
        data={"contract": contract.number, "sale_kind": kind, "mortgaged": mortgaged},
        also_on=selectors.case_audience(case),
    )
    return case


@transaction.atomic
def start_clocks(*, actor: Any, case: CertificateCase, delivered_on: datetime.date) -> CertificateCase:
    """Delivery starts the developer's documents clock and the presale transfer clock (a repeat changes nothing)."""
    case = CertificateCase.objects.select_for_update().select_related("contract").get(pk=case.pk)
    if case.delivered_on == delivered_on:
        return case
    case.delivered_on = delivered_on
    case.developer_documents_due_on = rules.developer_documents_due(delivered_on)
    case.transfer_registration_due_on = rules.transfer_registration_due(
        sale_kind=case.sale_kind, delivered_on=delivered_on, signed_on=case.contract.signed_on
    )
    refresh_next_clock(case)
    case.version += 1
    case.save()
    record_event(
        target=case,
        type=CertificateEvent.CLOCKS_STARTED,
        actor=actor,
        data={
            "delivered_on": delivered_on.isoformat(),
            "developer_documents_due_on": case.developer_documents_due_on.isoformat(),
            "transfer_registration_due_on": case.transfer_registration_due_on.isoformat()
            if case.transfer_registration_due_on
            else None,
        },
        also_on=selectors.case_audience(case),
    )
    return case


@transaction.atomic
def open_for_delivered_unit(*, actor: Any, unit: Unit, delivered_on: datetime.date) -> CertificateCase | None:
    """The ``unit_delivered`` receiver: the unit's live contract gets its case and its clocks (none without one)."""
    contract = _live_contract(unit)
    if contract is None:
        return None
    return start_clocks(actor=actor, case=open_case(actor=actor, contract=contract), delivered_on=delivered_on)


@transaction.atomic
def withdraw_for_contract(*, actor: Any, contract: Any) -> int:
    """The ``contract_cancelled`` receiver: a rescinded contract's open case stops (no clock runs or alerts on it)."""
    withdrawn = 0
    for case in CertificateCase.objects.select_for_update().filter(contract=contract, stage__in=OPEN_STAGES):
        old = case.stage
        case.stage = Stage.WITHDRAWN
        case.stage_since = timezone.now()
        case.version += 1
        case.save()
        record_event(
            target=case,
            type=CertificateEvent.CASE_WITHDRAWN,
            actor=actor,
            from_status=old,
            to_status=case.stage,
            also_on=[case.unit],
        )
        withdrawn += 1
    return withdrawn


def open_delivered_units(*, actor: Any = None, project_id: int | None = None) -> int:
    """Units delivered before (demo data, imports): every delivered unit with a live contract gets its case and
    clocks. Idempotent; returns how many cases were opened or had their clocks started."""
    units = Unit.objects.filter(delivery_date__isnull=False).order_by("id")
    if project_id is not None:
        units = units.filter(project_id=project_id)
    touched = 0
    for unit in units:
        assert unit.delivery_date is not None
        existing = CertificateCase.objects.filter(unit=unit, delivered_on=unit.delivery_date).exists()
        if not existing and open_for_delivered_unit(actor=actor, unit=unit, delivered_on=unit.delivery_date):
            touched += 1
    return touched


# --- Edits ----------------------------------------------------------------------------------------------------


def _lock(case: CertificateCase, version: int | None) -> CertificateCase:
    locked = CertificateCase.objects.select_for_update().get(pk=case.pk)
    ensure_version(locked, version)
    return locked


@transaction.atomic
def update_case(*, actor: Any, case: CertificateCase, values: dict[str, Any], version: int | None = None) -> CertificateCase:
    """The handler, whether the buyer pre-registered (the 预告登记 clock) and the note."""
    case = _lock(case, version)
    handler = values.get("handler")
    if handler is not None and (
        not handler.has_perm("certificates.change_certificatecase") or not can_see_project(handler, case.project_id)
    ):
        raise _invalid(ErrorCode.NOT_A_HANDLER, "handler", _("This user cannot handle certificate cases of this project."))
    changes = apply_changes(case, values)
    if not changes:
        return case
    if "pre_registered" in changes:
        first = selectors.milestone_of(case.project_id).first_registration_on
        case.pre_registration_lapses_on = rules.pre_registration_lapses(first) if case.pre_registered else None
    refresh_next_clock(case)
    case.version += 1
    case.save()
    record_event(
        target=case, type=CertificateEvent.CASE_UPDATED, actor=actor, changes=changes, also_on=selectors.case_audience(case)
    )
    return case


@transaction.atomic
def set_checklist(
    *, actor: Any, case: CertificateCase, items: Sequence[dict[str, Any]], version: int | None = None
) -> CertificateCase:
    """Mark documents received (or not): who and when are kept; one event lists the changes."""
    case = _lock(case, version)
    rows = {row.pk: row for row in case.checklist.all()}
    unknown = [str(item["id"]) for item in items if item["id"] not in rows]
    if unknown:
        message = _("Not on this case's checklist: %(ids)s") % {"ids": ", ".join(unknown)}
        raise _invalid(ErrorCode.DOCUMENT_NOT_ON_CHECKLIST, "items", message)
    changed = []
    for item in items:
        row = rows[item["id"]]
        if row.received == item["received"]:
            continue
        row.received = item["received"]
        row.received_by, row.received_at = (actor, timezone.now()) if row.received else (None, None)
        row.save(update_fields=["received", "received_by", "received_at"])
        changed.append({"code": row.code, "customer": row.customer.code if row.customer else None, "received": row.received})
    if changed:
        case.version += 1
        case.save(update_fields=["version", "updated_at"])
        record_event(
            target=case,
            type=CertificateEvent.CHECKLIST_UPDATED,
            actor=actor,
            data={"items": changed},
            also_on=selectors.case_audience(case),
        )
    return case


@transaction.atomic
def add_delay(
    *, actor: Any, case: CertificateCase, fault: str, note: str, occurred_on: datetime.date, version: int | None = None
) -> Delay:
    """A reason for delay and whose fault it is, on the case's timeline."""
    case = _lock(case, version)
    delay = Delay.objects.create(case=case, fault=fault, note=note, occurred_on=occurred_on, created_by=actor)
    case.version += 1
    case.save(update_fields=["version", "updated_at"])
    record_event(
        target=case,
        type=CertificateEvent.DELAY_RECORDED,
        actor=actor,
        note=note[:200],
        data={"fault": fault, "occurred_on": occurred_on.isoformat()},
        also_on=selectors.case_audience(case),
    )
    return delay


# --- Steps ----------------------------------------------------------------------------------------------------

# The date field each step records.
STEP_DATES: dict[str, str] = {
    A.SUBMIT_DOCUMENTS: "developer_documents_submitted_on",
    A.RECORD_DEED_TAX: "deed_tax_paid_on",
    A.APPLY_TRANSFER: "transfer_applied_on",
    A.COMPLETE_TRANSFER: "transfer_completed_on",
    A.REGISTER_MORTGAGE: "mortgage_registered_on",
    A.SEND_TO_BANK: "sent_to_bank_on",
    A.HAND_OVER: "handed_over_on",
}


def _check_date(on: datetime.date | None, case: CertificateCase | None = None) -> datetime.date:
    """Today, or a past day no earlier than the contract's signing (a step before it would hide a missed clock)."""
    today = timezone.localdate()
    if on is None:
        return today
    if on > today:
        raise _invalid(ErrorCode.DATE_IN_FUTURE, "on", _("The date cannot be in the future."))
    if case is not None:
        earliest = min(d for d in (case.contract.signed_on, case.delivered_on) if d is not None)
        if on < earliest:
            raise _invalid(
                ErrorCode.DATE_TOO_EARLY, "on", _("The date cannot be before the contract was signed or the home delivered.")
            )
    return on


def step(
    *,
    actor: Any,
    case: CertificateCase,
    action: str,
    on: datetime.date | None = None,
    reason: str = "",
    version: int | None = None,
    extra: Any = None,
) -> CertificateCase:
    """One step of the table: it records its date (and ``extra(current)`` its other effects), then the clocks."""
    day = _check_date(on, case)
    field = STEP_DATES[action]

    def change(current: CertificateCase) -> dict[str, Any]:
        setattr(current, field, day)
        data = dict(extra(current) or {}) if extra is not None else {}
        refresh_next_clock(current)
        return {field: day.isoformat(), **data}

    return WORKFLOW.perform(action, case, actor, version=version, reason=reason, change=change)


def complete_transfer(
    *,
    actor: Any,
    case: CertificateCase,
    certificate_number: str,
    on: datetime.date | None = None,
    reason: str = "",
    version: int | None = None,
) -> CertificateCase:
    """转移登记 completed: the 不动产权证号 is stored encrypted (the event never carries it)."""
    number = certificate_number.strip()
    if not number:
        raise _invalid(ErrorCode.NUMBER_REQUIRED, "certificate_number", _("Enter the certificate number."))

    def extra(current: CertificateCase) -> dict[str, Any]:
        current.certificate_number = pii.encrypt(number)
        return {"certificate_number": mask_number(current.certificate_number)}

    return step(actor=actor, case=case, action=A.COMPLETE_TRANSFER, on=on, reason=reason, version=version, extra=extra)


SIGNATURE_MAX_BYTES = 200 * 1024
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def check_signature(content: bytes | None) -> bytes | None:
    """A signature image: PNG or JPEG, at most 200 KB (``None``: the form gets a blank line to sign by hand)."""
    if not content:
        return None
    if len(content) > SIGNATURE_MAX_BYTES or not content.startswith(_IMAGE_MAGIC):
        message = _("The signature must be a PNG or JPEG image of at most 200 KB.")
        raise _invalid(ErrorCode.SIGNATURE_INVALID, "signature", message)
    return content


def _receipt(
    actor: Any, case: CertificateCase, kind: str, *, recipient_name: str, day: datetime.date, signature: bytes | None
) -> Receipt:
    if kind == ReceiptKind.ORIGINAL:
        items = [_("Property certificate (original)"), _("Purchase contract (original)"), _("Purchase invoice")]
    else:
        items = [_("Property certificate (copy; the original is held by the lending bank)")]
    return Receipt.objects.create(
        case=case,
        kind=kind,
        number=next_number(scope="certificate_receipts", prefix="QS", period=day.strftime("%Y%m"), width=4),
        recipient_name=recipient_name,
        items=items,
        handed_on=day,
        handed_by=actor if actor is not None and actor.is_authenticated else None,
        signature=signature,
    )


def hand_out(
    *,
    actor: Any,
    case: CertificateCase,
    action: str,
    recipient_name: str = "",
    signature: bytes | None = None,
    on: datetime.date | None = None,
    reason: str = "",
    version: int | None = None,
) -> CertificateCase:
    """交付产证 (full payment: the original, the contract original and the invoice) or 原件寄银行 (mortgaged: the owner
    signs for a copy); either way a 房产证签收表 names what the recipient (default: the first owner) received, with
    their signature image when one was taken (otherwise the form has a blank line to sign by hand)."""
    kind = ReceiptKind.ORIGINAL if action == A.HAND_OVER else ReceiptKind.COPY
    image = check_signature(signature)

    def extra(current: CertificateCase) -> dict[str, Any]:
        owners = list(current.owners.all())
        name = recipient_name.strip() or (owners[0].name if owners else "")
        if not name:
            raise _invalid(ErrorCode.RECIPIENT_REQUIRED, "recipient_name", _("Name who receives the certificate."))
        day = getattr(current, STEP_DATES[action])
        receipt = _receipt(actor, current, kind, recipient_name=name, day=day, signature=image)
        return {"receipt": receipt.number}

    return step(actor=actor, case=case, action=action, on=on, reason=reason, version=version, extra=extra)


@transaction.atomic
def reveal_number(*, actor: Any, case: CertificateCase, purpose: str, ip_address: str | None = None) -> str:
    """The certificate number in clear: one access-log row with the purpose, and an event on the case."""
    if not purpose.strip():
        raise _invalid(ErrorCode.PURPOSE_REQUIRED, "purpose", _("Give the purpose."))
    if not case.certificate_number:
        raise _invalid(ErrorCode.NO_NUMBER, "purpose", _("No certificate number is recorded yet."))
    number = pii.decrypt(case.certificate_number)
    log_access(
        actor=actor,
        action=AccessAction.REVEAL,
        model=case,
        object_id=case.pk,
        fields=["certificate_number"],
        purpose=purpose,
        ip_address=ip_address,
    )
    record_event(target=case, type=CertificateEvent.NUMBER_REVEALED, actor=actor, data={"fields": ["certificate_number"]})
    return number
