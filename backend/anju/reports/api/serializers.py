from __future__ import annotations

from typing import Any

from rest_framework import serializers


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
