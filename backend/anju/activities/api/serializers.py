from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.activities.models import ActivityStatus, Audience, RegistrationStatus
from anju.activities.workflow import WORKFLOW
from anju.core import pii
from anju.core.serializers import InputSerializer
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
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
    group_name = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    has_poster = serializers.SerializerMethodField()
    taken = serializers.IntegerField(help_text="places taken (registered or checked in)")
    checked_in = serializers.IntegerField()
    cancelled = serializers.IntegerField()
    version = serializers.IntegerField()
    allowed_actions = serializers.SerializerMethodField()

    def get_group_name(self, activity: Any) -> str:
        return activity.group.name if activity.group_id else ""

    def get_has_poster(self, activity: Any) -> bool:
        return bool(activity.poster)

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, activity: Any) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(activity, request.user) if request is not None else []


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


class ActivityUpdateSerializer(VersionedInputSerializer):
    title = serializers.CharField(max_length=100, required=False)
    description = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    place = serializers.CharField(max_length=200, required=False)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)
    capacity = serializers.IntegerField(min_value=1, max_value=100000, required=False)
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    group = ScopedPrimaryKeyField(selector=_tags, required=False, allow_null=True)


class PosterInputSerializer(InputSerializer):
    file = serializers.FileField()


class ParticipationRowSerializer(serializers.Serializer):
    activity = serializers.IntegerField()
    title = serializers.CharField()
    project = serializers.IntegerField()
    project_name = serializers.CharField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    group_name = serializers.CharField()
    starts_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=ActivityStatus.choices)
    capacity = serializers.IntegerField()
    registered = serializers.IntegerField(help_text="signed up and not cancelled (checked in included)")
    attended = serializers.IntegerField(help_text="checked in")
    no_show = serializers.IntegerField(help_text="signed up, not checked in, and the activity has ended")
    cancelled = serializers.IntegerField(help_text="sign-ups cancelled")


class ParticipationTotalSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    project_name = serializers.CharField()
    audience = serializers.ChoiceField(choices=Audience.choices)
    activities = serializers.IntegerField()
    registered = serializers.IntegerField()
    attended = serializers.IntegerField()
    no_show = serializers.IntegerField()
    cancelled = serializers.IntegerField()


class ParticipationSerializer(serializers.Serializer):
    activities = ParticipationRowSerializer(many=True)
    projects = ParticipationTotalSerializer(many=True, help_text="per project and audience")


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
    has_poster = serializers.SerializerMethodField()

    def get_places_left(self, activity: Any) -> int:
        return max(activity.capacity - activity.taken, 0)

    def get_has_poster(self, activity: Any) -> bool:
        return bool(activity.poster)

    def get_my_status(self, activity: Any) -> str:
        return str(self.context.get("mine", {}).get(activity.pk, ""))
