from __future__ import annotations

from rest_framework import serializers

from anju.customers.choices import AppointmentStatus
from anju.properties.choices import UnitStatus


class CustomerFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    new_this_month = serializers.IntegerField()


class UnitStatusCountsSerializer(serializers.Serializer):
    def get_fields(self) -> dict[str, serializers.Field]:
        return {status.value: serializers.IntegerField() for status in UnitStatus}


class UnitFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_status = UnitStatusCountsSerializer()


class TodayAppointmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    customer = serializers.IntegerField()
    customer_name = serializers.CharField()
    consultant_name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=AppointmentStatus.choices)


class AppointmentFiguresSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    items = TodayAppointmentSerializer(many=True)


class DueFollowUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    customer = serializers.IntegerField()
    customer_name = serializers.CharField()
    next_step = serializers.CharField()
    next_follow_up_on = serializers.DateField()


class FollowUpFiguresSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()
    items = DueFollowUpSerializer(many=True)


class WorkOrderFiguresSerializer(serializers.Serializer):
    pending_dispatch = serializers.IntegerField()
    open = serializers.IntegerField()
    mine_open = serializers.IntegerField()
    created_today = serializers.IntegerField()
    completed_today = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    date = serializers.DateField()
    project = serializers.IntegerField(allow_null=True)
    customers = CustomerFiguresSerializer(allow_null=True)
    units = UnitFiguresSerializer(allow_null=True)
    appointments_today = AppointmentFiguresSerializer(allow_null=True)
    follow_ups_due = FollowUpFiguresSerializer(allow_null=True)
    work_orders = WorkOrderFiguresSerializer(allow_null=True)
