"""The sales app's closed vocabularies (values are stored; labels are English with Chinese in the .po file)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PricingBasis(models.TextChoices):
    """R1.1: a sale is priced per unit, per 套内建筑面积 or per 建筑面积."""

    WHOLE_UNIT = "whole_unit", _("Per unit")
    INNER_AREA = "inner_area", _("Per internal area")
    BUILDING_AREA = "building_area", _("Per gross floor area")


class MoneyMethod(models.TextChoices):
    """How money changed hands."""

    CASH = "cash", _("Cash")
    CARD = "card", _("Bank card")
    TRANSFER = "transfer", _("Bank transfer")
    WECHAT = "wechat", _("WeChat Pay")
    ALIPAY = "alipay", _("Alipay")
    LOAN = "loan", _("Loan disbursement")


class PaymentPlan(models.TextChoices):
    """The contract's payment method (付款方式)."""

    FULL = "full", _("Full payment")
    COMMERCIAL_LOAN = "commercial_loan", _("Commercial loan")
    PROVIDENT_FUND_LOAN = "provident_fund_loan", _("Provident fund loan")
    COMBINED_LOAN = "combined_loan", _("Combined loan")
    INSTALLMENTS = "installments", _("Instalments")


LOAN_PLANS = frozenset({PaymentPlan.COMMERCIAL_LOAN, PaymentPlan.PROVIDENT_FUND_LOAN, PaymentPlan.COMBINED_LOAN})


class BuyerRole(models.TextChoices):
    PRIMARY = "primary", _("Primary buyer")
    CO_BUYER = "co_buyer", _("Co-buyer")


class PriceListStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SubscriptionStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Awaiting discount approval")
    ACTIVE = "active", _("Valid")
    CONVERTED = "converted", _("Converted to a contract")
    CANCELLED = "cancelled", _("Withdrawn by the buyer")
    EXPIRED = "expired", _("Expired")


OPEN_SUBSCRIPTION = frozenset({SubscriptionStatus.PENDING_APPROVAL, SubscriptionStatus.ACTIVE})


class ContractStatus(models.TextChoices):
    SIGNED = "signed", _("Signed")
    FILED = "filed", _("Filed")
    CANCELLED = "cancelled", _("Rescinded")


LIVE_CONTRACT = frozenset({ContractStatus.SIGNED, ContractStatus.FILED})


class TaxBorneBy(models.TextChoices):
    """Who bears the extra tax when the measured area crosses a 契税 threshold (R1.9, GF-2014 第二十三条)."""

    BUYER = "buyer", _("The buyer")
    SELLER = "seller", _("The seller")


class AreaClause(models.TextChoices):
    """Which regime settles an area difference (R1.8: the contract's terms, else 88号令)."""

    STATUTORY = "statutory", _("Statutory rule of Order No. 88 (3 per cent)")
    MODEL_CONTRACT = "model_contract", _("GF-2014-0171 model contract")
    CUSTOM = "custom", _("The contract's own thresholds")


class ChangeKind(models.TextChoices):
    UNIT = "unit", _("Change of unit")
    BUYERS = "buyers", _("Change of buyers")
    CANCELLATION = "cancellation", _("Cancellation")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ReceivableKind(models.TextChoices):
    DEPOSIT = "deposit", _("Deposit")
    DOWN_PAYMENT = "down_payment", _("Down payment")
    INSTALMENT = "instalment", _("Instalment")
    LOAN = "loan", _("Loan")
    AREA_DIFFERENCE = "area_difference", _("Area difference")
    MAINTENANCE_FUND = "maintenance_fund", _("Maintenance fund")
    DEED_TAX = "deed_tax", _("Deed tax (collected for the tax office)")
    REGISTRATION_FEE = "registration_fee", _("Registration fee")
    OTHER = "other", _("Other")


class EntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    REFUND = "refund", _("Refund")


class EntryStatus(models.TextChoices):
    POSTED = "posted", _("Posted")
    PENDING = "pending", _("Awaiting approval")
    REJECTED = "rejected", _("Rejected")


# Money that changes hands at the desk (a loan is paid by the bank, recorded by the mortgage case).
DESK_METHODS = [choice for choice in MoneyMethod.choices if choice[0] != MoneyMethod.LOAN]


class MaintenanceFundBasis(models.TextChoices):
    """专项维修资金: a city sets it per m² of 建筑面积 (e.g. 80 元/m²) or as a share of the price (e.g. 2 %)."""

    PER_M2 = "per_m2", _("Yuan per square metre")
    PERCENT_OF_PRICE = "percent", _("Per cent of the price")
