from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core import pii
from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.customers.choices import (
    ConsultationCategory,
    ContactChannel,
    CustomerSource,
    Gender,
    IdType,
    OwnershipRole,
)
from anju.customers.models import Appointment, Consultation, Customer, FollowUp, Tag, UnitOwnership
from anju.customers.selectors import CUSTOMER_ORDERINGS, reads_tags
from anju.customers.services.customers import decrypt_email, decrypt_id_number, decrypt_mobiles
from anju.customers.workflow import WORKFLOW
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues, visible_project_ids
from anju.properties.selectors import list_projects, list_units

User = get_user_model()


def _customers(actor: Any) -> Any:
    from anju.customers.selectors import list_customers

    return list_customers(actor=actor)


def _active_users(actor: Any) -> Any:
    return colleagues(actor)


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name", "color", "description"]
        read_only_fields = fields


class TagInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=30)
    color = serializers.RegexField(r"^#[0-9A-Fa-f]{6}$", required=False, default="#409EFF")
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TagUpdateSerializer(InputSerializer):
    name = serializers.CharField(max_length=30, required=False)
    color = serializers.RegexField(r"^#[0-9A-Fa-f]{6}$", required=False)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)


class OwnedUnitSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="unit.__str__", read_only=True)
    project = serializers.IntegerField(source="unit.project_id", read_only=True)
    project_name = serializers.CharField(source="unit.project.name", read_only=True)
    customer_code = serializers.CharField(source="customer.code", read_only=True)
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = UnitOwnership
        fields = [
            "id",
            "unit",
            "unit_label",
            "project",
            "project_name",
            "customer",
            "customer_code",
            "customer_name",
            "role",
            "since",
            "created_at",
        ]
        read_only_fields = fields


class ProjectBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CustomerSerializer(serializers.ModelSerializer):
    """Personal data masked: ``138****1234``, ``110***********002X``, ``z***@example.com``."""

    mobiles = serializers.SerializerMethodField()
    id_number = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField(help_text="masked; empty: none")
    tags = TagSerializer(many=True, read_only=True, help_text="empty for a reader without customers.view_tag")
    projects = serializers.SerializerMethodField()
    consultant_name = serializers.SerializerMethodField()

    class Meta:
        model = Customer
        fields = [
            "id",
            "code",
            "name",
            "gender",
            "mobiles",
            "id_type",
            "id_number",
            "email",
            "address",
            "source",
            "tags",
            "notes",
            "marketing_consent",
            "marketing_consent_at",
            "consultant",
            "consultant_name",
            "projects",
            "version",
            "created_at",
            "updated_at",
            "erased_at",
        ]
        read_only_fields = fields

    def get_mobiles(self, obj: Customer) -> list[str]:
        return [pii.mask_mobile(m) for m in decrypt_mobiles(obj)]

    def to_representation(self, instance: Customer) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self._reads_tags():
            data["tags"] = []  # how the company labels a customer (VIP, 投诉敏感…) is not a technician's business
        return data

    def _reads_tags(self) -> bool:
        if not hasattr(self, "_tags_readable"):  # once per serializer (a list's rows share the child)
            request = self.context.get("request")
            self._tags_readable = reads_tags(request.user if request else None)
        return self._tags_readable

    def get_id_number(self, obj: Customer) -> str:
        value = decrypt_id_number(obj)
        return pii.mask_id_number(value) if value else ""

    def get_email(self, obj: Customer) -> str:
        return pii.mask_email(decrypt_email(obj))

    @extend_schema_field(ProjectBriefSerializer(many=True))
    def get_projects(self, obj: Customer) -> list[dict[str, Any]]:
        """Only the projects the caller works in: a shared customer does not tell where else they are known."""
        request = self.context.get("request")
        ids = visible_project_ids(request.user if request else None)
        return [{"id": p.id, "name": p.name} for p in obj.projects.all() if ids is None or p.id in ids]

    def get_consultant_name(self, obj: Customer) -> str | None:
        return str(obj.consultant) if obj.consultant_id else None


class CustomerDetailSerializer(CustomerSerializer):
    units = serializers.SerializerMethodField()

    class Meta(CustomerSerializer.Meta):
        fields = [*CustomerSerializer.Meta.fields, "units"]
        read_only_fields = fields

    @extend_schema_field(OwnedUnitSerializer(many=True))
    def get_units(self, obj: Customer) -> Any:
        from anju.customers.selectors import list_ownerships

        request = self.context.get("request")
        ownerships = list_ownerships(actor=request.user if request else None).filter(customer=obj)
        return OwnedUnitSerializer(ownerships, many=True).data


class CustomerFieldsSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, default=Gender.UNKNOWN)
    mobiles = serializers.ListField(child=serializers.CharField(max_length=20), min_length=1, max_length=5)
    id_type = serializers.ChoiceField(choices=IdType.choices, required=False, default=IdType.RESIDENT_ID)
    id_number = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    # checked by the service (EmailValidator), so that the message is the same from the form and the import
    email = serializers.CharField(max_length=300, required=False, allow_blank=True, default="", help_text="optional")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    source = serializers.ChoiceField(choices=CustomerSource.choices, required=False, default=CustomerSource.OTHER)  # type: ignore[assignment]
    tags = serializers.PrimaryKeyRelatedField(many=True, queryset=Tag.objects.all(), required=False, default=list)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    marketing_consent = serializers.BooleanField(required=False, default=False)
    consultant = ScopedPrimaryKeyField(selector=_active_users, required=False, allow_null=True, default=None)
    projects = ScopedPrimaryKeyField(selector=lambda actor: list_projects(actor=actor), many=True, allow_empty=False)


class CustomerCreateSerializer(InputSerializer, CustomerFieldsSerializer):
    pass


class CustomerUpdateSerializer(PartialInputMixin, VersionedInputSerializer, CustomerFieldsSerializer):
    """The fields to change, with the version you read (in the body or as If-Match)."""


class CustomerSearchSerializer(InputSerializer):
    """Search in a POST body so that full mobile and ID numbers never appear in URLs or logs."""

    q = serializers.CharField(max_length=50, required=False, allow_blank=True)
    mobile = serializers.CharField(max_length=20, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=30, required=False, allow_blank=True)
    tag = serializers.IntegerField(required=False, allow_null=True)
    project = serializers.IntegerField(required=False, allow_null=True)
    consultant = serializers.IntegerField(required=False, allow_null=True)
    ordering = serializers.ChoiceField(choices=[(key, key) for key in CUSTOMER_ORDERINGS], required=False, allow_blank=True)
    page = serializers.IntegerField(min_value=1, max_value=100_000, required=False, default=1)  # offset fits the database
    page_size = serializers.IntegerField(min_value=1, max_value=200, required=False, default=20)


class LinkCustomerInputSerializer(InputSerializer):
    """Find a customer registered in another project by a full mobile or ID number and add them to ``project``."""

    project = ScopedPrimaryKeyField(selector=lambda actor: list_projects(actor=actor))
    mobile = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=200, min_length=2, help_text="Why the customer is linked (audited).")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("mobile") and not attrs.get("id_number"):
            raise serializers.ValidationError({"mobile": [_("Enter the mobile or the ID number.")]})
        return attrs


class RevealInputSerializer(InputSerializer):
    purpose = serializers.CharField(max_length=200, min_length=2)
    targets = serializers.MultipleChoiceField(
        choices=["mobiles", "id_number", "email"], required=False, help_text="Which values to reveal; all when omitted."
    )


class RevealSerializer(serializers.Serializer):
    mobiles = serializers.ListField(child=serializers.CharField(), required=False)
    id_number = serializers.CharField(required=False)
    email = serializers.CharField(required=False)


class BatchTagSerializer(InputSerializer):
    customers = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=1000)
    add = serializers.PrimaryKeyRelatedField(many=True, queryset=Tag.objects.all(), required=False, default=list)
    remove = serializers.PrimaryKeyRelatedField(many=True, queryset=Tag.objects.all(), required=False, default=list)


class BatchTagResultSerializer(serializers.Serializer):
    changed = serializers.IntegerField()


class CustomerImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()


class OwnershipInputSerializer(InputSerializer):
    customer = ScopedPrimaryKeyField(selector=_customers)
    unit = ScopedPrimaryKeyField(selector=lambda actor: list_units(actor=actor))
    role = serializers.ChoiceField(choices=OwnershipRole.choices, required=False, default=OwnershipRole.PRIMARY)
    since = serializers.DateField(required=False, allow_null=True, default=None)


class ConsultationSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    handler_name = serializers.CharField(source="handler.__str__", read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "customer",
            "customer_name",
            "project",
            "channel",
            "category",
            "content",
            "reply",
            "handler",
            "handler_name",
            "occurred_at",
            "created_at",
        ]
        read_only_fields = fields


class ConsultationInputSerializer(InputSerializer):
    customer = ScopedPrimaryKeyField(selector=_customers)
    project = ScopedPrimaryKeyField(selector=lambda actor: list_projects(actor=actor))
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    category = serializers.ChoiceField(choices=ConsultationCategory.choices)
    content = serializers.CharField(max_length=2000)
    reply = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class AppointmentSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    consultant_name = serializers.CharField(source="consultant.__str__", read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Appointment
        fields = [
            "id",
            "customer",
            "customer_name",
            "project",
            "consultant",
            "consultant_name",
            "starts_at",
            "ends_at",
            "status",
            "note",
            "allowed_actions",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: Appointment) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(obj, request.user) if request is not None else []


class AppointmentInputSerializer(InputSerializer):
    customer = ScopedPrimaryKeyField(selector=_customers)
    project = ScopedPrimaryKeyField(selector=lambda actor: list_projects(actor=actor))
    consultant = ScopedPrimaryKeyField(selector=_active_users)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AppointmentActionSerializer(InputSerializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FollowUpSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    customer_code = serializers.CharField(source="customer.code", read_only=True)
    owner_name = serializers.CharField(source="owner.__str__", read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "customer",
            "customer_code",
            "customer_name",
            "project",
            "method",
            "content",
            "next_step",
            "next_follow_up_on",
            "owner",
            "owner_name",
            "occurred_at",
            "created_at",
        ]
        read_only_fields = fields


class FollowUpInputSerializer(InputSerializer):
    customer = ScopedPrimaryKeyField(selector=_customers)
    project = ScopedPrimaryKeyField(
        selector=lambda actor: list_projects(actor=actor),
        required=False,
        allow_null=True,
        default=None,
        help_text="The project it is about (seen only there); by default the one project you share with the customer.",
    )
    method = serializers.ChoiceField(choices=ContactChannel.choices)
    content = serializers.CharField(max_length=2000)
    next_step = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    next_follow_up_on = serializers.DateField(required=False, allow_null=True, default=None)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ConsultantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
