from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.selectors import list_buildings, list_projects
from anju.sales.choices import PricingBasis, TaxBorneBy
from anju.sales.models import ContractBuyer
from anju.sales.selectors import sales_settings
from anju.settlement import rules
from anju.settlement.choices import MissingReason, Regime, SettlementStatus
from anju.settlement.models import SettlementBatch, SettlementLine
from anju.settlement.services import batches
from anju.settlement.services import lines as line_rules
from anju.settlement.workflow import WORKFLOW

MAX_AREA = Decimal("99999999.99")
MAX_PRICE = Decimal("999999999999.99")


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user else None


# --- Preview -------------------------------------------------------------------------------------------------------


def _positive(**options: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={"min_value": _("Enter a positive number."), "invalid": _("Enter a number.")},
        **options,
    )


class SettlementPreviewInputSerializer(InputSerializer):
    """The figures of one contract before any batch: priced areas (套内 under 套内 pricing), the price per m² of that
    area and, under 建筑面积 pricing, optionally the 套内 pair that also decides the withdrawal right (GF-2014 option 2)."""

    pricing_basis = serializers.ChoiceField(choices=PricingBasis.choices)
    contract_area = _positive(max_value=MAX_AREA)
    measured_area = _positive(max_value=MAX_AREA)
    unit_price = _positive(max_value=MAX_PRICE)
    contract_inner_area = _positive(max_value=MAX_AREA, required=False, allow_null=True)
    measured_inner_area = _positive(max_value=MAX_AREA, required=False, allow_null=True)

    def validate_pricing_basis(self, value: str) -> str:
        if value == PricingBasis.WHOLE_UNIT:
            raise serializers.ValidationError(_("Priced per unit: there is no area settlement."))
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        inner = (attrs.get("contract_inner_area"), attrs.get("measured_inner_area"))
        if (inner[0] is None) != (inner[1] is None):
            missing = "measured_inner_area" if inner[1] is None else "contract_inner_area"
            raise serializers.ValidationError({missing: [_("Give both internal areas or neither.")]})
        if inner[0] is not None and attrs["pricing_basis"] != PricingBasis.BUILDING_AREA:
            raise serializers.ValidationError(
                {"contract_inner_area": [_("The internal pair applies only under gross-area pricing.")]}
            )
        return attrs


class SettlementPreviewSerializer(serializers.Serializer):
    ratio_percent = serializers.CharField(help_text="面积误差比 in per cent, two places (the comparison used the exact ratio)")
    inner_ratio_percent = serializers.CharField(allow_null=True)
    withdrawal_right = serializers.BooleanField()
    buyer_pays = serializers.CharField()
    developer_refunds = serializers.CharField()
    developer_absorbs = serializers.CharField()
    charged_area = serializers.CharField()
    single_refund_area = serializers.CharField()
    double_refund_area = serializers.CharField()
    absorbed_area = serializers.CharField()


# --- Batches -------------------------------------------------------------------------------------------------------


class SettlementMissingSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    number = serializers.CharField()
    unit = serializers.CharField()
    reason = serializers.ChoiceField(choices=MissingReason.choices)


class SettlementBatchSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    building_name = serializers.CharField(source="building.name", read_only=True)
    line_count = serializers.IntegerField(read_only=True)
    withdrawal_count = serializers.IntegerField(read_only=True)
    total_buyer_pays = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    total_developer_refunds = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    created_by_name = serializers.SerializerMethodField()
    reviewed_by_name = serializers.SerializerMethodField()
    approved_by_name = serializers.SerializerMethodField()

    class Meta:
        model = SettlementBatch
        fields = [
            "id",
            "number",
            "project",
            "project_name",
            "building",
            "building_name",
            "status",
            "note",
            "collect_certificate_fees",
            "line_count",
            "withdrawal_count",
            "total_buyer_pays",
            "total_developer_refunds",
            "created_by_name",
            "reviewed_by_name",
            "approved_by_name",
            "reviewed_at",
            "approved_at",
            "notified_at",
            "posted_at",
            "created_at",
            "version",
        ]
        read_only_fields = fields

    def get_created_by_name(self, obj: SettlementBatch) -> str | None:
        return _name(obj.created_by)

    def get_reviewed_by_name(self, obj: SettlementBatch) -> str | None:
        return _name(obj.reviewed_by)

    def get_approved_by_name(self, obj: SettlementBatch) -> str | None:
        return _name(obj.approved_by)


class SettlementBatchDetailSerializer(SettlementBatchSerializer):
    missing = SettlementMissingSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(SettlementBatchSerializer.Meta):
        fields = [*SettlementBatchSerializer.Meta.fields, "missing", "allowed_actions"]
        read_only_fields = fields

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: SettlementBatch) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(obj, request.user) if request else []


class SettlementBatchInputSerializer(InputSerializer):
    building = ScopedPrimaryKeyField(selector=list_buildings)
    collect_certificate_fees = serializers.BooleanField(required=False, default=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


# --- Lines ---------------------------------------------------------------------------------------------------------


class RefundInterestSerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    days = serializers.IntegerField()
    interest = serializers.DecimalField(max_digits=14, decimal_places=2)


class RefundEstimateSerializer(serializers.Serializer):
    """What the developer owes a withdrawing buyer by the refund deadline (R1.8): every payment with interest."""

    to_date = serializers.DateField()
    rate_percent = serializers.DecimalField(max_digits=5, decimal_places=2)
    principal = serializers.DecimalField(max_digits=14, decimal_places=2)
    interest = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    payments = RefundInterestSerializer(many=True)


class SettlementLineSerializer(serializers.ModelSerializer):
    """One contract's settlement with every input, every figure, the regime that applied and the previous figures
    (``previous``) when a corrected survey recalculated it."""

    batch_number = serializers.CharField(source="batch.number", read_only=True)
    batch_status = serializers.ChoiceField(source="batch.status", choices=SettlementStatus.choices, read_only=True)
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    unit_label = serializers.SerializerMethodField()
    buyer_names = serializers.SerializerMethodField()
    consultant_name = serializers.SerializerMethodField()
    regime = serializers.SerializerMethodField()
    not_settled_reason = serializers.SerializerMethodField()
    ratio_percent = serializers.SerializerMethodField()
    inner_ratio_percent = serializers.SerializerMethodField()
    refund_days = serializers.SerializerMethodField()
    refund_due_on = serializers.SerializerMethodField()
    can_record_withdrawal = serializers.SerializerMethodField()
    total_price = serializers.DecimalField(source="contract.total_price", max_digits=14, decimal_places=2, read_only=True)
    refund_estimate = serializers.SerializerMethodField()
    tax_threshold = serializers.SerializerMethodField()
    tax_threshold_crossed = serializers.SerializerMethodField()
    area_tax_borne_by = serializers.ChoiceField(source="contract.area_tax_borne_by", choices=TaxBorneBy.choices, read_only=True)

    class Meta:
        model = SettlementLine
        fields = [
            "id",
            "batch",
            "batch_number",
            "batch_status",
            "contract",
            "contract_number",
            "unit",
            "unit_label",
            "buyer_names",
            "consultant_name",
            "total_price",
            "pricing_basis",
            "area_clause",
            "regime",
            "settles",
            "not_settled_reason",
            "contract_area",
            "measured_area",
            "contract_inner_area",
            "measured_inner_area",
            "unit_price",
            "price_source",
            "threshold_percent",
            "excess_multiplier",
            "ratio",
            "ratio_percent",
            "inner_ratio",
            "inner_ratio_percent",
            "withdrawal_right",
            "buyer_pays",
            "developer_refunds",
            "developer_absorbs",
            "charged_area",
            "single_refund_area",
            "double_refund_area",
            "absorbed_area",
            "deed_tax",
            "registration_fee",
            "previous",
            "withdrawing",
            "withdrawal_on",
            "withdrawal_reason",
            "withdrawal_recorded_at",
            "cancellation",
            "refund_days",
            "refund_due_on",
            "refund_estimate",
            "tax_threshold",
            "tax_threshold_crossed",
            "area_tax_borne_by",
            "can_record_withdrawal",
            "notified_at",
            "posted_at",
            "version",
            "updated_at",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: SettlementLine) -> str:
        return str(obj.unit)

    def get_buyer_names(self, obj: SettlementLine) -> list[str]:
        return [b.customer.name for b in ContractBuyer.objects.filter(contract_id=obj.contract_id).select_related("customer")]

    def get_consultant_name(self, obj: SettlementLine) -> str | None:
        return _name(obj.contract.consultant)

    @extend_schema_field(serializers.ChoiceField(choices=Regime.choices))
    def get_regime(self, obj: SettlementLine) -> str:
        return str(line_rules.regime_of(obj))

    def get_not_settled_reason(self, obj: SettlementLine) -> str:
        return line_rules.reason_not_settled(obj)

    def get_ratio_percent(self, obj: SettlementLine) -> str:
        return line_rules.percent_text(obj.ratio)

    def get_inner_ratio_percent(self, obj: SettlementLine) -> str | None:
        return line_rules.percent_text(obj.inner_ratio) if obj.inner_ratio is not None else None

    def get_refund_days(self, obj: SettlementLine) -> int:
        return batches.refund_days(obj)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_refund_due_on(self, obj: SettlementLine) -> Any:
        return batches.refund_due_on(obj)

    @extend_schema_field(RefundEstimateSerializer(allow_null=True))
    def get_refund_estimate(self, obj: SettlementLine) -> dict[str, Any] | None:
        estimate = batches.refund_estimate(obj) if obj.withdrawing else None
        if estimate is None:
            return None
        body = {
            "to_date": batches.refund_due_on(obj),
            "rate_percent": obj.contract.rescission_interest_percent,
            "principal": estimate.principal,
            "interest": estimate.interest,
            "total": estimate.total,
            "payments": [vars(line) for line in estimate.lines],
        }
        return RefundEstimateSerializer(body).data

    @extend_schema_field(serializers.DecimalField(max_digits=8, decimal_places=2))
    def get_tax_threshold(self, obj: SettlementLine) -> Any:
        """The project's 契税 area threshold, read once per response."""
        known = self.context.setdefault("tax_thresholds", {})
        if obj.project_id not in known:
            known[obj.project_id] = sales_settings(obj.project_id).deed_tax_area_threshold
        return f"{known[obj.project_id]:.2f}"

    def get_tax_threshold_crossed(self, obj: SettlementLine) -> bool:
        """The measured gross area is on the other side of the threshold than the contract's (R1.9)."""
        return rules.crosses_tax_threshold(
            contract_area=obj.contract.gross_area,
            measured_area=obj.unit.measured_gross_area or obj.contract.gross_area,
            threshold=Decimal(self.get_tax_threshold(obj)),
        )

    def get_can_record_withdrawal(self, obj: SettlementLine) -> bool:
        request = self.context.get("request")
        return bool(
            request
            and request.user.has_perm("settlement.change_settlementline")
            and obj.withdrawal_right
            and not obj.withdrawing
            and obj.batch.status in (SettlementStatus.APPROVED, SettlementStatus.NOTIFIED)
        )


class SettlementWithdrawalInputSerializer(VersionedInputSerializer):
    reason = serializers.CharField(max_length=200)
    decided_on = serializers.DateField()

    def validate_decided_on(self, value: Any) -> Any:
        if value > timezone.localdate():
            raise serializers.ValidationError(_("The date cannot be in the future."))
        return value


# --- Measured areas --------------------------------------------------------------------------------------------


class MeasuredAreasUploadSerializer(serializers.Serializer):
    project = ScopedPrimaryKeyField(selector=list_projects)
    file = serializers.FileField()


class SettlementRecalculatedSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    batch = serializers.CharField()
    contract = serializers.CharField()
    changes = serializers.DictField(child=serializers.ListField(), help_text="{field: [old, new]}")


class MeasuredAreasResultSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    units_updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    recalculated = SettlementRecalculatedSerializer(many=True)
