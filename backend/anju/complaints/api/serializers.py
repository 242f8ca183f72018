from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.accounts.models import Department
from anju.complaints.models import Complaint, ComplaintCategory, ComplaintCategoryDepartment, Incident, IncidentStatus, Severity
from anju.complaints.workflow import WORKFLOW
from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues, visible_project_ids
from anju.workorders.selectors import list_work_orders


class ComplaintSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="work_order.number", read_only=True)
    description = serializers.CharField(source="work_order.description", read_only=True)
    customer_name = serializers.CharField(source="work_order.customer.name", read_only=True, allow_null=True, default=None)
    building_name = serializers.CharField(source="work_order.building.name", read_only=True, allow_null=True, default=None)
    owner_name = serializers.SerializerMethodField()
    linked_numbers = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()
    linked_orders = serializers.SerializerMethodField()
    incidents: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id",
            "work_order",
            "number",
            "description",
            "customer_name",
            "building_name",
            "category",
            "severity",
            "department",
            "owner",
            "owner_name",
            "stage",
            "escalation_level",
            "outcome",
            "compensation",
            "linked_orders",
            "linked_numbers",
            "incidents",
            "allowed_actions",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_owner_name(self, obj: Complaint) -> str | None:
        return (obj.owner.display_name or obj.owner.username) if obj.owner else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_linked_numbers(self, obj: Complaint) -> list[str]:
        return [o.number for o in self._visible_links(obj)]

    def _visible_links(self, obj: Complaint) -> list[Any]:
        request = self.context.get("request")
        ids = visible_project_ids(request.user if request else None)
        return [o for o in obj.linked_orders.all() if ids is None or o.project_id in ids]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_linked_orders(self, obj: Complaint) -> list[int]:
        return [o.pk for o in self._visible_links(obj)]

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: Complaint) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(obj, request.user) if request is not None else []


class ComplaintUpdateSerializer(VersionedInputSerializer):
    category = serializers.ChoiceField(choices=ComplaintCategory.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    department = serializers.CharField(max_length=50, required=False, allow_blank=True)
    outcome = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    compensation = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False)
    # Out-of-scope and missing orders get the same answer (an unknown id): existence is not revealed.
    linked_orders = ScopedPrimaryKeyField(selector=list_work_orders, many=True, required=False)


class StepInputSerializer(VersionedInputSerializer):
    text = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RepresentativeSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=50)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class IncidentSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    building_name = serializers.CharField(source="building.name", read_only=True, allow_null=True, default=None)
    owner_name = serializers.SerializerMethodField()
    complaint_count = serializers.SerializerMethodField()
    representatives = RepresentativeSerializer(many=True, read_only=True)
    complaints = ComplaintSerializer(many=True, read_only=True)

    class Meta:
        model = Incident
        fields = [
            "id",
            "project",
            "project_name",
            "building",
            "building_name",
            "category",
            "status",
            "owner",
            "owner_name",
            "response_plan",
            "representatives",
            "closure_note",
            "opened_at",
            "closed_at",
            "complaint_count",
            "complaints",
            "version",
        ]
        read_only_fields = fields

    def get_owner_name(self, obj: Incident) -> str | None:
        return (obj.owner.display_name or obj.owner.username) if obj.owner else None

    def get_complaint_count(self, obj: Incident) -> int:
        return obj.complaints.count()


class IncidentUpdateSerializer(VersionedInputSerializer):
    status = serializers.ChoiceField(choices=IncidentStatus.choices, required=False)
    owner = ScopedPrimaryKeyField(selector=colleagues, required=False, allow_null=True)
    response_plan = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    representatives = RepresentativeSerializer(many=True, required=False)
    closure_note = serializers.CharField(max_length=2000, required=False, allow_blank=True)

    def validate_representatives(self, value: list[Any]) -> list[Any]:
        if len(value) > 5:
            raise serializers.ValidationError(_("At most 5 representatives."))
        return [dict(v) for v in value]


class ComplaintCategoryDepartmentSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = ComplaintCategoryDepartment
        fields = ["id", "category", "department", "department_name"]
        read_only_fields = fields


class ComplaintCategoryDepartmentInputSerializer(InputSerializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Department.objects.filter(is_active=True))
