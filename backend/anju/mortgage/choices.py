"""Mortgage (按揭) vocabularies: loan types, the stages of a case (domain rules §4.4), the documents of the checklist
(§4.3) and their states."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.sales.choices import PaymentPlan


class LoanType(models.TextChoices):
    COMMERCIAL = "commercial", _("Commercial loan")
    PROVIDENT_FUND = "provident_fund", _("Provident fund loan")
    COMBINED = "combined", _("Combined loan")


# The contract's payment plan → the loan a case applies for (a plan not listed here opens no case).
LOAN_TYPE_OF_PLAN: dict[str, str] = {
    PaymentPlan.COMMERCIAL_LOAN: LoanType.COMMERCIAL,
    PaymentPlan.PROVIDENT_FUND_LOAN: LoanType.PROVIDENT_FUND,
    PaymentPlan.COMBINED_LOAN: LoanType.COMBINED,
}


class Stage(models.TextChoices):
    COLLECTING = "collecting", _("Collecting documents")
    INCOMPLETE = "incomplete", _("Documents incomplete, supplementing")
    READY_FOR_REVIEW = "ready_for_review", _("Documents complete, awaiting first review")
    SUBMITTED = "submitted", _("Submitted to the bank")
    INTERVIEWED = "interviewed", _("Signed in person at the bank")
    UNDER_APPROVAL = "under_approval", _("Under bank approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    LOAN_CONTRACT_SIGNED = "loan_contract_signed", _("Loan contract signed")
    REGISTERING = "registering", _("Mortgage registration in progress")
    REGISTERED = "registered", _("Registration complete")
    DISBURSED = "disbursed", _("Loan disbursed")
    CLOSED = "closed", _("Closed")
    # Side exits after a rejection (or a cancelled contract).
    SWITCHED_BANK = "switched_bank", _("Reapplied at another bank")
    TO_FULL_PAYMENT = "to_full_payment", _("Changed to full payment")
    WITHDRAWN = "withdrawn", _("Contract cancelled")


OPEN_STAGES = frozenset(
    {
        Stage.COLLECTING,
        Stage.INCOMPLETE,
        Stage.READY_FOR_REVIEW,
        Stage.SUBMITTED,
        Stage.INTERVIEWED,
        Stage.UNDER_APPROVAL,
        Stage.APPROVED,
        Stage.REJECTED,
        Stage.LOAN_CONTRACT_SIGNED,
        Stage.REGISTERING,
        Stage.REGISTERED,
        Stage.DISBURSED,
    }
)
# Stages in which documents are still being gathered (the documents deadline applies).
COLLECTING_STAGES = frozenset({Stage.COLLECTING, Stage.INCOMPLETE})
# Stages in which the checklist may still change: until the bank has decided.
CHECKLIST_STAGES = frozenset(
    {
        Stage.COLLECTING,
        Stage.INCOMPLETE,
        Stage.READY_FOR_REVIEW,
        Stage.SUBMITTED,
        Stage.INTERVIEWED,
        Stage.UNDER_APPROVAL,
    }
)


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("Not yet received")
    RECEIVED = "received", _("Received")
    MISSING = "missing", _("Missing")
    REJECTED = "rejected", _("Rejected")


# What a supplement request asks for.
WANTED = frozenset({DocumentStatus.MISSING, DocumentStatus.REJECTED})


class DocumentCode(models.TextChoices):
    """One document of the checklist (domain rules §4.3)."""

    ID_CARD = "id_card", _("ID card")  # 身份证 (borrower, co-borrower, spouse)
    HOUSEHOLD_REGISTER = "household_register", _("Household register")  # 户口簿
    MARRIAGE_PROOF = "marriage_proof", _("Proof of marital status")  # 婚姻证明
    INCOME_PROOF = "income_proof", _("Proof of income")  # 收入证明
    BANK_STATEMENT = "bank_statement", _("Bank statements")  # 银行流水
    CREDIT_AUTHORISATION = "credit_authorisation", _("Credit report authorisation")  # 征信授权
    PURCHASE_CONTRACT = "purchase_contract", _("Purchase contract")  # 购房合同
    DOWN_PAYMENT_INVOICE = "down_payment_invoice", _("Down payment invoice")  # 首付款发票
    REPAYMENT_ACCOUNT = "repayment_account", _("Repayment account")  # 还款账户
    FUND_DEPOSIT_PROOF = "fund_deposit_proof", _("Provident fund deposit proof")  # 公积金缴存证明
    FUND_APPLICATION = "fund_application", _("Provident fund loan application form")  # 公积金贷款申请表


_COMMON = (
    DocumentCode.ID_CARD,
    DocumentCode.HOUSEHOLD_REGISTER,
    DocumentCode.MARRIAGE_PROOF,
    DocumentCode.INCOME_PROOF,
    DocumentCode.BANK_STATEMENT,
    DocumentCode.CREDIT_AUTHORISATION,
    DocumentCode.PURCHASE_CONTRACT,
    DocumentCode.DOWN_PAYMENT_INVOICE,
    DocumentCode.REPAYMENT_ACCOUNT,
)
_FUND = (DocumentCode.FUND_DEPOSIT_PROOF, DocumentCode.FUND_APPLICATION)

# The checklist of each loan type, in the order it is shown.
CHECKLISTS: dict[str, tuple[DocumentCode, ...]] = {
    LoanType.COMMERCIAL: _COMMON,
    LoanType.PROVIDENT_FUND: (*_COMMON, *_FUND),
    LoanType.COMBINED: (*_COMMON, *_FUND),
}
