"""Area settlement (面积补差): a batch per building, one line per contract with every input and figure kept."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.properties.models import Building, Project, Unit
from anju.sales.choices import AreaClause, PricingBasis
from anju.sales.models import Contract, ContractChange
from anju.settlement.choices import PriceSource, SettlementStatus


class _DecimalOptions(TypedDict):
    """Shared ``DecimalField`` options, typed so that ``**MONEY`` checks against the field's parameters."""

    max_digits: int
    decimal_places: int


AREA: _DecimalOptions = {"max_digits": 10, "decimal_places": 2}
MONEY: _DecimalOptions = {"max_digits": 14, "decimal_places": 2}
FINE_AREA: _DecimalOptions = {"max_digits": 12, "decimal_places": 4}  # computed area splits (3 % of 125.50 m² is 3.765 m²)


class SettlementBatch(models.Model):
    number = models.CharField(_("number"), max_length=30, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="settlement_batches")
    status = models.CharField(max_length=10, choices=SettlementStatus.choices, default=SettlementStatus.DRAFT)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    collect_certificate_fees = models.BooleanField(
        default=True, help_text="办理补差同时预收办证相关费用: post 契税 and the registration fee with the difference"
    )
    missing = models.JSONField(
        default=list, blank=True, help_text="live contracts of the building whose unit has no measured areas yet"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("area settlement batch")
        permissions = [
            ("review_settlementbatch", "Review area settlement batches (营销)"),
            ("approve_settlementbatch", "Approve area settlement batches and notify buyers (财务)"),
            ("post_settlementbatch", "Post area settlements to the ledger"),
            ("import_measured_areas", "Import measured areas from the survey report"),
        ]
        indexes = [models.Index(fields=["project", "status"], name="settlement_batch_project")]

    def __str__(self) -> str:
        return self.number


class SettlementLine(models.Model):
    """One contract's settlement: the inputs as they were when computed, the figures, and the previous figures when a
    corrected import recalculated it."""

    batch = models.ForeignKey(SettlementBatch, on_delete=models.CASCADE, related_name="lines")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="area_settlements")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    # Inputs.
    pricing_basis = models.CharField(max_length=16, choices=PricingBasis.choices)
    area_clause = models.CharField(max_length=16, choices=AreaClause.choices)
    contract_area = models.DecimalField(**AREA)
    measured_area = models.DecimalField(**AREA)
    contract_inner_area = models.DecimalField(null=True, blank=True, **AREA)
    measured_inner_area = models.DecimalField(null=True, blank=True, **AREA)
    unit_price = models.DecimalField(**MONEY)
    threshold_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("3.00"))
    excess_multiplier = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("2.00"))
    # Figures.
    ratio = models.DecimalField(max_digits=14, decimal_places=10)
    inner_ratio = models.DecimalField(null=True, blank=True, max_digits=14, decimal_places=10)
    withdrawal_right = models.BooleanField(default=False)
    buyer_pays = models.DecimalField(**MONEY)
    developer_refunds = models.DecimalField(**MONEY)
    developer_absorbs = models.DecimalField(**MONEY)
    charged_area = models.DecimalField(**FINE_AREA)
    single_refund_area = models.DecimalField(**FINE_AREA)
    double_refund_area = models.DecimalField(**FINE_AREA)
    absorbed_area = models.DecimalField(**FINE_AREA)
    price_source = models.CharField(max_length=16, choices=PriceSource.choices, default=PriceSource.CONTRACT)
    settles = models.BooleanField(default=True, help_text="False under 按套 pricing: listed, no settlement (R1.3)")
    deed_tax = models.DecimalField(default=Decimal("0.00"), **MONEY)
    registration_fee = models.DecimalField(default=Decimal("0.00"), **MONEY)
    previous = models.JSONField(default=dict, blank=True, help_text="inputs and figures before the last recalculation")
    withdrawing = models.BooleanField(default=False)
    withdrawal_recorded_at = models.DateTimeField(null=True, blank=True)
    withdrawal_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=200, blank=True)
    cancellation = models.ForeignKey(ContractChange, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    notified_at = models.DateTimeField(null=True, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["batch_id", "unit_id"]
        verbose_name = _("area settlement line")
        constraints = [
            models.UniqueConstraint(fields=["batch", "contract"], name="settlement_line_unique"),
            models.CheckConstraint(
                condition=Q(buyer_pays__gte=0) & Q(developer_refunds__gte=0) & Q(developer_absorbs__gte=0),
                name="settlement_line_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.contract_id}"
