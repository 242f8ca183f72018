from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.customers.models import Tag
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues
from anju.properties.selectors import list_projects
from anju.visits.care import MAX_OFFSET_DAYS, MAX_OFFSETS
from anju.visits.models import CareBasis, CarePlan, ReturnVisit
from anju.visits.workflow import WORKFLOW as VISIT_WORKFLOW


class ReturnVisitSerializer(serializers.ModelSerializer):
    """A service visit (after an order) or a care visit (from a care plan: no order, the plan's script)."""

    number = serializers.CharField(source="work_order.number", read_only=True, allow_null=True, default=None)
    order_type = serializers.CharField(source="work_order.type", read_only=True, allow_null=True, default=None)
    description = serializers.CharField(source="work_order.description", read_only=True, allow_null=True, default=None)
    work_done = serializers.CharField(source="work_order.work_done", read_only=True, allow_null=True, default=None)
    reported_at = serializers.DateTimeField(
        source="work_order.created_at", read_only=True, allow_null=True, default=None, help_text="when the order was reported"
    )
    customer = serializers.SerializerMethodField()
    customer_name = serializers.SerializerMethodField()
    contact_name = serializers.SerializerMethodField()
    unit_label = serializers.SerializerMethodField()
    plan_name = serializers.CharField(source="plan.name", read_only=True, allow_null=True, default=None)
    script = serializers.CharField(source="plan.script", read_only=True, allow_null=True, default=None)
    technician_name = serializers.SerializerMethodField()
    assignee_name = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = ReturnVisit
        fields = [
            "id",
            "kind",
            "project",
            "work_order",
            "number",
            "order_type",
            "description",
            "work_done",
            "reported_at",
            "plan",
            "plan_name",
            "script",
            "occurs_on",
            "customer",
            "customer_name",
            "contact_name",
            "unit",
            "unit_label",
            "technician_name",
            "assignee",
            "assignee_name",
            "status",
            "due_at",
            "attempts",
            "reached",
            "resolved",
            "satisfaction",
            "comment",
            "outcome_action",
            "completed_at",
            "version",
            "allowed_actions",
        ]
        read_only_fields = fields

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: ReturnVisit) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return VISIT_WORKFLOW.allowed_actions(obj, request.user) if request is not None else []

    def _customer(self, obj: ReturnVisit) -> Any:
        return obj.work_order.customer if obj.work_order is not None else obj.customer

    def get_customer(self, obj: ReturnVisit) -> int | None:
        customer = self._customer(obj)
        return customer.pk if customer else None

    def get_customer_name(self, obj: ReturnVisit) -> str | None:
        customer = self._customer(obj)
        return customer.name if customer else None

    def get_contact_name(self, obj: ReturnVisit) -> str:
        if obj.work_order is not None:
            return obj.work_order.contact_name
        return obj.customer.name if obj.customer else ""

    def get_unit_label(self, obj: ReturnVisit) -> str | None:
        unit = obj.work_order.unit if obj.work_order is not None else obj.unit
        return f"{unit.building.name} {unit.room_number}" if unit else None

    def get_technician_name(self, obj: ReturnVisit) -> str | None:
        user = obj.work_order.assignee if obj.work_order is not None else None
        return (user.display_name or user.username) if user else None

    def get_assignee_name(self, obj: ReturnVisit) -> str | None:
        return (obj.assignee.display_name or obj.assignee.username) if obj.assignee else None


class CarePlanSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    tag_name = serializers.CharField(source="tag.name", read_only=True, allow_null=True, default=None)
    assignee_name = serializers.SerializerMethodField()
    offsets = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    pending = serializers.IntegerField(read_only=True, help_text="visits still to call")
    done = serializers.IntegerField(read_only=True, help_text="visits finished (answered or unreachable)")

    class Meta:
        model = CarePlan
        fields = [
            "id",
            "project",
            "project_name",
            "name",
            "basis",
            "tag",
            "tag_name",
            "offsets",
            "repeat_months",
            "starts_on",
            "script",
            "assignee",
            "assignee_name",
            "active",
            "pending",
            "done",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_assignee_name(self, obj: CarePlan) -> str | None:
        return (obj.assignee.display_name or obj.assignee.username) if obj.assignee else None


class _CarePlanFields(InputSerializer):
    name = serializers.CharField(max_length=60)
    basis = serializers.ChoiceField(choices=CareBasis.choices)
    tag = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), required=False, allow_null=True, default=None)
    offsets = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=MAX_OFFSET_DAYS),
        max_length=MAX_OFFSETS,
        required=False,
        default=list,
        help_text="days after the handover date (or the plan's start): [7, 30]",
    )
    repeat_months = serializers.IntegerField(
        min_value=1, max_value=120, required=False, allow_null=True, default=None, help_text="12 = every year"
    )
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    script = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    assignee = ScopedPrimaryKeyField(selector=colleagues, required=False, allow_null=True, default=None)
    active = serializers.BooleanField(required=False, default=True)


class CarePlanCreateSerializer(_CarePlanFields):
    project = ScopedPrimaryKeyField(selector=list_projects)


class CarePlanUpdateSerializer(PartialInputMixin, _CarePlanFields, VersionedInputSerializer):
    """The fields to change, with the version you read (a stale one gets 409)."""


class AssigneeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class AttemptInputSerializer(VersionedInputSerializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class OutcomeInputSerializer(VersionedInputSerializer):
    resolved = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text="required for a visit after a work order"
    )
    satisfaction = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
