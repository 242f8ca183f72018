"""Mortgage cases (按揭): opened with the contract, moved through the stages of ``workflow.WORKFLOW``.

- A signed contract whose payment plan includes a loan opens a case (``open_for_contract``): the contract's loan
  amount, its buyers as borrowers, the project's only partner bank (if it has exactly one), the documents deadline
  (signing day + the project's ``mortgage_documents_days``, moved past rest days) and the checklist of the loan type.
- A cancelled contract withdraws its open cases (``withdraw_for_contract``), in the name of whoever cancelled it.
- ``step`` runs one action of the table; the actions with effects of their own are ``request_supplement`` (tells
  the contract's 置业顾问 exactly what is missing), ``disburse`` (posts the loan receipt on the contract's ledger in the
  same transaction), ``switch_bank`` (a new case at another bank follows the rejected one, checklist copied) and
  ``to_full_payment`` (the open loan receivable becomes a cash receivable).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.core import national_calendar
from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import record_event
from anju.core.numbering import next_number
from anju.core.records import apply_changes, ensure_version
from anju.customers.models import Customer
from anju.mortgage import selectors
from anju.mortgage.choices import CHECKLIST_STAGES, CHECKLISTS, LOAN_TYPE_OF_PLAN, WANTED, DocumentCode, DocumentStatus, Stage
from anju.mortgage.errors import ErrorCode
from anju.mortgage.events import MortgageEvent
from anju.mortgage.models import Bank, ChecklistItem, MortgageCase
from anju.mortgage.workflow import WORKFLOW, MortgageAction
from anju.notifications.services import notify
from anju.properties.scope import can_see_project
from anju.sales.models import Contract, ContractBuyer
from anju.sales.selectors import sales_settings
from anju.sales.services import ledger

A = MortgageAction
# Stages before the application reaches a bank: the only ones in which the bank may simply be changed.
_BANK_EDITABLE = frozenset({Stage.COLLECTING, Stage.INCOMPLETE, Stage.READY_FOR_REVIEW})


def _invalid(code: StrEnum, field: str, message: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


def _buyers(contract: Contract) -> list[Customer]:
    return list(Customer.objects.filter(pk__in=ContractBuyer.objects.filter(contract=contract).values("customer_id")))


def documents_due_on(signed_on: datetime.date, days: int) -> datetime.date:
    """The documents deadline: ``days`` days after signing, moved to the first working day after rest days."""
    return national_calendar.last_day_of_period(signed_on + datetime.timedelta(days=days))


def _create_case(
    *,
    actor: Any,
    contract: Contract,
    loan_type: str,
    amount: Decimal,
    borrowers: Iterable[Customer],
    bank: Bank | None,
    documents_due: datetime.date | None,
    officer: Any = None,
    term_years: int | None = None,
    spouse_name: str = "",
    previous: MortgageCase | None = None,
) -> MortgageCase:
    today = timezone.localdate()
    case = MortgageCase.objects.create(
        number=next_number(scope="mortgage", prefix="AJ", period=today.strftime("%Y%m%d"), width=4),
        project_id=contract.project_id,
        contract=contract,
        bank=bank,
        loan_type=loan_type,
        amount=amount,
        officer=officer,
        spouse_name=spouse_name,
        documents_due_on=documents_due,
        previous_case=previous,
        **({"term_years": term_years} if term_years is not None else {}),
    )
    case.borrowers.set(list(borrowers))
    copied = {item.code: item for item in previous.checklist.all()} if previous is not None else {}
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(
                case=case,
                code=code,
                status=copied[code].status if code in copied else DocumentStatus.PENDING,
                note=copied[code].note if code in copied else "",
                updated_by=actor if code in copied and actor is not None and actor.is_authenticated else None,
            )
            for code in CHECKLISTS[loan_type]
        ]
    )
    record_event(
        target=case,
        type=MortgageEvent.CASE_OPENED,
        actor=actor,
        to_status=case.stage,
        data={
            "contract": contract.number,
            "loan_type": loan_type,
            "amount": str(case.amount),
            "bank": bank.name if bank else None,
            "previous_case": previous.number if previous else None,
        },
        also_on=selectors.case_audience(case),
    )
    return case


@transaction.atomic
def open_for_contract(*, actor: Any, contract: Contract) -> MortgageCase | None:
    """Open the contract's case when its payment plan includes a loan (none for full payment or instalments, and no
    second one while a case is open)."""
    loan_type = LOAN_TYPE_OF_PLAN.get(contract.payment_plan)
    if loan_type is None or selectors.open_cases_of_contract(contract.pk).exists():
        return None
    days = sales_settings(contract.project_id).mortgage_documents_days
    return _create_case(
        actor=actor,
        contract=contract,
        loan_type=loan_type,
        amount=contract.loan_amount,
        borrowers=_buyers(contract),
        bank=selectors.sole_partner_bank(contract.project_id),
        documents_due=documents_due_on(contract.signed_on, days),
    )


@transaction.atomic
def withdraw_for_contract(*, actor: Any, contract: Contract) -> list[MortgageCase]:
    """退房/解约: every open case of the contract is withdrawn, in the name of whoever cancelled the contract (a
    consequence of their action, so their own permissions are not asked again)."""
    reason = contract.cancel_reason or _("Contract cancelled")
    return [
        WORKFLOW.perform(A.WITHDRAW, case, actor, reason=reason, check_permission=False)
        for case in selectors.open_cases_of_contract(contract.pk)
    ]


@transaction.atomic
def sync_borrowers(*, actor: Any, contract: Contract) -> None:
    """A change of buyers (更名/增减共有人) changes who borrows on the contract's open cases."""
    buyers = _buyers(contract)
    for case in selectors.open_cases_of_contract(contract.pk):
        before = sorted(c.code for c in case.borrowers.all())  # codes, not names: a history survives an erasure
        case.borrowers.set(buyers)
        after = sorted(c.code for c in buyers)
        if before != after:
            MortgageCase.objects.filter(pk=case.pk).update(version=models.F("version") + 1)
            record_event(
                target=case,
                type=MortgageEvent.CASE_UPDATED,
                actor=actor,
                changes={"borrowers": [before, after]},
                also_on=selectors.case_audience(case),
            )


# --- Edits ----------------------------------------------------------------------------------------------------


def _check_officer(case: MortgageCase, officer: Any) -> None:
    if officer is None:
        return
    if not officer.has_perm("mortgage.change_mortgagecase") or not can_see_project(officer, case.project_id):
        raise _invalid(ErrorCode.NOT_AN_OFFICER, "officer", _("This user cannot handle mortgage cases of this project."))


@transaction.atomic
def update_case(*, actor: Any, case: MortgageCase, values: dict[str, Any], version: int | None = None) -> MortgageCase:
    """The case's officer, bank (until it is submitted), loan term, spouse and note."""
    case = MortgageCase.objects.select_for_update().get(pk=case.pk)
    ensure_version(case, version)
    if "officer" in values:
        _check_officer(case, values["officer"])
    if "bank" in values and values["bank"] != case.bank and case.stage not in _BANK_EDITABLE:
        message = _("The bank can be changed only before the case is submitted; after a rejection, reapply at another bank.")
        raise ApplicationError(ErrorCode.BANK_LOCKED, message, fields={"bank": [message]}, status_code=409)
    changes = apply_changes(case, values)
    if not changes:
        return case
    case.version += 1
    case.save()
    record_event(
        target=case, type=MortgageEvent.CASE_UPDATED, actor=actor, changes=changes, also_on=selectors.case_audience(case)
    )
    return case


@transaction.atomic
def set_checklist(*, actor: Any, case: MortgageCase, items: Sequence[dict[str, Any]], version: int | None = None) -> MortgageCase:
    """Mark documents of the checklist received, missing or rejected (with a note); one event lists them."""
    case = MortgageCase.objects.select_for_update().get(pk=case.pk)
    ensure_version(case, version)
    if case.stage not in CHECKLIST_STAGES:
        raise ConflictError(
            ErrorCode.CHECKLIST_LOCKED,
            _("The checklist can no longer change: the bank has decided on this case."),
        )
    rows = {item.code: item for item in case.checklist.all()}
    codes = [item["code"] for item in items]
    unknown = [code for code in codes if code not in rows]
    if unknown:
        message = _("Not on this case's checklist: %(codes)s") % {"codes": ", ".join(unknown)}
        raise _invalid(ErrorCode.DOCUMENT_NOT_ON_CHECKLIST, "items", message)
    if len(set(codes)) != len(codes):
        raise _invalid(ErrorCode.DOCUMENT_REPEATED, "items", _("Name each document once."))
    changed = []
    for item in items:
        row = rows[item["code"]]
        note = item.get("note", "")
        if (row.status, row.note) == (item["status"], note):
            continue
        changed.append({"code": row.code, "from": row.status, "to": item["status"], "note": note})
        row.status, row.note, row.updated_by = item["status"], note, actor
        row.save(update_fields=["status", "note", "updated_by", "updated_at"])
    if not changed:
        return case
    case.version += 1
    case.save(update_fields=["version", "updated_at"])
    record_event(
        target=case,
        type=MortgageEvent.CHECKLIST_UPDATED,
        actor=actor,
        data={"items": changed},
        also_on=selectors.case_audience(case),
    )
    return case


# --- Steps ----------------------------------------------------------------------------------------------------


def _label(code: str) -> str:
    return str(DocumentCode(code).label)


def _request_supplement(actor: Any, current: MortgageCase, text: str) -> dict[str, Any]:
    wanted = list(current.checklist.filter(status__in=WANTED).order_by("id"))
    items = [{"code": i.code, "label": _label(i.code), "status": i.status, "note": i.note} for i in wanted]
    contract = current.contract
    lines = [f"{item['label']}{'：' + item['note'] if item['note'] else ''}" for item in items]
    notify(
        [contract.consultant],
        kind="mortgage.supplement_requested",
        title=_("Mortgage %(number)s (%(contract)s): documents to supplement")
        % {"number": current.number, "contract": contract.number},
        body="\n".join([*lines, text] if text else lines),
        link=f"/mortgage-cases/{current.pk}",
        dedupe_key=f"mortgage_case:{current.pk}:supplement:{current.version}",
    )
    return {"items": items}


def step(*, actor: Any, case: MortgageCase, action: str, reason: str = "", version: int | None = None) -> MortgageCase:
    """One action of the table that takes nothing but a reason (the table's guards decide)."""

    def change(current: MortgageCase) -> dict[str, Any]:
        if action == A.REQUEST_SUPPLEMENT:
            return _request_supplement(actor, current, reason)
        return {}

    return WORKFLOW.perform(action, case, actor, version=version, reason=reason, change=change)


def disburse(
    *,
    actor: Any,
    case: MortgageCase,
    amount: Decimal | None,
    disbursed_on: datetime.date | None,
    note: str = "",
    version: int | None = None,
) -> MortgageCase:
    """放款: the bank paid the loan to the developer; the receipt goes on the contract's ledger (same transaction)."""
    if amount is None or amount <= 0:
        raise _invalid(ErrorCode.AMOUNT_NOT_POSITIVE, "amount", _("Enter the amount disbursed (more than 0)."))
    if disbursed_on is None:
        raise _invalid(ErrorCode.DATE_REQUIRED, "disbursed_on", _("Enter the day the loan was disbursed."))
    if disbursed_on > timezone.localdate():
        raise _invalid(ErrorCode.DATE_IN_FUTURE, "disbursed_on", _("The disbursement date cannot be in the future."))

    with transaction.atomic():
        # the contract first, then the case: the order cancel_contract takes them in (no deadlock)
        Contract.objects.select_for_update().get(pk=case.contract_id)
        return _disburse(actor=actor, case=case, amount=amount, disbursed_on=disbursed_on, note=note, version=version)


def _disburse(
    *, actor: Any, case: MortgageCase, amount: Decimal, disbursed_on: datetime.date, note: str, version: int | None
) -> MortgageCase:
    def change(current: MortgageCase) -> dict[str, Any]:
        if amount > current.amount:
            message = _("The disbursement cannot exceed the loan amount (%(amount)s).") % {"amount": current.amount}
            raise _invalid(ErrorCode.AMOUNT_EXCEEDS_LOAN, "amount", message)
        entry = ledger.post_loan_disbursement(
            actor=actor,
            contract=current.contract,
            amount=amount,
            occurred_on=disbursed_on,
            note=(note or _("Loan disbursed, case %(number)s") % {"number": current.number})[:200],
        )
        current.disbursed_amount, current.disbursed_on = entry.amount, disbursed_on
        return {"amount": str(entry.amount), "disbursed_on": disbursed_on.isoformat()}

    return WORKFLOW.perform(A.DISBURSE, case, actor, version=version, reason=note, change=change)


def close(
    *, actor: Any, case: MortgageCase, guarantee_released_on: datetime.date | None = None, version: int | None = None
) -> MortgageCase:
    """结案: the mortgage is fully registered and the developer's interim guarantee (阶段性担保) released."""
    released = guarantee_released_on or timezone.localdate()
    if released > timezone.localdate():
        raise _invalid(ErrorCode.DATE_IN_FUTURE, "guarantee_released_on", _("The date cannot be in the future."))

    def change(current: MortgageCase) -> dict[str, Any]:
        current.guarantee_released_on = released
        return {"guarantee_released_on": released.isoformat()}

    return WORKFLOW.perform(A.CLOSE, case, actor, version=version, change=change)


def switch_bank(*, actor: Any, case: MortgageCase, bank: Bank, reason: str = "", version: int | None = None) -> MortgageCase:
    """换行重新申请: the rejected case ends and a new one at ``bank`` follows it (same borrowers, amount, officer and
    checklist; a new documents deadline). Returns the rejected case, which names its successor."""
    with transaction.atomic():

        def change(current: MortgageCase) -> dict[str, Any]:
            if bank.pk == current.bank_id:
                raise _invalid(ErrorCode.SAME_BANK, "bank", _("Choose another bank than the one that refused."))
            if not bank.is_active:
                raise _invalid(ErrorCode.BANK_INACTIVE, "bank", _("This bank is no longer in use."))
            return {"bank": bank.name}

        old = WORKFLOW.perform(A.SWITCH_BANK, case, actor, version=version, reason=reason, change=change)
        days = sales_settings(old.project_id).mortgage_documents_days
        _create_case(
            actor=actor,
            contract=old.contract,
            loan_type=old.loan_type,
            amount=old.amount,
            borrowers=old.borrowers.all(),
            bank=bank,
            documents_due=documents_due_on(timezone.localdate(), days),
            officer=old.officer,
            term_years=old.term_years,
            spouse_name=old.spouse_name,
            previous=old,
        )
        return old


def to_full_payment(
    *, actor: Any, case: MortgageCase, reason: str, due_on: datetime.date | None = None, version: int | None = None
) -> MortgageCase:
    """转一次性付款: what the loan would still have paid becomes a cash receivable of the buyer."""

    def change(current: MortgageCase) -> dict[str, Any]:
        ledger.replace_loan_with_cash(actor=actor, contract=current.contract, reason=reason, due_on=due_on)
        return {"due_on": due_on.isoformat() if due_on else None}

    return WORKFLOW.perform(A.TO_FULL_PAYMENT, case, actor, version=version, reason=reason, change=change)
