from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.validators import single_line
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.customers.models import Tag
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.selectors import list_buildings, list_projects
from anju.surveys import selectors
from anju.surveys.models import (
    Campaign,
    Channel,
    InvitationState,
    SkipReason,
    Survey,
    SurveySettings,
    SurveyTrigger,
    TriggerKind,
)
from anju.surveys.workflow import WORKFLOW
from anju.workorders.selectors import list_categories


class SurveySerializer(serializers.ModelSerializer):
    questions: Any = serializers.ListField(child=serializers.DictField())
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id", "code", "revision", "title", "status", "questions", "version", "created_at", "published_at",
            "allowed_actions",
        ]  # fmt: skip

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: Survey) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return WORKFLOW.allowed_actions(obj, request.user) if request is not None else []


class SurveyInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=100, validators=[single_line])
    questions = serializers.ListField(
        child=serializers.DictField(),
        help_text="[{key, type: rating|nps|single|multiple|text, title, required, options?, section?, show_if?: "
        "{question, equals}, follow_up?: {below: n} | {chosen: [option]}}]",
    )


class SurveyUpdateSerializer(PartialInputMixin, SurveyInputSerializer, VersionedInputSerializer):
    """The fields to change (drafts only), with the version you read."""


class CampaignSerializer(serializers.ModelSerializer):
    survey_title = serializers.CharField(source="survey.title", read_only=True)
    survey_revision = serializers.IntegerField(source="survey.revision", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)
    building_name = serializers.CharField(source="building.name", read_only=True, default=None)
    tag_name = serializers.CharField(source="tag.name", read_only=True, default=None)
    recipient_count = serializers.IntegerField(read_only=True)
    answered_count = serializers.SerializerMethodField(
        help_text="null for an anonymous campaign that asked fewer than the minimum group (its counts would point at someone)"
    )
    sent_count = serializers.IntegerField(read_only=True, help_text="recipients sent their link at least once")

    class Meta:
        model = Campaign
        fields = [
            "id", "name", "survey", "survey_title", "survey_revision", "project", "project_name", "building",
            "building_name", "tag", "tag_name", "anonymous", "channel", "expires_at", "recipient_count",
            "answered_count", "sent_count", "created_at", "trigger", "period",
        ]  # fmt: skip

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_answered_count(self, obj: Campaign) -> int | None:
        recipients = getattr(obj, "recipient_count", None)
        if recipients is None:
            recipients = obj.recipients.count()
        if selectors.small_audience(obj, recipients):
            return None
        answered = getattr(obj, "answered_count", None)
        return int(answered) if answered is not None else obj.recipients.filter(answered_at__isnull=False).count()


class CampaignInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100, validators=[single_line])
    survey = serializers.PrimaryKeyRelatedField(queryset=selectors.list_surveys())
    project = ScopedPrimaryKeyField(selector=list_projects)
    building = ScopedPrimaryKeyField(selector=list_buildings, required=False, allow_null=True, default=None)
    tag = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), required=False, allow_null=True, default=None)
    anonymous = serializers.BooleanField(default=False)
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.SMS)
    expires_at = serializers.DateTimeField()


class SendInputSerializer(InputSerializer):
    resend = serializers.BooleanField(default=False, help_text="again to those sent a link who have not answered")


class SentSerializer(serializers.Serializer):
    sent = serializers.IntegerField()
    without_mobile = serializers.IntegerField(help_text="not texted: no mobile number (an SMS campaign)")
    without_email = serializers.IntegerField(help_text="not e-mailed: no e-mail address (an e-mail campaign)")


class AgentAnswersInputSerializer(InputSerializer):
    recipient = serializers.IntegerField(min_value=1)
    answers = serializers.DictField(help_text="{question key: value}, as the person said them during the call")


class RecipientSerializer(serializers.Serializer):
    """A recipient for the agent-entry form (never shown for an anonymous campaign)."""

    recipient = serializers.IntegerField()
    customer = serializers.IntegerField()
    customer_name = serializers.CharField()
    answered = serializers.BooleanField()
    sent_count = serializers.IntegerField()


class LinkSerializer(serializers.Serializer):
    recipient = serializers.IntegerField()
    customer = serializers.IntegerField()
    answered = serializers.BooleanField()
    token = serializers.CharField(help_text="the personal link is /s/<token> (no login)")


class QuestionResultSerializer(serializers.Serializer):
    key = serializers.CharField()
    type = serializers.CharField()
    title = serializers.CharField()
    answers = serializers.IntegerField()
    average = serializers.FloatField(required=False, allow_null=True)
    nps = serializers.FloatField(required=False)
    distribution = serializers.DictField(child=serializers.IntegerField(), required=False)
    texts = serializers.ListField(child=serializers.CharField(), required=False)


class BuildingResultSerializer(serializers.Serializer):
    building = serializers.IntegerField(allow_null=True)
    building_name = serializers.CharField()
    recipients = serializers.IntegerField()
    answered = serializers.IntegerField(allow_null=True, help_text="null in an anonymous campaign below the minimum")
    averages = serializers.DictField(child=serializers.FloatField(allow_null=True))


class ResultsSerializer(serializers.Serializer):
    by_building = BuildingResultSerializer(many=True)
    recipients = serializers.IntegerField()
    answered = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)
    hidden = serializers.BooleanField(help_text="an anonymous campaign below min_answers: counts only, no answers")
    min_answers = serializers.IntegerField(allow_null=True, help_text="anonymous campaigns: answers shown from this many")
    questions = QuestionResultSerializer(many=True)


class PublicSurveySerializer(serializers.Serializer):
    campaign = serializers.CharField()
    project = serializers.CharField()
    title = serializers.CharField()
    questions = serializers.ListField(child=serializers.DictField())
    expires_at = serializers.DateTimeField()


class AnswersInputSerializer(InputSerializer):
    answers = serializers.DictField(help_text="{question key: rating/NPS number, choice, list of choices or text}")


class SurveyTriggerSerializer(serializers.ModelSerializer):
    """An automatic survey (自动调查) of a project, with its invitations counted by state."""

    project_name = serializers.CharField(source="project.name", read_only=True)
    survey_title = serializers.CharField(source="survey.title", read_only=True)
    survey_revision = serializers.IntegerField(source="survey.revision", read_only=True)
    categories = serializers.SerializerMethodField()
    sent_count = serializers.IntegerField(read_only=True)
    skipped_count = serializers.IntegerField(read_only=True)
    pending_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = SurveyTrigger
        fields = [
            "id", "project", "project_name", "kind", "survey", "survey_title", "survey_revision", "categories",
            "delay_days", "channel", "anonymous", "link_days", "month", "day", "active", "version", "created_at",
            "sent_count", "skipped_count", "pending_count",
        ]  # fmt: skip
        read_only_fields = fields

    def get_categories(self, obj: SurveyTrigger) -> list[int]:
        return sorted(c.pk for c in obj.categories.all())


class SurveyTriggerInputSerializer(InputSerializer):
    project = ScopedPrimaryKeyField(selector=list_projects)
    kind = serializers.ChoiceField(choices=TriggerKind.choices)
    survey = serializers.PrimaryKeyRelatedField(queryset=selectors.list_surveys(), help_text="a published revision")
    categories = serializers.PrimaryKeyRelatedField(
        queryset=list_categories(include_inactive=True),
        many=True,
        required=False,
        default=list,
        help_text="order_closed only: repair orders of these categories (a parent covers its children); empty: all",
    )
    delay_days = serializers.IntegerField(min_value=0, max_value=90, default=1, help_text="days after the event")
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.SMS)
    anonymous = serializers.BooleanField(default=False)
    link_days = serializers.IntegerField(min_value=1, max_value=90, default=14, help_text="days a personal link stays open")
    month = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True, default=None)
    day = serializers.IntegerField(
        min_value=1, max_value=31, required=False, allow_null=True, default=None, help_text="yearly only (with month)"
    )
    active = serializers.BooleanField(default=True)


class SurveyTriggerUpdateSerializer(VersionedInputSerializer):
    """The fields to change, with the version you read (the project and the kind never change)."""

    survey = serializers.PrimaryKeyRelatedField(queryset=selectors.list_surveys(), required=False)
    categories = serializers.PrimaryKeyRelatedField(queryset=list_categories(include_inactive=True), many=True, required=False)
    delay_days = serializers.IntegerField(min_value=0, max_value=90, required=False)
    channel = serializers.ChoiceField(choices=Channel.choices, required=False)
    anonymous = serializers.BooleanField(required=False)
    link_days = serializers.IntegerField(min_value=1, max_value=90, required=False)
    month = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True)
    day = serializers.IntegerField(min_value=1, max_value=31, required=False, allow_null=True)
    active = serializers.BooleanField(required=False)


class InvitationSerializer(serializers.Serializer):
    """One person an automatic survey asked or will ask; an anonymous survey names nobody (no person, order or
    home: only the kind of event)."""

    id = serializers.IntegerField()
    event = serializers.CharField(help_text="order:<id>, unit:<id>, year:<yyyy>; only the kind when anonymous")
    customer = serializers.IntegerField(allow_null=True)
    customer_name = serializers.CharField(allow_null=True)
    work_order = serializers.IntegerField(allow_null=True)
    work_order_number = serializers.CharField(allow_null=True)
    unit = serializers.IntegerField(allow_null=True)
    state = serializers.ChoiceField(choices=InvitationState.choices)
    reason = serializers.ChoiceField(choices=SkipReason.choices, allow_blank=True, help_text="why it was skipped")
    due_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class SurveySettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveySettings
        fields = ["project", "fatigue_days", "low_score_threshold", "version"]
        read_only_fields = fields


class SurveySettingsInputSerializer(VersionedInputSerializer):
    fatigue_days = serializers.IntegerField(
        min_value=0, max_value=365, required=False, help_text="not asked again within this many days (0: no limit)"
    )
    low_score_threshold = serializers.IntegerField(
        min_value=1, max_value=4, required=False, help_text="a rating at or below it is a low score"
    )
