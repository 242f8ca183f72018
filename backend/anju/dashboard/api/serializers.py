from __future__ import annotations

from rest_framework import serializers

from anju.accounts.api.serializers import ROLE_CHOICES
from anju.customers.choices import AppointmentStatus
from anju.properties.choices import UnitStatus
from anju.workorders.choices import Priority, Status


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


class TileSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="label key in the web app (home.tiles.<key>)")
    count = serializers.IntegerField(help_text="the number of rows the list at route?query shows")
    tone = serializers.CharField(help_text='"", "warning" or "danger": how urgent a non-zero figure is')
    route = serializers.CharField(help_text="the web screen of the list")
    query = serializers.DictField(child=serializers.CharField(), help_text="the list's query (API parameter names)")


class RoleSectionSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ROLE_CHOICES)
    tiles = TileSerializer(many=True)


class SatisfactionTrendSerializer(serializers.Serializer):
    this_week = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    last_week = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    query = serializers.DictField(
        child=serializers.CharField(), help_text="the return-visit list (API parameters) this week's average is taken over"
    )


class WorstGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    project = serializers.CharField(allow_blank=True, help_text="the building's project (buildings only)")
    on_time_percent = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    satisfaction = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)
    visits_query = serializers.DictField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="the return-visit list (API parameters) the group's satisfaction is the average of",
    )
    finished = serializers.IntegerField()


class JobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    category = serializers.CharField()
    address = serializers.CharField()
    appointment_start = serializers.DateTimeField(allow_null=True)
    appointment_end = serializers.DateTimeField(allow_null=True)
    sla_due_at = serializers.DateTimeField(allow_null=True)
    overdue = serializers.BooleanField()


class WorkspaceSerializer(serializers.Serializer):
    date = serializers.DateField()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=ROLE_CHOICES))
    sections = RoleSectionSerializer(many=True)
    figures = TileSerializer(
        many=True, allow_null=True, help_text="the selling and managing roles' figures (customers, units, …); null for others"
    )
    satisfaction = SatisfactionTrendSerializer(allow_null=True)
    worst_buildings = WorstGroupSerializer(many=True, allow_null=True)
    worst_categories = WorstGroupSerializer(many=True, allow_null=True)
    jobs = JobSerializer(many=True, allow_null=True)
