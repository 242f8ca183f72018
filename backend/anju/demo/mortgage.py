"""Demo mortgage cases in every stage: partner banks for both projects, then each case opened by a demo contract is
moved along the mortgage table by the same services the screens use (so every step is on the timelines). Cases of
delivered homes are finished (disbursed or closed); recent ones are spread over the other stages."""

from __future__ import annotations

import datetime

from django.utils import timezone

from anju.accounts.models import User
from anju.mortgage.choices import OPEN_STAGES, DocumentStatus, Stage
from anju.mortgage.models import Bank, MortgageCase
from anju.mortgage.services import banks, cases
from anju.properties.models import Project

BANKS = [("ICBC", "中国工商银行"), ("CCB", "中国建设银行"), ("CMB", "招商银行"), ("SHGJJ", "上海市公积金管理中心")]
# The happy path, action by action, and where each demo case stops.
PATH = [
    "complete_documents",
    "submit",
    "interview",
    "start_approval",
    "approve",
    "sign_loan_contract",
    "start_registration",
    "complete_registration",
    "disburse",
    "close",
]
STOPS = [stage for stage in Stage if stage in OPEN_STAGES]  # every open stage, in the table's order
REACHED_BY: dict[str, str] = {
    Stage.READY_FOR_REVIEW: "complete_documents",
    Stage.SUBMITTED: "submit",
    Stage.INTERVIEWED: "interview",
    Stage.UNDER_APPROVAL: "start_approval",
    Stage.APPROVED: "approve",
    Stage.LOAN_CONTRACT_SIGNED: "sign_loan_contract",
    Stage.REGISTERING: "start_registration",
    Stage.REGISTERED: "complete_registration",
    Stage.DISBURSED: "disburse",
    Stage.CLOSED: "close",
}


def _banks(admin: User, projects: dict[str, Project]) -> list[Bank]:
    made = []
    for code, name in BANKS:
        bank = Bank.objects.filter(code=code).first() or banks.create_bank(
            actor=admin, code=code, name=name, projects=list(projects.values())
        )
        made.append(bank)
    return made


def _advance(officer: User, case: MortgageCase, target: str) -> None:
    if target == Stage.COLLECTING:
        return
    items = [{"code": item.code, "status": DocumentStatus.RECEIVED, "note": ""} for item in case.checklist.all()]
    if target == Stage.INCOMPLETE:
        items[-1] = {"code": items[-1]["code"], "status": DocumentStatus.MISSING, "note": "客户尚未提供"}
        case = cases.set_checklist(actor=officer, case=case, items=items)
        cases.step(actor=officer, case=case, action="request_supplement", reason="请补充缺失资料")
        return
    case = cases.set_checklist(actor=officer, case=case, items=items)
    final = "reject" if target == Stage.REJECTED else REACHED_BY[target]
    for action in PATH:
        if action == "approve" and target == Stage.REJECTED:
            action = "reject"  # noqa: PLW2901 - the rejected demo case leaves the path here
        if action == "submit":
            # the documents were complete soon after signing (the demo replays the steps today)
            complete = min(case.contract.signed_on + datetime.timedelta(days=10), timezone.localdate())
            MortgageCase.objects.filter(pk=case.pk).update(documents_complete_on=complete)
        if action == "disburse":
            on = min(case.contract.signed_on + datetime.timedelta(days=45), timezone.localdate())
            case = cases.disburse(actor=officer, case=case, amount=case.amount, disbursed_on=on)
        elif action == "close":
            case = cases.close(actor=officer, case=case)
        else:
            case = cases.step(
                actor=officer, case=case, action=action, reason="银行拒贷：收入证明不足" if action == "reject" else ""
            )
        if action == final:
            return


def seed_mortgage(users: dict[str, User], projects: dict[str, Project]) -> None:
    officer = users["mortgage"]
    bank_list = _banks(users["admin"], projects)
    open_cases = MortgageCase.objects.filter(stage=Stage.COLLECTING).select_related("contract__unit").order_by("id")
    for index, opened in enumerate(open_cases):
        bank = bank_list[3] if opened.loan_type == "provident_fund" else bank_list[index % 3]
        case = cases.update_case(actor=officer, case=opened, values={"bank": bank, "officer": officer})
        delivered = case.contract.unit.delivery_date is not None
        target = (Stage.CLOSED if index % 2 else Stage.DISBURSED) if delivered else STOPS[index % len(STOPS)]
        _advance(officer, case, target)
