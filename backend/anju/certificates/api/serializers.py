"""Serializers of the certificates API. The certificate number is only ever shown masked here; the clear number comes
from ``reveal`` (access-logged)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.certificates import rules, selectors
from anju.certificates.choices import Clock, Fault
from anju.certificates.models import CertificateCase, ChecklistItem, Delay, ProjectMilestone, Receipt
from anju.certificates.services.cases import mask_number
from anju.certificates.workflow import WORKFLOW
from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import ActionInputSerializer, AllowedActionSerializer
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.models import Project


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user else None


def _not_in_future(value: Any) -> Any:
    if value is not None and value > timezone.localdate():
        raise serializers.ValidationError(_("The date cannot be in the future."))
    return value


class CertificateClockSerializer(serializers.Serializer):
    clock = serializers.ChoiceField(choices=Clock.choices)
    due_on = serializers.DateField()
    days_left = serializers.IntegerField(help_text="negative once missed")


class CertificateCaseSerializer(serializers.ModelSerializer):
    """One unit's certificate pipeline."""

    project_name = serializers.CharField(source="project.name", read_only=True)
    building = serializers.IntegerField(source="unit.building_id", read_only=True)
    unit_label = serializers.SerializerMethodField()
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    owner_names = serializers.SerializerMethodField()
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    certificate_number = serializers.SerializerMethodField(help_text="masked")
    clocks = serializers.SerializerMethodField(help_text="the clocks still running, earliest first")
    handler_name = serializers.SerializerMethodField()

    class Meta:
        model = CertificateCase
        fields = [
            "id",
            "number",
            "project",
            "project_name",
            "building",
            "unit",
            "unit_label",
            "contract",
            "contract_number",
            "owner_names",
            "stage",
            "stage_label",
            "stage_since",
            "sale_kind",
            "mortgaged",
            "pre_registered",
            "delivered_on",
            "developer_documents_due_on",
            "transfer_registration_due_on",
            "pre_registration_lapses_on",
            "developer_documents_submitted_on",
            "deed_tax_paid_on",
            "transfer_applied_on",
            "transfer_completed_on",
            "certificate_number",
            "mortgage_registered_on",
            "sent_to_bank_on",
            "handed_over_on",
            "clocks",
            "handler",
            "handler_name",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: CertificateCase) -> str:
        return f"{obj.unit.building.name} {obj.unit.room_number}"

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_owner_names(self, obj: CertificateCase) -> list[str]:
        return [c.name for c in obj.owners.all()]

    def get_certificate_number(self, obj: CertificateCase) -> str:
        return mask_number(obj.certificate_number)

    @extend_schema_field(CertificateClockSerializer(many=True))
    def get_clocks(self, obj: CertificateCase) -> list[dict[str, Any]]:
        today = timezone.localdate()
        return [
            {"clock": clock, "due_on": due, "days_left": rules.days_left(due, today)} for clock, due in selectors.open_clocks(obj)
        ]

    def get_handler_name(self, obj: CertificateCase) -> str | None:
        return _name(obj.handler)


class CertificateChecklistItemSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_code_display", read_only=True)  # type: ignore[assignment]
    customer_name = serializers.CharField(source="customer.name", read_only=True, allow_null=True, default=None)
    received_by_name = serializers.SerializerMethodField()

    class Meta:
        model = ChecklistItem
        fields = [
            "id",
            "code",
            "label",
            "customer",
            "customer_name",
            "received",
            "received_by",
            "received_by_name",
            "received_at",
        ]
        read_only_fields = fields

    def get_received_by_name(self, obj: ChecklistItem) -> str | None:
        return _name(obj.received_by)


class CertificateDelaySerializer(serializers.ModelSerializer):
    fault_label = serializers.CharField(source="get_fault_display", read_only=True)
    created_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Delay
        fields = ["id", "fault", "fault_label", "occurred_on", "note", "created_by_name", "created_at"]
        read_only_fields = fields

    def get_created_by_name(self, obj: Delay) -> str | None:
        return _name(obj.created_by)


class CertificateReceiptSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    signed = serializers.SerializerMethodField(help_text="a signature image is printed on the form")

    class Meta:
        model = Receipt
        fields = ["id", "number", "kind", "kind_label", "recipient_name", "items", "handed_on", "signed", "created_at"]
        read_only_fields = fields

    def get_signed(self, obj: Receipt) -> bool:
        return bool(obj.signature)


class CertificateCaseDetailSerializer(CertificateCaseSerializer):
    checklist = CertificateChecklistItemSerializer(many=True, read_only=True)
    delays = CertificateDelaySerializer(many=True, read_only=True)
    receipts = CertificateReceiptSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(CertificateCaseSerializer.Meta):
        fields = [
            *CertificateCaseSerializer.Meta.fields,
            "note",
            "checklist",
            "delays",
            "receipts",
            "allowed_actions",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: CertificateCase) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(obj, request.user) if request is not None else []


class CertificateCaseUpdateSerializer(VersionedInputSerializer):
    handler = ScopedPrimaryKeyField(selector=selectors.list_handlers, required=False, allow_null=True)
    pre_registered = serializers.BooleanField(required=False)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class CertificateChecklistEntrySerializer(InputSerializer):
    id = serializers.IntegerField()
    received = serializers.BooleanField()


class CertificateChecklistInputSerializer(VersionedInputSerializer):
    items = CertificateChecklistEntrySerializer(many=True, allow_empty=False)

    def validate_items(self, value: list[Any]) -> list[dict[str, Any]]:
        return [dict(item) for item in value[:50]]


class CertificateDelayInputSerializer(VersionedInputSerializer):
    fault = serializers.ChoiceField(choices=Fault.choices)
    note = serializers.CharField(max_length=500)
    occurred_on = serializers.DateField(validators=[_not_in_future])


class CertificateStepInputSerializer(ActionInputSerializer):
    on = serializers.DateField(required=False, allow_null=True, default=None, help_text="the day it happened (default today)")


class CompleteTransferInputSerializer(CertificateStepInputSerializer):
    certificate_number = serializers.CharField(max_length=60, help_text="不动产权证号 (stored encrypted)")


class SignatureField(serializers.CharField):
    """A signature image as base64 (a ``data:image/png;base64,…`` URL or the bare base64), decoded to bytes."""

    def to_internal_value(self, data: Any) -> Any:  # bytes, or None for no signature
        import base64
        import binascii

        text = str(super().to_internal_value(data)).strip()
        if not text:
            return None
        try:
            return base64.b64decode(text.split(",", 1)[-1], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise serializers.ValidationError(_("The signature must be a PNG or JPEG image of at most 200 KB.")) from exc


class CertificateHandOutInputSerializer(CertificateStepInputSerializer):
    recipient_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    signature = SignatureField(
        required=False, allow_blank=True, default="", max_length=300_000, help_text="optional signature image, base64 PNG/JPEG"
    )


class CertificateRevealInputSerializer(InputSerializer):
    purpose = serializers.CharField(max_length=200)


class CertificateRevealSerializer(serializers.Serializer):
    certificate_number = serializers.CharField()


class CertificateAtRiskSerializer(serializers.Serializer):
    case = serializers.IntegerField(source="case.id")
    number = serializers.CharField(source="case.number")
    project = serializers.IntegerField(source="case.project_id")
    project_name = serializers.CharField(source="case.project.name")
    building = serializers.IntegerField(source="case.unit.building_id")
    unit_label = serializers.SerializerMethodField()
    contract_number = serializers.CharField(source="case.contract.number")
    owner_names = serializers.SerializerMethodField()
    stage = serializers.CharField(source="case.stage")
    clock = serializers.ChoiceField(choices=Clock.choices)
    due_on = serializers.DateField()
    days_left = serializers.IntegerField()

    def get_unit_label(self, row: dict[str, Any]) -> str:
        return f"{row['case'].unit.building.name} {row['case'].unit.room_number}"

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_owner_names(self, row: dict[str, Any]) -> list[str]:
        return [c.name for c in row["case"].owners.all()]


class DeadlinesInputSerializer(InputSerializer):
    delivered_on = serializers.DateField()
    first_registration_on = serializers.DateField(required=False, allow_null=True, default=None)


class DeadlinesSerializer(serializers.Serializer):
    developer_documents_due_on = serializers.DateField()
    transfer_registration_due_on = serializers.DateField(help_text="presale: 90 days after delivery")
    pre_registration_lapses_on = serializers.DateField(allow_null=True)


class CertificateMilestoneSerializer(serializers.ModelSerializer):
    """A project's 首次登记 record (defaults when none was saved)."""

    project = serializers.IntegerField(source="pk", read_only=True)
    project_name = serializers.CharField(source="name", read_only=True)
    first_registration_on = serializers.SerializerMethodField()
    alert_days = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["project", "project_name", "first_registration_on", "alert_days", "version"]
        read_only_fields = fields

    def _milestone(self, obj: Project) -> ProjectMilestone:
        return getattr(obj, "certificate_milestone", None) or ProjectMilestone(project=obj)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_first_registration_on(self, obj: Project) -> Any:
        return self._milestone(obj).first_registration_on

    def get_alert_days(self, obj: Project) -> int:
        return self._milestone(obj).alert_days

    def get_version(self, obj: Project) -> int:
        return self._milestone(obj).version


class CertificateMilestoneInputSerializer(InputSerializer):
    version = serializers.IntegerField(required=False, min_value=1, help_text="the version you read (none before the first save)")
    first_registration_on = serializers.DateField(required=False, allow_null=True, validators=[_not_in_future])
    alert_days = serializers.IntegerField(required=False, min_value=1, max_value=60)
