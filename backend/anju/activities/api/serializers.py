from __future__ import annotations

from typing import Any

from rest_framework import serializers

from anju.activities.models import ActivityStatus, Audience, RegistrationStatus
from anju.core import pii
from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer
from anju.properties.api.serializers import ScopedPrimaryKeyField


def _projects(actor: Any) -> Any:
    from anju.properties.selectors import list_projects

    return list_projects(actor=actor)


def _tags(actor: Any) -> Any:
    from anju.customers.selectors import list_tags

    return list_tags()


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.IntegerField(source="project_id")
    project_name = serializers.CharField(source="project.name")
    title = serializers.CharField()
    description = serializers.CharField()
    place = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    group = serializers.IntegerField(source="group_id", allow_null=True)
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    taken = serializers.IntegerField(help_text="places taken (registered or checked in)")
    checked_in = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    version = serializers.IntegerField()


class ActivityInputSerializer(InputSerializer):
    project = ScopedPrimaryKeyField(selector=_projects)
    title = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    place = serializers.CharField(max_length=200)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField(min_value=1, max_value=100000)
    audience = serializers.ChoiceField(choices=Audience.choices, default=Audience.PROJECT_OWNERS)
    group = ScopedPrimaryKeyField(selector=_tags, required=False, allow_null=True, default=None)


class CancelActivitySerializer(VersionedInputSerializer):
    reason = serializers.CharField(max_length=200)


class RegistrationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    activity = serializers.IntegerField(source="activity_id")
    customer = serializers.IntegerField(source="customer_id")
    customer_name = serializers.CharField(source="customer.name")
    mobile = serializers.SerializerMethodField(help_text="masked")
    status = serializers.ChoiceField(choices=RegistrationStatus.choices)
    registered_at = serializers.DateTimeField()
    checked_in_at = serializers.DateTimeField(allow_null=True)

    def get_mobile(self, registration: Any) -> str:
        mobile = registration.customer.mobiles.order_by("position", "id").first()
        return pii.mask_mobile(pii.decrypt(mobile.ciphertext)) if mobile else ""


class OwnerActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project_name = serializers.CharField(source="project.name")
    title = serializers.CharField()
    description = serializers.CharField()
    place = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    places_left = serializers.SerializerMethodField()
    my_status = serializers.SerializerMethodField()

    def get_places_left(self, activity: Any) -> int:
        return max(activity.capacity - activity.taken, 0)

    def get_my_status(self, activity: Any) -> str:
        return str(self.context.get("mine", {}).get(activity.pk, ""))
