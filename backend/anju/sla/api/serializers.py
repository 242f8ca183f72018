from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from anju.core.serializers import InputSerializer, iso_datetime
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.selectors import list_projects
from anju.sla.models import CalendarDay, CalendarSource, ClockState, DayKind, SlaPolicy, SlaTarget, WorkingHours
from anju.workorders.choices import OrderType, Priority


class SlaClockSerializer(serializers.Serializer):
    work_order = serializers.IntegerField()
    target = serializers.ChoiceField(choices=SlaTarget.choices)
    due_at = serializers.DateTimeField()
    met_at = serializers.DateTimeField(allow_null=True)
    minutes = serializers.IntegerField()
    around_the_clock = serializers.BooleanField()
    working_day_minutes = serializers.IntegerField(help_text="minutes in one working day of this clock (1440 around the clock)")
    state = serializers.ChoiceField(choices=ClockState.choices)
    minutes_left = serializers.IntegerField(allow_null=True)


def clock_row(row: dict[str, Any]) -> dict[str, Any]:
    """``SlaClockSerializer`` without the per-field machinery (the detail screen and ``/sla/clocks/``; a test compares
    the two)."""
    return {
        "work_order": row["work_order"],
        "target": row["target"],
        "due_at": iso_datetime(row["due_at"]),
        "met_at": iso_datetime(row["met_at"]),
        "minutes": row["minutes"],
        "around_the_clock": row["around_the_clock"],
        "working_day_minutes": row["working_day_minutes"],
        "state": row["state"],
        "minutes_left": row["minutes_left"],
    }


class SlaPolicySerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = SlaPolicy
        fields = [
            "id",
            "order_type",
            "priority",
            "project",
            "project_name",
            "respond_minutes",
            "onsite_minutes",
            "resolve_minutes",
            "around_the_clock",
            "warn_percent",
            "is_practice",
            "updated_at",
        ]
        read_only_fields = fields


class SlaPolicyInputSerializer(InputSerializer):
    order_type = serializers.ChoiceField(choices=OrderType.choices)
    priority = serializers.ChoiceField(choices=Priority.choices)
    project = ScopedPrimaryKeyField(selector=list_projects, required=False, allow_null=True, default=None)
    respond_minutes = serializers.IntegerField(min_value=1, max_value=525600)
    onsite_minutes = serializers.IntegerField(min_value=1, max_value=525600, required=False, allow_null=True, default=None)
    resolve_minutes = serializers.IntegerField(min_value=1, max_value=525600)
    around_the_clock = serializers.BooleanField(required=False, default=False)
    warn_percent = serializers.IntegerField(min_value=1, max_value=100, required=False, default=80)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["resolve_minutes"] < attrs["respond_minutes"]:
            raise serializers.ValidationError({"resolve_minutes": [_("Resolution cannot be due before the first response.")]})
        return attrs


class SlaPolicyUpdateSerializer(InputSerializer):
    respond_minutes = serializers.IntegerField(min_value=1, max_value=525600, required=False)
    onsite_minutes = serializers.IntegerField(min_value=1, max_value=525600, required=False, allow_null=True)
    resolve_minutes = serializers.IntegerField(min_value=1, max_value=525600, required=False)
    around_the_clock = serializers.BooleanField(required=False)
    warn_percent = serializers.IntegerField(min_value=1, max_value=100, required=False)


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name"]
        read_only_fields = fields


class CalendarDayInputSerializer(InputSerializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=DayKind.choices)
    name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class CalendarYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    official = serializers.BooleanField(help_text="the State Council's arrangement as entered (else computed by the rules)")
    note = serializers.CharField()
    rest_days = serializers.IntegerField(help_text="days off other than ordinary weekends (holidays, 补假, 调休 days off)")
    make_up_days = serializers.IntegerField(help_text="weekend days worked (调休上班)")
    entered_days = serializers.IntegerField(help_text="rows of the calendar table in this year")
    updated_by_name = serializers.CharField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)


class CalendarYearInputSerializer(InputSerializer):
    official = serializers.BooleanField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CalendarEntrySerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=DayKind.choices)
    name = serializers.CharField()
    source = serializers.ChoiceField(choices=CalendarSource.choices)  # type: ignore[assignment]


class WorkingHoursSerializer(serializers.ModelSerializer):
    weekend_days = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=7))

    class Meta:
        model = WorkingHours
        fields = ["morning_start", "morning_end", "afternoon_start", "afternoon_end", "weekend_days"]


class WorkingHoursInputSerializer(InputSerializer):
    morning_start = serializers.TimeField()
    morning_end = serializers.TimeField()
    afternoon_start = serializers.TimeField()
    afternoon_end = serializers.TimeField()
    weekend_days = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=7), max_length=6)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        order = [attrs["morning_start"], attrs["morning_end"], attrs["afternoon_start"], attrs["afternoon_end"]]
        if order != sorted(order) or attrs["morning_start"] == attrs["morning_end"]:
            raise serializers.ValidationError(
                {"afternoon_start": [_("The periods must be in order: morning start < end ≤ afternoon start < end.")]}
            )
        attrs["weekend_days"] = sorted(set(attrs["weekend_days"]))
        return attrs


class BoardRowSerializer(SlaClockSerializer):
    number = serializers.CharField()
    order_type = serializers.CharField()
    status = serializers.CharField()
    complaint_stage = serializers.CharField(allow_null=True, help_text="a complaint order's stage (its status)")
    priority = serializers.CharField()
    description = serializers.CharField()
    project_name = serializers.CharField()
    assignee_name = serializers.CharField(allow_null=True)


class BoardPageSerializer(serializers.Serializer):
    """One page of the SLA board (the shape of every paged list)."""

    count = serializers.IntegerField()
    count_capped = serializers.BooleanField(help_text="more rows than count (10,000)")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = BoardRowSerializer(many=True)
