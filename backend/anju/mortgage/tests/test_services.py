"""Mortgage cases: opened by a signed loan contract, the stage table with its guards, the disbursement on the ledger,
the side exits (another bank, full payment, a cancelled contract) and the daily warnings."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from anju.core.errors import ApplicationError, ConflictError
from anju.core.events import list_timeline
from anju.mortgage.choices import CHECKLISTS, DocumentStatus, LoanType, Stage
from anju.mortgage.models import MortgageCase
from anju.mortgage.services import cases
from anju.mortgage.services.sweep import sweep
from anju.mortgage.tests import factories
from anju.mortgage.workflow import WORKFLOW
from anju.notifications.models import Notification
from anju.sales.choices import ReceivableKind
from anju.sales.models import Contract, LedgerEntry, Receivable, SalesSettings
from anju.sales.services.ledger import balance_of
from anju.sales.signals import contract_cancelled, contract_changed

pytestmark = pytest.mark.django_db

EXPECTED = {
    "collecting": ["request_supplement", "complete_documents", "withdraw"],
    "incomplete": ["complete_documents", "withdraw"],
    "ready_for_review": ["request_supplement", "submit", "withdraw"],
    "submitted": ["request_supplement", "interview", "withdraw"],
    "interviewed": ["start_approval", "withdraw"],
    "under_approval": ["approve", "reject", "withdraw"],
    "approved": ["sign_loan_contract", "withdraw"],
    "rejected": ["switch_bank", "to_full_payment", "withdraw"],
    "loan_contract_signed": ["start_registration", "withdraw"],
    "registering": ["complete_registration", "withdraw"],
    "registered": ["disburse", "withdraw"],
    "disbursed": ["close", "withdraw"],
    "closed": [],
    "switched_bank": [],
    "to_full_payment": [],
    "withdrawn": [],
}


@pytest.mark.parametrize("stage", list(Stage.values))
def test_the_stage_table(stage: str) -> None:
    assert [a for a in WORKFLOW.transitions if WORKFLOW.can_move(MortgageCase(stage=stage), a)] == EXPECTED[stage]


@pytest.fixture
def officer(world: Any) -> Any:
    return world.user("officer_a", role="mortgage_officer")


def _step(case: MortgageCase, actor: Any, action: str, **kwargs: Any) -> MortgageCase:
    case.refresh_from_db()
    return cases.step(actor=actor, case=case, action=action, version=case.version, **kwargs)


def _receive_all(case: MortgageCase, actor: Any) -> MortgageCase:
    case.refresh_from_db()
    items = [{"code": code, "status": "received"} for code in case.checklist.values_list("code", flat=True)]
    return cases.set_checklist(actor=actor, case=case, items=items, version=case.version)


# --- Opening -------------------------------------------------------------------------------------------------------


def test_given_a_commercial_loan_contract_when_signed_then_a_case_opens_with_its_buyers_bank_deadline_and_checklist(
    world: Any,
) -> None:
    icbc = factories.bank(projects=[world.project_a])
    contract = factories.sign(world, plan="commercial_loan", loan=Decimal("650000.00"))

    case = MortgageCase.objects.get(contract=contract)
    assert re.fullmatch(rf"AJ{timezone.localdate():%Y%m%d}-\d{{4}}", case.number)
    assert (case.loan_type, case.amount, case.bank, case.officer, case.stage) == (
        LoanType.COMMERCIAL,
        Decimal("650000.00"),
        icbc,
        None,
        Stage.COLLECTING,
    )
    assert list(case.borrowers.all()) == [world.customer_a]
    assert case.documents_due_on == datetime.date(2026, 3, 9)  # signed Monday 03-02, 7 days
    assert list(case.checklist.values_list("code", flat=True)) == list(CHECKLISTS[LoanType.COMMERCIAL])
    assert set(case.checklist.values_list("status", flat=True)) == {DocumentStatus.PENDING}
    opened = [e.type for e in list_timeline(obj=contract, actor=world.admin)]
    assert "mortgage_case.opened" in opened
    assert "mortgage_case.opened" in [e.type for e in list_timeline(obj=world.customer_a, actor=world.admin)]


@pytest.mark.parametrize(
    ("plan", "loan_type", "documents"),
    [("provident_fund_loan", "provident_fund", 11), ("combined_loan", "combined", 11), ("commercial_loan", "commercial", 9)],
)
def test_given_each_loan_plan_when_signed_then_the_case_has_the_checklist_of_its_loan_type(
    world: Any, plan: str, loan_type: str, documents: int
) -> None:
    case = MortgageCase.objects.get(contract=factories.sign(world, plan=plan))
    codes = list(case.checklist.values_list("code", flat=True))
    assert (case.loan_type, len(codes)) == (loan_type, documents)
    assert ("fund_deposit_proof" in codes) == (loan_type != "commercial")


@pytest.mark.parametrize("plan", ["full", "installments"])
def test_given_a_contract_without_a_loan_when_signed_then_no_case_opens(world: Any, plan: str) -> None:
    factories.sign(world, plan=plan)
    assert not MortgageCase.objects.exists()


def test_given_a_deadline_on_a_weekend_then_it_moves_to_the_next_working_day(world: Any) -> None:
    SalesSettings.objects.create(project=world.project_a, mortgage_documents_days=5)
    case = MortgageCase.objects.get(contract=factories.sign(world))
    assert case.documents_due_on == datetime.date(2026, 3, 9)  # 03-07 is a Saturday


def test_given_two_partner_banks_then_nobody_chose_a_bank_yet_and_a_second_signal_opens_no_second_case(world: Any) -> None:
    factories.bank("ICBC", "工商银行", [world.project_a])
    factories.bank("CCB", "建设银行", [world.project_a])
    contract = factories.sign(world)
    assert MortgageCase.objects.get(contract=contract).bank is None
    assert cases.open_for_contract(actor=world.admin, contract=contract) is None
    assert MortgageCase.objects.filter(contract=contract).count() == 1


# --- The stages ----------------------------------------------------------------------------------------------------


def test_the_happy_path_to_closed_posts_the_loan_on_the_ledger(world: Any, officer: Any) -> None:
    case = factories.case(world)
    contract = case.contract
    balance = balance_of(contract)
    assert balance == Decimal("1000000.00")

    case = _receive_all(case, officer)
    case = _step(case, officer, "complete_documents")
    assert (case.stage, case.documents_complete_on) == (Stage.READY_FOR_REVIEW, timezone.localdate())
    for action in ("submit", "interview", "start_approval", "approve", "sign_loan_contract", "start_registration"):
        case = _step(case, officer, action)
    case = _step(case, officer, "complete_registration")
    assert case.stage == Stage.REGISTERED
    assert case.interviewed_on == case.approved_on == timezone.localdate()
    before = case.stage_since

    case.refresh_from_db()
    day = timezone.localdate()
    case = cases.disburse(actor=officer, case=case, amount=Decimal("700000.00"), disbursed_on=day, version=case.version)
    assert (case.stage, case.disbursed_amount, case.disbursed_on) == (Stage.DISBURSED, Decimal("700000.00"), day)
    assert case.stage_since >= before
    assert balance_of(Contract.objects.get(pk=contract.pk)) == balance - Decimal("700000.00")
    entry = LedgerEntry.objects.get(contract=contract)
    assert (entry.method, entry.amount, entry.allocations.get().receivable.kind) == ("loan", Decimal("700000.00"), "loan")

    case = cases.close(actor=officer, case=case, version=case.version)
    assert (case.stage, case.guarantee_released_on) == (Stage.CLOSED, day)
    types = [e.type for e in list_timeline(obj=contract, actor=world.admin)]
    assert {"mortgage_case.disbursed", "mortgage_case.approved", "checklist_item.updated"} <= set(types)


def test_given_a_document_not_received_when_declaring_them_complete_then_it_is_refused(world: Any, officer: Any) -> None:
    case = factories.case(world)
    with pytest.raises(ConflictError) as refused:
        _step(case, officer, "complete_documents")
    assert refused.value.code == "mortgage.documents_incomplete"
    assert MortgageCase.objects.get(pk=case.pk).stage == Stage.COLLECTING


def test_given_missing_documents_when_a_supplement_is_requested_then_exactly_those_are_listed_and_the_consultant_is_told(
    world: Any, officer: Any
) -> None:
    case = factories.case(world, received=True)
    with pytest.raises(ConflictError) as refused:
        _step(case, officer, "request_supplement")
    assert refused.value.code == "mortgage.nothing_to_supplement"

    case = cases.set_checklist(
        actor=officer,
        case=case,
        items=[
            {"code": "income_proof", "status": "missing", "note": ""},
            {"code": "bank_statement", "status": "rejected", "note": "流水不足六个月"},
        ],
        version=case.version,
    )
    case = _step(case, officer, "request_supplement", reason="请本周内补齐")
    assert case.stage == Stage.INCOMPLETE
    event = list_timeline(obj=case, actor=world.admin).filter(type="mortgage_case.supplement_requested").get()
    assert [(i["code"], i["status"], i["note"]) for i in event.data["items"]] == [
        ("income_proof", "missing", ""),
        ("bank_statement", "rejected", "流水不足六个月"),
    ]
    notice = Notification.objects.get(kind="mortgage.supplement_requested")
    assert notice.recipient == case.contract.consultant
    assert "流水不足六个月" in notice.body and "请本周内补齐" in notice.body


def test_given_a_rejection_when_switching_bank_then_a_linked_case_at_the_new_bank_keeps_the_checklist(
    world: Any, officer: Any
) -> None:
    case = factories.case(world, stage="under_approval", received=True)
    case.checklist.filter(code="marriage_proof").update(note="离婚证+离婚协议")
    case = _step(case, officer, "reject", reason="负债率过高")
    assert (case.stage, case.rejected_on) == (Stage.REJECTED, timezone.localdate())
    boc = factories.bank("BOC", "中国银行")

    with pytest.raises(ApplicationError) as same:
        cases.switch_bank(actor=officer, case=case, bank=case.bank, version=case.version)
    assert same.value.fields == {"bank": [same.value.message]}

    old = cases.switch_bank(actor=officer, case=case, bank=boc, reason="改投中国银行", version=case.version)
    assert old.stage == Stage.SWITCHED_BANK
    new = MortgageCase.objects.get(previous_case=old)
    assert (new.bank, new.stage, new.amount, new.loan_type) == (boc, Stage.COLLECTING, old.amount, old.loan_type)
    assert new.number != old.number and list(new.borrowers.all()) == [world.customer_a]
    assert set(new.checklist.values_list("status", flat=True)) == {DocumentStatus.RECEIVED}
    assert new.checklist.get(code="marriage_proof").note == "离婚证+离婚协议"
    assert {"mortgage_case.rejected", "mortgage_case.bank_switched"} <= {
        e.type for e in list_timeline(obj=old, actor=world.admin)
    }


def test_given_a_rejection_when_changing_to_full_payment_then_the_loan_becomes_a_cash_receivable(
    world: Any, officer: Any
) -> None:
    case = factories.case(world, stage="rejected")
    with pytest.raises(ApplicationError) as no_reason:
        cases.to_full_payment(actor=officer, case=case, reason=" ", version=case.version)
    assert no_reason.value.code == "mortgage.reason_required"

    case = cases.to_full_payment(
        actor=officer, case=case, reason="客户筹到全款", due_on=datetime.date(2026, 6, 30), version=case.version
    )
    assert case.stage == Stage.TO_FULL_PAYMENT
    contract = Contract.objects.get(pk=case.contract_id)
    assert (contract.payment_plan, contract.loan_amount) == ("full", Decimal("0.00"))
    cash = Receivable.objects.get(contract=contract, kind=ReceivableKind.DOWN_PAYMENT, due_on=datetime.date(2026, 6, 30))
    assert cash.amount == Decimal("700000.00")
    assert balance_of(contract) == Decimal("1000000.00")


def test_given_a_cancelled_contract_then_its_open_cases_are_withdrawn_in_the_name_of_whoever_cancelled(world: Any) -> None:
    case = factories.case(world, stage="under_approval")
    finished = factories.case(world, stage="closed")
    canceller = world.user("cancelling_supervisor", role="service_supervisor")  # may not change a case themselves
    Contract.objects.filter(pk__in=[case.contract_id, finished.contract_id]).update(status="cancelled")
    for row in (case, finished):
        contract_cancelled.send(sender=Contract, contract=Contract.objects.get(pk=row.contract_id), actor=canceller)

    case.refresh_from_db()
    assert case.stage == Stage.WITHDRAWN
    assert MortgageCase.objects.get(pk=finished.pk).stage == Stage.CLOSED
    event = list_timeline(obj=case, actor=world.admin).get(type="mortgage_case.withdrawn")
    assert (event.actor, event.from_status, event.to_status) == (canceller, "under_approval", "withdrawn")


def test_given_a_live_contract_then_a_case_cannot_be_withdrawn(world: Any, officer: Any) -> None:
    case = factories.case(world)
    with pytest.raises(ConflictError) as refused:
        _step(case, officer, "withdraw")
    assert refused.value.code == "mortgage.contract_not_cancelled"


def test_given_a_change_of_buyers_then_the_open_case_borrows_for_the_new_buyers(world: Any) -> None:
    case = factories.case(world)
    from anju.sales.models import ContractBuyer

    ContractBuyer.objects.filter(contract_id=case.contract_id).update(customer=world.customer_b)
    contract_changed.send(sender=Contract, contract=case.contract, actor=world.admin, kind="buyers")
    assert list(MortgageCase.objects.get(pk=case.pk).borrowers.all()) == [world.customer_b]


def test_given_a_disbursement_above_the_loan_then_nothing_is_written(world: Any, officer: Any) -> None:
    case = factories.case(world, stage="registered")
    with pytest.raises(ApplicationError) as too_much:
        cases.disburse(
            actor=officer, case=case, amount=Decimal("700000.01"), disbursed_on=timezone.localdate(), version=case.version
        )
    assert too_much.value.fields == {"amount": [too_much.value.message]}
    with pytest.raises(ApplicationError):
        cases.disburse(actor=officer, case=case, amount=Decimal("0"), disbursed_on=timezone.localdate(), version=case.version)
    assert not LedgerEntry.objects.exists()
    assert MortgageCase.objects.get(pk=case.pk).stage == Stage.REGISTERED


# --- Edits ---------------------------------------------------------------------------------------------------------


def test_the_checklist_takes_only_the_documents_of_the_case_and_stops_once_the_bank_decided(world: Any, officer: Any) -> None:
    case = factories.case(world)
    with pytest.raises(ApplicationError) as foreign:
        cases.set_checklist(
            actor=officer, case=case, items=[{"code": "fund_application", "status": "received"}], version=case.version
        )
    assert foreign.value.code == "mortgage.document_not_on_checklist"
    MortgageCase.objects.filter(pk=case.pk).update(stage="approved")
    case.refresh_from_db()
    with pytest.raises(ConflictError):
        cases.set_checklist(actor=officer, case=case, items=[{"code": "id_card", "status": "received"}], version=case.version)


def test_the_officer_must_handle_cases_of_the_project_and_the_bank_is_fixed_once_submitted(world: Any, officer: Any) -> None:
    case = factories.case(world)
    agent = world.user("agent_a", role="service_agent")
    outsider = world.user("officer_b", role="mortgage_officer", projects=[world.project_b])
    for user in (agent, outsider):
        with pytest.raises(ApplicationError) as refused:
            cases.update_case(actor=world.admin, case=case, values={"officer": user}, version=case.version)
        assert refused.value.code == "mortgage.not_an_officer"
    case = cases.update_case(actor=world.admin, case=case, values={"officer": officer}, version=case.version)
    assert case.officer == officer
    with pytest.raises(ConflictError):
        cases.update_case(actor=world.admin, case=case, values={"note": "x"}, version=case.version - 1)
    MortgageCase.objects.filter(pk=case.pk).update(stage="submitted")
    case.refresh_from_db()
    with pytest.raises(ApplicationError) as locked:
        cases.update_case(actor=officer, case=case, values={"bank": factories.bank("BOC", "中国银行")}, version=case.version)
    assert (locked.value.code, locked.value.status_code) == ("mortgage.bank_locked", 409)


# --- The daily warnings --------------------------------------------------------------------------------------------


def test_given_documents_past_their_deadline_then_the_officer_and_consultant_are_warned_once_a_day(
    world: Any, officer: Any
) -> None:
    case = factories.case(world)  # documents due 2026-03-09
    MortgageCase.objects.filter(pk=case.pk).update(officer=officer)
    assert sweep(today=datetime.date(2026, 3, 9)) == 0
    assert sweep(today=datetime.date(2026, 3, 10)) == 1
    assert sweep(today=datetime.date(2026, 3, 10)) == 0  # idempotent the same day
    notices = Notification.objects.filter(kind="mortgage.documents_overdue")
    assert {n.recipient for n in notices} == {officer, case.contract.consultant}
    assert sweep(today=datetime.date(2026, 3, 11)) == 1
    assert Notification.objects.filter(kind="mortgage.documents_overdue").count() == 4


def test_given_a_long_approval_then_the_project_officers_are_warned_while_the_case_has_none(world: Any) -> None:
    officer = world.user("officer_on_duty", role="mortgage_officer")
    case = factories.case(world, stage="under_approval")
    entered = timezone.localdate(case.stage_since)
    assert sweep(today=entered + datetime.timedelta(days=20)) == 0
    assert sweep(today=entered + datetime.timedelta(days=21)) == 1
    assert {n.recipient for n in Notification.objects.filter(kind="mortgage.approval_slow")} == {
        officer,
        case.contract.consultant,
    }
