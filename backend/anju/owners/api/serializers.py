"""Owner API shapes: only what the owner may see (no staff names beyond a technician's display name, no phones)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.owners.selectors import OWNER_STATUS


class CodeRequestSerializer(InputSerializer):
    mobile = serializers.CharField(max_length=30)


class CodeSentSerializer(serializers.Serializer):
    detail = serializers.CharField()


class VerifySerializer(InputSerializer):
    mobile = serializers.CharField(max_length=30)
    code = serializers.CharField(max_length=12)


class OwnerMeSerializer(serializers.Serializer):
    name = serializers.CharField()
    mobile = serializers.CharField(help_text="masked")
    homes = serializers.IntegerField()
    session_expires_at = serializers.DateTimeField()


class HomeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.CharField(source="project.name")
    building = serializers.CharField(source="building.name")
    room_number = serializers.CharField()
    label = serializers.SerializerMethodField()
    delivered_on = serializers.DateField(source="delivery_date", allow_null=True)

    def get_label(self, unit: Any) -> str:
        return f"{unit.project.name} {unit.building.name} {unit.room_number}"


class CategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    group = serializers.SerializerMethodField()

    def get_group(self, category: Any) -> str:
        return category.parent.name if category.parent_id else ""


OWNER_TYPES = [("repair", _("Repair")), ("complaint", _("Complaint")), ("suggestion", _("Suggestion")), ("praise", _("Praise"))]
OWNER_STEPS = [
    ("received", _("Received")),
    ("dispatched", _("Dispatched")),
    ("in_progress", _("Being repaired")),
    ("to_confirm", _("Awaiting your confirmation")),
    ("done", _("Completed")),
    ("cancelled", _("Cancelled")),
]
TIMELINE_STEPS = [
    *OWNER_STEPS,
    ("accepted", _("Technician accepted")),
    ("on_hold", _("Paused")),
    ("reopened", _("Reopened")),
    ("rated", _("You rated it")),
]


class OrderCreateSerializer(InputSerializer):
    unit = serializers.IntegerField(min_value=1)
    type = serializers.ChoiceField(choices=OWNER_TYPES)
    category = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    description = serializers.CharField(max_length=2000)
    preferred_start = serializers.DateTimeField(required=False, allow_null=True)
    preferred_end = serializers.DateTimeField(required=False, allow_null=True)


class PhotoUploadSerializer(InputSerializer):
    file = serializers.FileField()


class RateSerializer(InputSerializer):
    stars = serializers.IntegerField(min_value=1, max_value=5)
    resolved = serializers.BooleanField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage = serializers.CharField()
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    def get_url(self, photo: Any) -> str:
        return f"/api/v1/owner/orders/{photo.work_order_id}/photos/{photo.pk}/"

    def get_thumbnail_url(self, photo: Any) -> str:
        return f"/api/v1/owner/orders/{photo.work_order_id}/photos/{photo.pk}/?size=thumb"


class TimelineEntrySerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=TIMELINE_STEPS)
    at = serializers.DateTimeField()


class OrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    type = serializers.ChoiceField(choices=[*OWNER_TYPES, ("consultation", _("Consultation"))])
    category = serializers.CharField(source="category.name", default="")
    home = serializers.SerializerMethodField()
    description = serializers.CharField()
    step = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_home(self, order: Any) -> str:
        unit = order.unit
        return f"{unit.building.name} {unit.room_number}" if unit else ""

    @extend_schema_field(serializers.ChoiceField(choices=OWNER_STEPS))
    def get_step(self, order: Any) -> str:
        return OWNER_STATUS.get(order.status, "received")


class ComplaintProgressSerializer(serializers.Serializer):
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    reply = serializers.CharField()


class RatingSerializer(serializers.Serializer):
    stars = serializers.IntegerField()
    resolved = serializers.BooleanField(allow_null=True)


class OrderDetailSerializer(OrderSerializer):
    technician = serializers.CharField(help_text="the technician's display name only")
    preferred_start = serializers.DateTimeField(source="appointment_start", allow_null=True)
    preferred_end = serializers.DateTimeField(source="appointment_end", allow_null=True)
    can_rate = serializers.BooleanField()
    rating = RatingSerializer(allow_null=True)
    complaint = ComplaintProgressSerializer(allow_null=True)
    photos = PhotoSerializer(many=True)
    timeline = TimelineEntrySerializer(many=True)
