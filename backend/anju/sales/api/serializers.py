"""Sales API shapes. Money and areas are decimal strings with two places; ids pointing at other records are scoped
(another project's unit or customer is an unknown id: 400, existence not revealed)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow import Workflow
from anju.core.workflow_api import ActionInputSerializer, AllowedActionSerializer
from anju.customers.selectors import list_customers
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues
from anju.properties.selectors import list_buildings, list_units
from anju.sales import selectors
from anju.sales.choices import (
    DESK_METHODS,
    OPEN_SUBSCRIPTION,
    AreaClause,
    BuyerRole,
    ChangeKind,
    MaintenanceFundBasis,
    MoneyMethod,
    PaymentPlan,
    PricingBasis,
    ReceivableKind,
    TaxBorneBy,
)
from anju.sales.models import (
    Contract,
    ContractChange,
    LedgerEntry,
    PresalePermit,
    PriceList,
    Receivable,
    SalesSettings,
    Subscription,
)
from anju.sales.services.ledger import mask_account, masked_account
from anju.sales.workflow import CHANGE, CONTRACT, PRICE_LIST, REFUND, SUBSCRIPTION

POSITIVE = Decimal("0.01")


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user else None


def _unit_label(unit: Any) -> str:
    return f"{unit.building.name} {unit.room_number}"


class _Actions(serializers.Serializer):
    workflow: Workflow[Any]

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: Any) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return self.workflow.allowed_actions(obj, request.user) if request is not None else []


# --- Catalogue ------------------------------------------------------------------------------------------------


class PermitSerializer(serializers.ModelSerializer):
    building_name = serializers.CharField(source="building.name", read_only=True)

    class Meta:
        model = PresalePermit
        fields = ["id", "project", "building", "building_name", "number", "issued_on", "scope", "created_at"]
        read_only_fields = fields


class PermitInputSerializer(InputSerializer):
    building = ScopedPrimaryKeyField(selector=list_buildings)
    number = serializers.CharField(max_length=60)
    issued_on = serializers.DateField()
    scope = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PriceItemSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit_id")
    unit_label = serializers.SerializerMethodField()
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    total_price = serializers.DecimalField(max_digits=14, decimal_places=2)

    def get_unit_label(self, obj: Any) -> str:
        return _unit_label(obj.unit)


class PriceListSerializer(_Actions, serializers.ModelSerializer):
    workflow = PRICE_LIST
    building_name = serializers.CharField(source="building.name", read_only=True)
    created_by_name = serializers.SerializerMethodField()
    decided_by_name = serializers.SerializerMethodField()
    item_count = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = PriceList
        fields = [
            "id",
            "project",
            "building",
            "building_name",
            "version_number",
            "effective_from",
            "status",
            "note",
            "created_by_name",
            "decided_by_name",
            "decided_at",
            "item_count",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_created_by_name(self, obj: PriceList) -> str | None:
        return _name(obj.created_by)

    def get_decided_by_name(self, obj: PriceList) -> str | None:
        return _name(obj.decided_by)

    def get_item_count(self, obj: PriceList) -> int:
        return obj.items.count()


class PriceListDetailSerializer(PriceListSerializer):
    items = serializers.SerializerMethodField()

    class Meta(PriceListSerializer.Meta):
        fields = [*PriceListSerializer.Meta.fields, "items"]
        read_only_fields = fields

    @extend_schema_field(PriceItemSerializer(many=True))
    def get_items(self, obj: PriceList) -> list[dict[str, Any]]:
        return list(PriceItemSerializer(obj.items.select_related("unit__building"), many=True).data)


class PriceLineInputSerializer(InputSerializer):
    unit = ScopedPrimaryKeyField(selector=list_units)
    unit_price = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)
    total_price = serializers.DecimalField(
        min_value=POSITIVE, required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )


class PriceListInputSerializer(InputSerializer):
    building = ScopedPrimaryKeyField(selector=list_buildings)
    effective_from = serializers.DateField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    items = serializers.ListField(child=PriceLineInputSerializer(), min_length=1, max_length=2000)


class CurrentPriceSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    total_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    price_list = serializers.IntegerField()
    version_number = serializers.IntegerField()


# --- Buyers ---------------------------------------------------------------------------------------------------


class BuyerSerializer(serializers.Serializer):
    customer = serializers.IntegerField(source="customer_id")
    customer_name = serializers.CharField(source="customer.name")
    customer_code = serializers.CharField(source="customer.code")
    role = serializers.ChoiceField(choices=BuyerRole.choices)
    share = serializers.DecimalField(max_digits=5, decimal_places=2)


class BuyerInputSerializer(InputSerializer):
    customer = ScopedPrimaryKeyField(selector=list_customers)
    role = serializers.ChoiceField(choices=BuyerRole.choices)
    share = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=POSITIVE, max_value=Decimal("100"))


# --- Subscriptions --------------------------------------------------------------------------------------------


class _DealSerializer(_Actions, serializers.ModelSerializer):
    """What a subscription and a contract show alike: the unit, project, consultant and buyers."""

    unit_label = serializers.SerializerMethodField()
    project_name = serializers.CharField(source="project.name", read_only=True)
    consultant_name = serializers.SerializerMethodField()
    buyers = BuyerSerializer(many=True, read_only=True)

    DEAL_FIELDS = ["id", "number", "project", "project_name", "unit", "unit_label"]

    def get_unit_label(self, obj: Any) -> str:
        return _unit_label(obj.unit)

    def get_consultant_name(self, obj: Any) -> str | None:
        return _name(obj.consultant)


class SubscriptionSerializer(_DealSerializer):
    workflow = SUBSCRIPTION
    deposit_received = serializers.BooleanField(read_only=True)
    is_open = serializers.SerializerMethodField()
    refund_account = serializers.SerializerMethodField()
    contract = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Subscription
        fields = [
            *_DealSerializer.DEAL_FIELDS,
            "subscribed_on",
            "consultant",
            "consultant_name",
            "buyers",
            "pricing_basis",
            "unit_price",
            "area",
            "list_price",
            "total_price",
            "discount_reason",
            "deposit_amount",
            "deposit_received",
            "is_open",
            "deposit_received_on",
            "deposit_method",
            "deposit_receipt_number",
            "deposit_invoice_number",
            "sign_by",
            "status",
            "cancel_reason",
            "refund_amount",
            "refunded_on",
            "refund_account",
            "contract",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_refund_account(self, obj: Subscription) -> str:
        return mask_account(obj.refund_account)

    def get_is_open(self, obj: Subscription) -> bool:
        """Still holding the unit (待审批 or 有效)."""
        return obj.status in OPEN_SUBSCRIPTION

    def get_contract(self, obj: Subscription) -> int | None:
        contract = getattr(obj, "contract", None)
        return contract.pk if contract is not None else None


class SubscriptionInputSerializer(InputSerializer):
    unit = ScopedPrimaryKeyField(selector=list_units)
    buyers = serializers.ListField(child=BuyerInputSerializer(), min_length=1, max_length=10)
    subscribed_on = serializers.DateField(required=False)
    consultant = ScopedPrimaryKeyField(selector=colleagues, required=False, allow_null=True, default=None)
    pricing_basis = serializers.ChoiceField(choices=PricingBasis.choices, default=PricingBasis.BUILDING_AREA)
    unit_price = serializers.DecimalField(
        min_value=POSITIVE, required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )
    area = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=POSITIVE, required=False, allow_null=True, default=None
    )
    total_price = serializers.DecimalField(
        min_value=POSITIVE, required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )
    discount_reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    deposit_amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)  # 定金: a subscription has one


class DepositInputSerializer(VersionedInputSerializer):
    received_on = serializers.DateField()
    method = serializers.ChoiceField(choices=DESK_METHODS)
    receipt_number = serializers.CharField(max_length=40)
    invoice_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class DepositRefundInputSerializer(VersionedInputSerializer):
    refund_amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)
    refunded_on = serializers.DateField()
    refund_account = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class InstalmentInputSerializer(InputSerializer):
    amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)
    due_on = serializers.DateField()


class _ContractTermsSerializer(InputSerializer):
    """The terms a contract fixes beyond unit, buyers and price (shared by create and convert)."""

    signed_on = serializers.DateField(required=False)
    payment_plan = serializers.ChoiceField(choices=PaymentPlan.choices, default=PaymentPlan.FULL)
    loan_amount = serializers.DecimalField(min_value=Decimal("0"), default=Decimal("0.00"), max_digits=14, decimal_places=2)
    down_payment_due_on = serializers.DateField(required=False, allow_null=True, default=None)
    instalments = serializers.ListField(child=InstalmentInputSerializer(), required=False, default=list, max_length=60)
    delivery_deadline = serializers.DateField(required=False, allow_null=True, default=None)
    handover_notice_days = serializers.IntegerField(min_value=10, max_value=90, default=14)
    area_clause = serializers.ChoiceField(choices=AreaClause.choices, default=AreaClause.STATUTORY)
    area_threshold_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("10"), default=Decimal("3.00")
    )
    excess_refund_multiplier = serializers.DecimalField(
        max_digits=4, decimal_places=2, min_value=Decimal("1"), max_value=Decimal("5"), default=Decimal("2.00")
    )
    rescission_interest_percent = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("24"),
        default=Decimal("4.35"),
        help_text="agreed annual rate of interest on a refund after rescission (R1.8)",
    )
    area_tax_borne_by = serializers.ChoiceField(choices=TaxBorneBy.choices, default=TaxBorneBy.BUYER)


class ConvertInputSerializer(VersionedInputSerializer, _ContractTermsSerializer):
    """签约 from a subscription: buyers, unit, the (approved) price and the deposit come from it."""


class ContractInputSerializer(_ContractTermsSerializer):
    unit = ScopedPrimaryKeyField(selector=list_units)
    buyers = serializers.ListField(child=BuyerInputSerializer(), min_length=1, max_length=10)
    consultant = ScopedPrimaryKeyField(selector=colleagues, required=False, allow_null=True, default=None)
    pricing_basis = serializers.ChoiceField(choices=PricingBasis.choices, default=PricingBasis.BUILDING_AREA)
    unit_price = serializers.DecimalField(
        min_value=POSITIVE, required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )
    gross_area = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=POSITIVE, required=False, allow_null=True, default=None
    )
    internal_area = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=POSITIVE, required=False, allow_null=True, default=None
    )
    total_price = serializers.DecimalField(
        min_value=POSITIVE, required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )
    discount_reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


# --- Contracts ------------------------------------------------------------------------------------------------


class ContractSerializer(_DealSerializer):
    workflow = CONTRACT
    subscription_number = serializers.CharField(source="subscription.number", read_only=True, allow_null=True, default=None)
    due = serializers.DecimalField(read_only=True, max_digits=14, decimal_places=2)
    paid = serializers.DecimalField(read_only=True, max_digits=14, decimal_places=2)
    balance = serializers.SerializerMethodField()
    filing_overdue = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            *_DealSerializer.DEAL_FIELDS,
            "subscription",
            "subscription_number",
            "signed_on",
            "consultant",
            "consultant_name",
            "buyers",
            "pricing_basis",
            "unit_price",
            "gross_area",
            "internal_area",
            "total_price",
            "discount_reason",
            "payment_plan",
            "loan_amount",
            "delivery_deadline",
            "handover_notice_days",
            "area_clause",
            "area_threshold_percent",
            "excess_refund_multiplier",
            "rescission_interest_percent",
            "area_tax_borne_by",
            "rescission_refund_days",
            "status",
            "filing_due_on",
            "filing_number",
            "filed_on",
            "filing_overdue",
            "cancelled_on",
            "cancel_reason",
            "due",
            "paid",
            "balance",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_balance(self, obj: Contract) -> str:
        return f"{obj.due - obj.paid:.2f}"  # type: ignore[attr-defined]

    def get_filing_overdue(self, obj: Contract) -> bool:
        from django.utils import timezone

        return obj.status == "signed" and obj.filing_due_on < timezone.localdate()


class ContractUpdateSerializer(VersionedInputSerializer):
    delivery_deadline = serializers.DateField(required=False, allow_null=True)
    handover_notice_days = serializers.IntegerField(min_value=10, max_value=90, required=False)


class FilingInputSerializer(VersionedInputSerializer):
    filing_number = serializers.CharField(max_length=60)
    filed_on = serializers.DateField()


class ContractCancelInputSerializer(ActionInputSerializer):
    refund_amount = serializers.DecimalField(
        min_value=Decimal("0"), required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )
    refund_method = serializers.ChoiceField(choices=MoneyMethod.choices, default=MoneyMethod.TRANSFER)
    refund_account = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")


class FilingDueInputSerializer(InputSerializer):
    signed_on = serializers.DateField()


class FilingDueSerializer(serializers.Serializer):
    filing_due_on = serializers.DateField()


# --- Ledger ---------------------------------------------------------------------------------------------------


class ReceivableSerializer(serializers.ModelSerializer):
    allocated = serializers.DecimalField(read_only=True, max_digits=14, decimal_places=2)
    outstanding = serializers.SerializerMethodField()
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    unit_label = serializers.SerializerMethodField()
    consultant_name = serializers.SerializerMethodField()

    class Meta:
        model = Receivable
        fields = [
            "id",
            "contract",
            "contract_number",
            "unit_label",
            "consultant_name",
            "kind",
            "amount",
            "allocated",
            "outstanding",
            "due_on",
            "note",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DecimalField(max_digits=14, decimal_places=2))
    def get_outstanding(self, obj: Receivable) -> str:
        return f"{obj.amount - obj.allocated:.2f}"  # type: ignore[attr-defined]

    def get_unit_label(self, obj: Receivable) -> str:
        return _unit_label(obj.contract.unit)

    def get_consultant_name(self, obj: Receivable) -> str | None:
        return _name(obj.contract.consultant)


class AllocationSerializer(serializers.Serializer):
    receivable = serializers.IntegerField(source="receivable_id")
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)


class EntrySerializer(_Actions, serializers.ModelSerializer):
    workflow = REFUND
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    account = serializers.SerializerMethodField()
    recorded_by_name = serializers.SerializerMethodField()
    decided_by_name = serializers.SerializerMethodField()
    allocations = AllocationSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "contract",
            "contract_number",
            "kind",
            "status",
            "amount",
            "occurred_on",
            "method",
            "receipt_number",
            "invoice_number",
            "account",
            "note",
            "recorded_by_name",
            "decided_by_name",
            "allocations",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_account(self, obj: LedgerEntry) -> str:
        return masked_account(obj)

    def get_recorded_by_name(self, obj: LedgerEntry) -> str | None:
        return _name(obj.recorded_by)

    def get_decided_by_name(self, obj: LedgerEntry) -> str | None:
        return _name(obj.decided_by)


class LedgerSerializer(serializers.Serializer):
    contract = serializers.IntegerField()
    total_price = serializers.DecimalField(max_digits=14, decimal_places=2)
    due = serializers.DecimalField(max_digits=14, decimal_places=2)
    paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    balance = serializers.DecimalField(max_digits=14, decimal_places=2)
    pending_refunds = serializers.DecimalField(max_digits=14, decimal_places=2)
    receivables = ReceivableSerializer(many=True)
    entries = EntrySerializer(many=True)


class ReceivableInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=ReceivableKind.choices)
    amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AllocationInputSerializer(InputSerializer):
    receivable = serializers.IntegerField(min_value=1)
    amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)


class ReceiptInputSerializer(InputSerializer):
    amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)
    occurred_on = serializers.DateField()
    method = serializers.ChoiceField(choices=DESK_METHODS)
    receipt_number = serializers.CharField(max_length=40)
    invoice_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    allocations = serializers.ListField(
        child=AllocationInputSerializer(), required=False, allow_null=True, default=None, max_length=50
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class RefundInputSerializer(InputSerializer):
    amount = serializers.DecimalField(min_value=POSITIVE, max_digits=14, decimal_places=2)
    occurred_on = serializers.DateField()
    method = serializers.ChoiceField(choices=DESK_METHODS)
    account = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200)


# --- Changes --------------------------------------------------------------------------------------------------


class NewBuyerSerializer(serializers.Serializer):
    customer = serializers.IntegerField()
    customer_name = serializers.CharField()
    customer_code = serializers.CharField()
    role = serializers.ChoiceField(choices=BuyerRole.choices)
    share = serializers.DecimalField(max_digits=5, decimal_places=2)


class ChangeSerializer(_Actions, serializers.ModelSerializer):
    workflow = CHANGE
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    new_unit_label = serializers.SerializerMethodField()
    new_buyers = serializers.SerializerMethodField()
    requested_by_name = serializers.SerializerMethodField()
    decided_by_name = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = ContractChange
        fields = [
            "id",
            "contract",
            "contract_number",
            "kind",
            "status",
            "reason",
            "new_unit",
            "new_unit_label",
            "new_total_price",
            "new_buyers",
            "requested_by_name",
            "decided_by_name",
            "decided_at",
            "decision_note",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(NewBuyerSerializer(many=True))
    def get_new_buyers(self, obj: ContractChange) -> list[dict[str, Any]]:
        from anju.customers.models import Customer

        # one query for the whole page: the ids of every row the list serializer holds
        people: dict[int, Any] = self.context.setdefault("_new_buyers", {})
        rows = getattr(self.parent, "instance", None) if self.parent is not None else None
        wanted = {b["customer"] for change in (rows if rows is not None else [obj]) for b in change.new_buyers} - set(people)
        if wanted:
            people.update({c.pk: c for c in Customer.objects.filter(pk__in=wanted)})
        return [
            {
                "customer": b["customer"],
                "customer_name": people[b["customer"]].name if b["customer"] in people else "",
                "customer_code": people[b["customer"]].code if b["customer"] in people else "",
                "role": b["role"],
                "share": b["share"],
            }
            for b in obj.new_buyers
        ]

    def get_new_unit_label(self, obj: ContractChange) -> str | None:
        return _unit_label(obj.new_unit) if obj.new_unit else None

    def get_requested_by_name(self, obj: ContractChange) -> str | None:
        return _name(obj.requested_by)

    def get_decided_by_name(self, obj: ContractChange) -> str | None:
        return _name(obj.decided_by)


class ChangeInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=ChangeKind.choices)
    reason = serializers.CharField(max_length=200)
    new_unit = ScopedPrimaryKeyField(selector=list_units, required=False, allow_null=True, default=None)
    new_total_price = serializers.DecimalField(
        min_value=POSITIVE, required=False, allow_null=True, default=None, max_digits=14, decimal_places=2
    )
    new_buyers = serializers.ListField(child=BuyerInputSerializer(), required=False, default=list, max_length=10)


__all__ = ["selectors"]


# --- Reports --------------------------------------------------------------------------------------------------


class ReportFiguresSerializer(serializers.Serializer):
    consultations = serializers.IntegerField()
    appointments = serializers.IntegerField()
    subscriptions = serializers.IntegerField()
    subscription_area = serializers.DecimalField(max_digits=14, decimal_places=2)
    subscription_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    contracts = serializers.IntegerField()
    contract_area = serializers.DecimalField(max_digits=14, decimal_places=2)
    contract_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    cancellations = serializers.IntegerField()
    received = serializers.DecimalField(max_digits=16, decimal_places=2)
    refunded = serializers.DecimalField(max_digits=16, decimal_places=2)
    loans_disbursed = serializers.DecimalField(max_digits=16, decimal_places=2)
    overdue_filings = serializers.IntegerField()
    overdue_receivables = serializers.IntegerField()
    overdue_amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class ConsultantFiguresSerializer(ReportFiguresSerializer):
    consultant = serializers.IntegerField()
    consultant_name = serializers.CharField()


class ReportDaySerializer(serializers.Serializer):
    date = serializers.DateField()
    consultations = serializers.IntegerField()
    subscriptions = serializers.IntegerField()
    subscription_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    contracts = serializers.IntegerField()
    contract_amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    received = serializers.DecimalField(max_digits=16, decimal_places=2)
    loans_disbursed = serializers.DecimalField(max_digits=16, decimal_places=2)


class SalesReportSerializer(serializers.Serializer):
    period = serializers.ChoiceField(choices=[("day", "day"), ("week", "week"), ("month", "month")])
    start = serializers.DateField()
    end = serializers.DateField()
    project = serializers.IntegerField(allow_null=True)
    consultant = serializers.IntegerField(allow_null=True)
    totals = ReportFiguresSerializer()
    by_consultant = ConsultantFiguresSerializer(many=True)
    series = ReportDaySerializer(many=True)


SETTINGS_FIELDS = [
    "signing_deadline_days",
    "discount_approval_percent",
    "expiry_warning_days",
    "filing_warning_days",
    "mortgage_documents_days",
    "mortgage_approval_warning_days",
    "handover_notice_lead_days",
    "maintenance_fund_basis",
    "maintenance_fund_rate",
    "deed_tax_percent",
    "deed_tax_area_threshold",
    "registration_fee",
    "property_fee_rate",
    "property_fee_months",
]


class SalesSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = SalesSettings
        fields = ["project", *SETTINGS_FIELDS]
        read_only_fields = fields


def _amount(maximum: str) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), max_value=Decimal(maximum))


class SalesSettingsInputSerializer(InputSerializer):
    """Practice, not law: every field has a sane range; the notice lead time cannot go below GF-2014's 10 days."""

    signing_deadline_days = serializers.IntegerField(min_value=1, max_value=60)
    discount_approval_percent = _amount("100")
    expiry_warning_days = serializers.IntegerField(min_value=0, max_value=30)
    filing_warning_days = serializers.IntegerField(min_value=0, max_value=30)
    mortgage_documents_days = serializers.IntegerField(min_value=1, max_value=90)
    mortgage_approval_warning_days = serializers.IntegerField(min_value=1, max_value=180)
    handover_notice_lead_days = serializers.IntegerField(min_value=10, max_value=90)
    maintenance_fund_basis = serializers.ChoiceField(choices=MaintenanceFundBasis.choices)
    maintenance_fund_rate = _amount("10000")
    deed_tax_percent = _amount("10")
    deed_tax_area_threshold = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal("1"), max_value=Decimal("1000"), required=False
    )
    registration_fee = _amount("100000")
    property_fee_rate = _amount("1000")
    property_fee_months = serializers.IntegerField(min_value=0, max_value=36)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["maintenance_fund_basis"] == MaintenanceFundBasis.PERCENT_OF_PRICE and attrs["maintenance_fund_rate"] > 100:
            raise serializers.ValidationError({"maintenance_fund_rate": [_("A share of the price cannot exceed 100 per cent.")]})
        return attrs
