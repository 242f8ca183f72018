from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import ActionInputSerializer, AllowedActionSerializer
from anju.mortgage import selectors
from anju.mortgage.choices import DocumentCode, DocumentStatus, Stage
from anju.mortgage.models import Bank, ChecklistItem, MortgageCase
from anju.mortgage.workflow import WORKFLOW
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues, visible_project_ids
from anju.properties.selectors import list_projects


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user else None


def _not_in_future(value: Any) -> Any:
    if value is not None and value > timezone.localdate():
        raise serializers.ValidationError(_("The date cannot be in the future."))
    return value


# --- Banks ----------------------------------------------------------------------------------------------------


class BankSerializer(serializers.ModelSerializer):
    projects = serializers.SerializerMethodField(help_text="the partner projects within your data scope")

    class Meta:
        model = Bank
        fields = ["id", "code", "name", "is_active", "projects"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_projects(self, obj: Bank) -> list[int]:
        request = self.context.get("request")
        ids = visible_project_ids(request.user if request else None)
        return sorted(p.pk for p in obj.projects.all() if ids is None or p.pk in ids)


class BankInputSerializer(InputSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20)
    name = serializers.CharField(max_length=100)
    is_active = serializers.BooleanField(required=False, default=True)
    projects = ScopedPrimaryKeyField(selector=list_projects, many=True, required=False, default=list)


class BankUpdateSerializer(PartialInputMixin, BankInputSerializer):
    """The fields to change; ``projects`` replaces the partner projects within your scope."""


# --- Cases ----------------------------------------------------------------------------------------------------


class CaseLinkSerializer(serializers.ModelSerializer):
    """The case before or after this one (换行重新申请)."""

    bank_name = serializers.CharField(source="bank.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = MortgageCase
        fields = ["id", "number", "bank", "bank_name", "stage"]
        read_only_fields = fields


class MortgageCaseSerializer(serializers.ModelSerializer):
    """One row of 办理贷款客户清单 (JH-QR-KF01)."""

    project_name = serializers.CharField(source="project.name", read_only=True)
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    unit = serializers.IntegerField(source="contract.unit_id", read_only=True)
    unit_label = serializers.SerializerMethodField()
    borrower_names = serializers.SerializerMethodField()
    bank_name = serializers.CharField(source="bank.name", read_only=True, allow_null=True, default=None)
    loan_type_label = serializers.CharField(source="get_loan_type_display", read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    days_in_stage = serializers.SerializerMethodField()
    officer_name = serializers.SerializerMethodField()

    class Meta:
        model = MortgageCase
        fields = [
            "id",
            "number",
            "project",
            "project_name",
            "contract",
            "contract_number",
            "unit",
            "unit_label",
            "borrower_names",
            "bank",
            "bank_name",
            "loan_type",
            "loan_type_label",
            "amount",
            "term_years",
            "stage",
            "stage_label",
            "stage_since",
            "days_in_stage",
            "documents_due_on",
            "documents_complete_on",
            "interviewed_on",
            "approved_on",
            "rejected_on",
            "disbursed_on",
            "disbursed_amount",
            "officer",
            "officer_name",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: MortgageCase) -> str:
        unit = obj.contract.unit
        return f"{unit.building.name} {unit.room_number}"  # as the contract screens write it

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_borrower_names(self, obj: MortgageCase) -> list[str]:
        return [c.name for c in obj.borrowers.all()]

    def get_days_in_stage(self, obj: MortgageCase) -> int:
        return selectors.days_in_stage(obj)

    def get_officer_name(self, obj: MortgageCase) -> str | None:
        return _name(obj.officer)


class ChecklistItemSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_code_display", read_only=True)  # type: ignore[assignment]
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ChecklistItem
        fields = ["code", "label", "status", "status_label", "note", "updated_at"]
        read_only_fields = fields


class BorrowerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class MortgageCaseDetailSerializer(MortgageCaseSerializer):
    consultant = serializers.IntegerField(source="contract.consultant_id", read_only=True)
    consultant_name = serializers.SerializerMethodField()
    borrowers = BorrowerSerializer(many=True, read_only=True)
    checklist = ChecklistItemSerializer(many=True, read_only=True)
    previous_case = CaseLinkSerializer(read_only=True, allow_null=True)
    next_case = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta(MortgageCaseSerializer.Meta):
        fields = [
            *MortgageCaseSerializer.Meta.fields,
            "consultant",
            "consultant_name",
            "borrowers",
            "spouse_name",
            "note",
            "guarantee_released_on",
            "checklist",
            "previous_case",
            "next_case",
            "allowed_actions",
            "updated_at",
        ]
        read_only_fields = fields

    def get_consultant_name(self, obj: MortgageCase) -> str | None:
        return _name(obj.contract.consultant)

    @extend_schema_field(CaseLinkSerializer(allow_null=True))
    def get_next_case(self, obj: MortgageCase) -> dict[str, Any] | None:
        following = getattr(obj, "next_case", None)
        return CaseLinkSerializer(following).data if following is not None else None

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: MortgageCase) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(obj, request.user) if request is not None else []


class MortgageCaseUpdateSerializer(VersionedInputSerializer):
    officer = ScopedPrimaryKeyField(selector=colleagues, required=False, allow_null=True)
    bank = ScopedPrimaryKeyField(selector=selectors.active_banks, required=False, allow_null=True)
    term_years = serializers.IntegerField(min_value=1, max_value=30, required=False)
    spouse_name = serializers.CharField(max_length=50, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ChecklistEntrySerializer(InputSerializer):
    code = serializers.ChoiceField(choices=DocumentCode.choices)
    status = serializers.ChoiceField(choices=DocumentStatus.choices)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ChecklistInputSerializer(VersionedInputSerializer):
    """Documents to mark (one or several at once)."""

    items = ChecklistEntrySerializer(many=True, allow_empty=False)

    def validate_items(self, value: list[Any]) -> list[dict[str, Any]]:
        if len(value) > len(DocumentCode.values):
            raise serializers.ValidationError(_("At most %(n)s documents at once.") % {"n": len(DocumentCode.values)})
        return [dict(item) for item in value]


class DisburseInputSerializer(VersionedInputSerializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    disbursed_on = serializers.DateField(validators=[_not_in_future])
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CloseInputSerializer(VersionedInputSerializer):
    guarantee_released_on = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[_not_in_future], help_text="default: today"
    )


class SwitchBankInputSerializer(ActionInputSerializer):
    bank = ScopedPrimaryKeyField(selector=selectors.active_banks, help_text="the bank of the new application")


class ToFullPaymentInputSerializer(ActionInputSerializer):
    due_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="when the buyer pays the rest")


class StageCountSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()  # type: ignore[assignment]
    count = serializers.IntegerField()


class BoardSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    stages = StageCountSerializer(many=True)


class BankStatSerializer(serializers.Serializer):
    bank = serializers.IntegerField()
    bank_name = serializers.CharField()
    cases = serializers.IntegerField()
    approved = serializers.IntegerField()
    rejected = serializers.IntegerField()
    approval_rate = serializers.DecimalField(
        max_digits=5, decimal_places=4, allow_null=True, help_text="approved / (approved + rejected); null before any decision"
    )
    average_days_to_disbursement = serializers.DecimalField(
        max_digits=7, decimal_places=1, allow_null=True, help_text="from documents complete to disbursement"
    )


class OfficerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, obj: Any) -> str:
        return str(obj.display_name or obj.username)
