from __future__ import annotations

from typing import Any

from rest_framework import serializers

from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.selectors import list_buildings, list_projects
from anju.surveys import selectors
from anju.surveys.models import Campaign, Survey


class SurveySerializer(serializers.ModelSerializer):
    questions: Any = serializers.ListField(child=serializers.DictField())

    class Meta:
        model = Survey
        fields = ["id", "code", "revision", "title", "status", "questions", "version", "created_at", "published_at"]


class SurveyInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=100)
    questions = serializers.ListField(
        child=serializers.DictField(),
        help_text="[{key, type: rating|nps|single|multiple|text, title, required, options?, section?, show_if?: "
        "{question, equals}}]",
    )


class SurveyUpdateSerializer(PartialInputMixin, SurveyInputSerializer, VersionedInputSerializer):
    """The fields to change (drafts only), with the version you read."""


class PublishInputSerializer(VersionedInputSerializer):
    pass


class CampaignSerializer(serializers.ModelSerializer):
    survey_title = serializers.CharField(source="survey.title", read_only=True)
    survey_revision = serializers.IntegerField(source="survey.revision", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)
    building_name = serializers.CharField(source="building.name", read_only=True, default=None)
    recipient_count = serializers.IntegerField(read_only=True)
    answered_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id", "name", "survey", "survey_title", "survey_revision", "project", "project_name", "building",
            "building_name", "anonymous", "expires_at", "recipient_count", "answered_count", "created_at",
        ]  # fmt: skip


class CampaignInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    survey = serializers.PrimaryKeyRelatedField(queryset=selectors.list_surveys())
    project = ScopedPrimaryKeyField(selector=list_projects)
    building = ScopedPrimaryKeyField(selector=list_buildings, required=False, allow_null=True, default=None)
    anonymous = serializers.BooleanField(default=False)
    expires_at = serializers.DateTimeField()


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


class ResultsSerializer(serializers.Serializer):
    recipients = serializers.IntegerField()
    answered = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)
    questions = QuestionResultSerializer(many=True)


class PublicSurveySerializer(serializers.Serializer):
    campaign = serializers.CharField()
    project = serializers.CharField()
    title = serializers.CharField()
    questions = serializers.ListField(child=serializers.DictField())
    expires_at = serializers.DateTimeField()


class AnswersInputSerializer(InputSerializer):
    answers = serializers.DictField(help_text="{question key: rating/NPS number, choice, list of choices or text}")
