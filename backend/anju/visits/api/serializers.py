from __future__ import annotations

from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.visits.models import ReturnVisit


class ReturnVisitSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    number = serializers.CharField(source="work_order.number", read_only=True)
    order_type = serializers.CharField(source="work_order.type", read_only=True)
    description = serializers.CharField(source="work_order.description", read_only=True)
    work_done = serializers.CharField(source="work_order.work_done", read_only=True)
    customer = serializers.IntegerField(source="work_order.customer_id", read_only=True, allow_null=True)
    customer_name = serializers.CharField(source="work_order.customer.name", read_only=True, allow_null=True, default=None)
    contact_name = serializers.CharField(source="work_order.contact_name", read_only=True)
    technician_name = serializers.SerializerMethodField()
    assignee_name = serializers.SerializerMethodField()

    class Meta:
        model = ReturnVisit
        fields = [
            "id",
            "work_order",
            "number",
            "order_type",
            "description",
            "work_done",
            "customer",
            "customer_name",
            "contact_name",
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
        ]
        read_only_fields = fields

    def get_technician_name(self, obj: ReturnVisit) -> str | None:
        user = obj.work_order.assignee
        return (user.display_name or user.username) if user else None

    def get_assignee_name(self, obj: ReturnVisit) -> str | None:
        return (obj.assignee.display_name or obj.assignee.username) if obj.assignee else None


class AttemptInputSerializer(InputSerializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)


class OutcomeInputSerializer(InputSerializer):
    resolved = serializers.BooleanField()
    satisfaction = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    version = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
