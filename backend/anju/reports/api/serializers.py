from __future__ import annotations

from typing import Any

from rest_framework import serializers

from anju.reports.catalog import REPORTS
from anju.reports.models import ReportSubscription, Schedule


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()  # "label" is also an attribute of Field
    kind = serializers.CharField(help_text="count, percent, minutes (working minutes), score, number or text")


class DimensionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()  # "label" is also an attribute of Field


class ReportInfoSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    dimensions = DimensionSerializer(many=True)
    columns = ColumnSerializer(many=True)
    chart = serializers.CharField(help_text="bar, or heatmap (where × what)")
    chart_value = serializers.CharField(help_text="the column the chart draws")


class PreviousPeriodSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    totals = serializers.DictField()


class ReportSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    project = serializers.IntegerField(allow_null=True)
    building = serializers.IntegerField(allow_null=True)
    by = serializers.CharField()
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="one object per group: `key`, `label`, the columns' figures and `drilldown` (the list URL whose "
        "count is the row's count, or null for a group no filter can name)",
    )
    totals = serializers.DictField(help_text="the columns' figures over every row, and the `drilldown` of them all")
    previous = PreviousPeriodSerializer(allow_null=True, help_text="the previous period's totals (with compare=true)")


class ReportSubscriptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    report = serializers.ChoiceField(choices=[], source="report_key", help_text="the report key (GET /reports/)")
    report_title = serializers.SerializerMethodField()
    schedule = serializers.ChoiceField(
        choices=Schedule.choices, help_text="daily (yesterday), weekly (last week, Mondays), monthly (last month, the 1st)"
    )
    project = serializers.IntegerField(source="project_id", required=False, allow_null=True, min_value=1)
    project_name = serializers.SerializerMethodField()
    building = serializers.IntegerField(source="building_id", required=False, allow_null=True, min_value=1)
    building_name = serializers.SerializerMethodField()
    by = serializers.CharField(required=False, allow_blank=True, max_length=20)
    active = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    last_sent_at = serializers.DateTimeField(read_only=True, allow_null=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        report: Any = self.fields["report"]
        report.choices = [(key, str(r.title)) for key, r in REPORTS.items()]

    def get_report_title(self, obj: ReportSubscription) -> str:
        report = REPORTS.get(obj.report_key)
        return str(report.title) if report else obj.report_key

    def get_project_name(self, obj: ReportSubscription) -> str | None:
        return obj.project.name if obj.project else None

    def get_building_name(self, obj: ReportSubscription) -> str | None:
        return obj.building.name if obj.building else None


class ReportSubscriptionUpdateSerializer(serializers.Serializer):
    active = serializers.BooleanField(help_text="false pauses the subscription, true resumes it")


class SummaryFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label: Any = serializers.CharField()  # "label" is also an attribute of Field
    unit = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    previous = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    better = serializers.CharField(help_text="up, down or none: which way is an improvement")


class SummaryProblemSerializer(serializers.Serializer):
    label: Any = serializers.CharField()  # "label" is also an attribute of Field
    count = serializers.IntegerField()
    previous = serializers.IntegerField()
    drilldown = serializers.CharField(allow_null=True)


class SummaryOverdueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    category = serializers.CharField()
    status = serializers.CharField()
    sla_due_at = serializers.DateTimeField(allow_null=True)


class WorkSummarySerializer(serializers.Serializer):
    project = serializers.IntegerField()
    project_name = serializers.CharField()
    kind = serializers.CharField()
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    previous_from = serializers.DateField()
    previous_to = serializers.DateField()
    figures = SummaryFigureSerializer(many=True)
    top_problems = SummaryProblemSerializer(many=True)
    overdue_orders = SummaryOverdueSerializer(many=True)
