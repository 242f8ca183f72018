"""The deal that makes a customer an owner: presale permits, price lists (一房一价), subscriptions (认购) with their
deposit, contracts (商品房买卖合同) with buyers, changes and filing (网签备案), and the contract's payment ledger
(收款台账: receivables, receipts and refunds, with allocations).

Money and areas are ``Decimal`` with two places everywhere; a share of ownership is a percentage with two places
and the shares of one deal add up to exactly 100.00.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.models import CiphertextField
from anju.customers.models import Customer
from anju.properties.models import Building, Project, Unit
from anju.sales.choices import (
    AreaClause,
    BuyerRole,
    ChangeKind,
    ChangeStatus,
    ContractStatus,
    EntryKind,
    EntryStatus,
    MaintenanceFundBasis,
    MoneyMethod,
    PaymentPlan,
    PriceListStatus,
    PricingBasis,
    ReceivableKind,
    SubscriptionStatus,
    TaxBorneBy,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
AREA = {"max_digits": 10, "decimal_places": 2}
ZERO = Decimal("0.00")


class SalesSettings(models.Model):
    """Per-project sales practice (not law): how long a subscription holds the unit, when a discount needs
    approval, and how early the filing and expiry alerts go out."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="sales_settings")
    signing_deadline_days = models.PositiveSmallIntegerField(_("days to sign after subscribing"), default=7)
    discount_approval_percent = models.DecimalField(
        _("discount needing approval (%)"), max_digits=5, decimal_places=2, default=Decimal("3.00")
    )
    expiry_warning_days = models.PositiveSmallIntegerField(_("days before expiry to warn"), default=2)
    filing_warning_days = models.PositiveSmallIntegerField(_("days before the filing deadline to warn"), default=7)
    mortgage_documents_days = models.PositiveSmallIntegerField(_("days to collect loan documents"), default=7)
    mortgage_approval_warning_days = models.PositiveSmallIntegerField(_("days under bank approval before a warning"), default=20)
    # Fees listed on the 入伙通知书 and the 面积补差 notice (R3.9): city and project practice, not law.
    handover_notice_lead_days = models.PositiveSmallIntegerField(
        _("days before handover to send the notice"), default=14, validators=[MinValueValidator(10)]
    )
    maintenance_fund_basis = models.CharField(
        _("maintenance fund basis"), max_length=16, choices=MaintenanceFundBasis.choices, default=MaintenanceFundBasis.PER_M2
    )
    maintenance_fund_rate = models.DecimalField(
        _("maintenance fund rate"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("80.00"),
        help_text=_("Yuan per square metre of gross floor area, or per cent of the price"),
    )
    deed_tax_percent = models.DecimalField(_("deed tax (%)"), max_digits=5, decimal_places=2, default=Decimal("3.00"))
    deed_tax_area_threshold = models.DecimalField(
        _("deed tax area threshold (m²)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("90.00"),
        help_text=_("A home at or below this gross floor area is taxed at the lower rate"),
    )
    registration_fee = models.DecimalField(_("registration fee"), max_digits=10, decimal_places=2, default=Decimal("80.00"))
    property_fee_rate = models.DecimalField(
        _("property fee per square metre and month"), max_digits=8, decimal_places=2, default=Decimal("2.50")
    )
    property_fee_months = models.PositiveSmallIntegerField(_("months of property fee paid in advance"), default=3)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"sales settings of project {self.project_id}"


class PresalePermit(models.Model):
    """预售许可证: without one, a building's units cannot be subscribed or sold off-plan (R5.1, R5.5)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="presale_permits")
    number = models.CharField(_("permit number"), max_length=60, unique=True)
    issued_on = models.DateField(_("issue date"))
    scope = models.CharField(_("scope of units"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["building_id", "-issued_on", "-id"]
        verbose_name = _("presale permit")

    def __str__(self) -> str:
        return self.number


class PriceList(models.Model):
    """价格表: one version of a building's prices; a version takes effect from a date once 管理层 approved it."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="price_lists")
    version_number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("effective from"))
    status = models.CharField(max_length=12, choices=PriceListStatus.choices, default=PriceListStatus.DRAFT)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["building_id", "-version_number"]
        verbose_name = _("price list")
        permissions = [("approve_pricelist", "Can approve a price list")]
        constraints = [models.UniqueConstraint(fields=["building", "version_number"], name="sales_pricelist_version_unique")]

    def __str__(self) -> str:
        return f"{self.building} v{self.version_number}"


class PriceListItem(models.Model):
    """一房一价: the list price of one unit in one version (unit price per m² of gross area, and the total)."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    unit_price = models.DecimalField(
        _("unit price"), validators=[MinValueValidator(Decimal("0.01"))], max_digits=14, decimal_places=2
    )
    total_price = models.DecimalField(
        _("total price"), validators=[MinValueValidator(Decimal("0.01"))], max_digits=14, decimal_places=2
    )

    class Meta:
        ordering = ["price_list_id", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["price_list", "unit"], name="sales_pricelistitem_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.total_price}"


class Subscription(models.Model):
    """认购: one unit reserved for one or more buyers against a deposit until the signing deadline."""

    number = models.CharField(_("subscription number"), max_length=30, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="subscriptions")
    subscribed_on = models.DateField(_("subscription date"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pricing_basis = models.CharField(max_length=16, choices=PricingBasis.choices)
    unit_price = models.DecimalField(_("unit price"), null=True, blank=True, max_digits=14, decimal_places=2)
    area = models.DecimalField(_("priced area"), null=True, blank=True, max_digits=10, decimal_places=2)
    list_price = models.DecimalField(_("list price"), null=True, blank=True, max_digits=14, decimal_places=2)
    total_price = models.DecimalField(_("agreed total price"), max_digits=14, decimal_places=2)
    discount_reason = models.CharField(_("discount reason"), max_length=200, blank=True)
    deposit_amount = models.DecimalField(_("deposit"), max_digits=14, decimal_places=2)
    sign_by = models.DateField(_("sign the contract by"))
    status = models.CharField(max_length=20, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE)
    # The deposit as finance received it (定金到账).
    deposit_received_on = models.DateField(null=True, blank=True)
    deposit_method = models.CharField(max_length=12, choices=MoneyMethod.choices, blank=True)
    deposit_receipt_number = models.CharField(max_length=40, blank=True)
    deposit_invoice_number = models.CharField(max_length=40, blank=True)
    deposit_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A cancellation (退订) and the deposit refunded, if any.
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    refund_amount = models.DecimalField(null=True, blank=True, max_digits=14, decimal_places=2)
    refunded_on = models.DateField(null=True, blank=True)
    refund_account = CiphertextField(blank=True, default="")  # personal data: encrypted, shown masked
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    expiry_warned_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-subscribed_on", "-id"]
        verbose_name = _("subscription")
        permissions = [
            ("approve_discount", "Can approve a subscription discount"),
            ("record_deposit", "Can record a deposit"),
            ("cancel_subscription", "Can cancel a subscription"),
        ]
        indexes = [
            models.Index(fields=["project", "status", "-subscribed_on"], name="sales_sub_project_status"),
            models.Index(fields=["status", "sign_by"], name="sales_sub_status_signby"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total_price__gt=0), name="sales_subscription_price_positive"),
            models.CheckConstraint(condition=Q(deposit_amount__gte=0), name="sales_subscription_deposit_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def deposit_received(self) -> bool:
        return self.deposit_received_on is not None


class BuyerShare(models.Model):
    """A buyer of a deal and their share of ownership (percent, two places; a deal's shares add up to 100.00)."""

    customer = models.ForeignKey(Customer, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=BuyerRole.choices)
    share = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.customer_id} {self.share}%"


class SubscriptionBuyer(BuyerShare):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="buyers")

    class Meta:
        ordering = ["subscription_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["subscription", "customer"], name="sales_subbuyer_unique")]


class Contract(models.Model):
    """商品房买卖合同: the deal; its buyers become the unit's owners, its ledger tracks every fen owed and paid."""

    number = models.CharField(_("contract number"), max_length=30, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="contracts")
    subscription = models.OneToOneField(Subscription, null=True, blank=True, on_delete=models.PROTECT, related_name="contract")
    signed_on = models.DateField(_("signing date"))
    consultant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pricing_basis = models.CharField(max_length=16, choices=PricingBasis.choices)
    unit_price = models.DecimalField(_("unit price"), null=True, blank=True, max_digits=14, decimal_places=2)
    gross_area = models.DecimalField(_("contract gross floor area"), max_digits=10, decimal_places=2)
    internal_area = models.DecimalField(_("contract internal area"), max_digits=10, decimal_places=2)
    total_price = models.DecimalField(_("total price"), max_digits=14, decimal_places=2)
    discount_reason = models.CharField(_("discount reason"), max_length=200, blank=True)
    payment_plan = models.CharField(_("payment method"), max_length=24, choices=PaymentPlan.choices)
    loan_amount = models.DecimalField(_("loan amount"), default=ZERO, max_digits=14, decimal_places=2)
    delivery_deadline = models.DateField(_("delivery deadline"), null=True, blank=True)
    handover_notice_days = models.PositiveSmallIntegerField(_("handover notice days"), default=14)
    # Area-difference clause, stored now and applied by area settlement (R1.4a, R1.7, R1.8).
    area_clause = models.CharField(max_length=16, choices=AreaClause.choices, default=AreaClause.STATUTORY)
    area_threshold_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("3.00"))
    excess_refund_multiplier = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("2.00"))
    rescission_refund_days = models.PositiveSmallIntegerField(default=30)
    # The agreed annual rate of interest on a refund after rescission (R1.8; not below the PBOC benchmark).
    rescission_interest_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("4.35"))
    # Who bears the extra 契税 when the measured area crosses a tax threshold (R1.9).
    area_tax_borne_by = models.CharField(max_length=8, choices=TaxBorneBy.choices, default=TaxBorneBy.BUYER)
    status = models.CharField(max_length=12, choices=ContractStatus.choices, default=ContractStatus.SIGNED)
    filing_due_on = models.DateField(_("filing due"))
    filing_number = models.CharField(_("filing number"), max_length=60, blank=True)
    filed_on = models.DateField(_("filing date"), null=True, blank=True)
    filing_warned_on = models.DateField(null=True, blank=True)
    cancelled_on = models.DateField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("contract")
        permissions = [("file_contract", "Can record a contract filing"), ("view_sales_report", "Can view sales reports")]
        indexes = [
            models.Index(fields=["project", "status", "-signed_on"], name="sales_contract_project_status"),
            models.Index(fields=["project", "-signed_on", "-id"], name="sales_contract_project_signed"),
            models.Index(fields=["status", "filing_due_on"], name="sales_contract_filing"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total_price__gt=0), name="sales_contract_price_positive"),
            models.CheckConstraint(condition=Q(handover_notice_days__gte=10), name="sales_contract_notice_min_10"),
            models.CheckConstraint(condition=Q(loan_amount__gte=0), name="sales_contract_loan_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number


class ContractBuyer(BuyerShare):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="buyers")

    class Meta:
        ordering = ["contract_id", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "customer"], name="sales_contractbuyer_unique")]


class ContractChange(models.Model):
    """换房 / 更名·增减共有人 / 退房·解约: requested by a consultant, applied when a 客服主管 or 管理层 approves."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    reason = models.CharField(max_length=200)
    new_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    new_total_price = models.DecimalField(null=True, blank=True, max_digits=14, decimal_places=2)
    new_buyers = models.JSONField(default=list, blank=True, help_text="[{customer, role, share}] for a change of buyers")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contract change")
        permissions = [("approve_contractchange", "Can approve contract changes and cancellations")]

    def __str__(self) -> str:
        return f"{self.kind} of {self.contract_id}"


class Receivable(models.Model):
    """One amount the contract expects: deposit, down payment, an instalment, the loan, an area difference."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="receivables")
    kind = models.CharField(max_length=16, choices=ReceivableKind.choices)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    due_on = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contract_id", models.F("due_on").asc(nulls_last=True), "id"]  # the loan (no date) last
        indexes = [models.Index(fields=["due_on"], name="sales_receivable_due")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class LedgerEntry(models.Model):
    """A receipt (positive) or a refund (negative) on the contract's ledger; refunds wait for approval."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    status = models.CharField(max_length=10, choices=EntryStatus.choices, default=EntryStatus.POSTED)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    occurred_on = models.DateField(_("date"))
    method = models.CharField(max_length=12, choices=MoneyMethod.choices)
    receipt_number = models.CharField(max_length=40, blank=True)
    invoice_number = models.CharField(max_length=40, blank=True)
    account = CiphertextField(blank=True, default="")  # a refund's bank account: personal data, shown masked
    note = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["contract_id", "occurred_on", "id"]
        verbose_name = _("ledger entry")
        permissions = [("approve_refund", "Can approve a refund")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="receipt", amount__gt=0) | Q(kind="refund", amount__lt=0)),
                name="sales_entry_sign_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class Allocation(models.Model):
    """How much of a receipt pays which receivable (a payment may be split)."""

    entry = models.ForeignKey(LedgerEntry, on_delete=models.CASCADE, related_name="allocations")
    receivable = models.ForeignKey(Receivable, on_delete=models.CASCADE, related_name="allocations")
    amount = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["entry_id", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="sales_allocation_positive")]

    def __str__(self) -> str:
        return f"{self.amount} of {self.entry_id} → {self.receivable_id}"
