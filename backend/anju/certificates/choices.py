"""Property-certificate (产证) vocabularies: the stages of a case, the sale kind that decides where the transfer clock
starts, the clocks (domain rules §5.3), the documents collected at handover and whose fault a delay is."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    COLLECTING = "collecting", _("Collecting documents")
    DOCUMENTS_SUBMITTED = "documents_submitted", _("Registration documents submitted")
    TRANSFER_APPLIED = "transfer_applied", _("Transfer registration applied")
    TRANSFER_COMPLETED = "transfer_completed", _("Transfer registration completed")
    MORTGAGE_REGISTERED = "mortgage_registered", _("Mortgage registered")
    SENT_TO_BANK = "sent_to_bank", _("Original sent to the bank")
    HANDED_OVER = "handed_over", _("Certificate handed over")
    WITHDRAWN = "withdrawn", _("Withdrawn: the contract was rescinded")


OPEN_STAGES = frozenset(
    {
        Stage.COLLECTING,
        Stage.DOCUMENTS_SUBMITTED,
        Stage.TRANSFER_APPLIED,
        Stage.TRANSFER_COMPLETED,
        Stage.MORTGAGE_REGISTERED,
    }
)


class SaleKind(models.TextChoices):
    """期房 (presale: the transfer clock starts at delivery) or 现售 (the unit had a measured area when the contract
    was signed: it starts at signing), domain rules §5.3 / S2 第32条."""

    PRESALE = "presale", _("Presale")
    COMPLETED = "completed", _("Completed-home sale")


class Clock(models.TextChoices):
    DEVELOPER_DOCUMENTS = "developer_documents", _("Developer's registration documents")
    TRANSFER_REGISTRATION = "transfer_registration", _("Transfer registration application")
    PRE_REGISTRATION = "pre_registration", _("Pre-registration lapse")


class AlertKind(models.TextChoices):
    WARNING = "warning", _("Due soon")
    MISSED = "missed", _("Missed")


class Fault(models.TextChoices):
    DEVELOPER = "developer", _("Developer")
    BUYER = "buyer", _("Buyer")
    AUTHORITY = "authority", _("Registration authority")


class DocumentCode(models.TextChoices):
    """One document collected at handover for the registration."""

    ID_COPY = "id_copy", _("ID copy")  # 身份证复印件, one per buyer
    CONTRACT_ORIGINAL = "contract_original", _("Contract original")  # 购房合同原件
    PURCHASE_INVOICE = "purchase_invoice", _("Purchase invoice")  # 购房发票
    DEED_TAX_PROOF = "deed_tax_proof", _("Deed tax payment proof")  # 契税完税证明
    LOAN_CONTRACT = "loan_contract", _("Loan contract")  # 借款合同 (mortgaged units)
    POWER_OF_ATTORNEY = "power_of_attorney", _("Power of attorney")  # 委托书


class ReceiptKind(models.TextChoices):
    ORIGINAL = "original", _("Original certificate to the owner")  # 全款: 产证原件 + 合同原件 + 发票
    COPY = "copy", _("Certificate copy to the owner (original at the bank)")  # 按揭: 原件寄银行, 业主领复印件
