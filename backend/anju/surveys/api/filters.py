"""List filters of the surveys API (``anju.core.filters.FilterBackend`` applies them; OpenAPI documents them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from anju.core.filters import FilterSet, FlagFilter, IdFilter
from anju.surveys.models import Campaign, Survey, SurveyStatus, SurveyTrigger, TriggerKind

_INVALID = {"invalid_choice": _("Enter a valid value.")}


class SurveyFilter(FilterSet):
    status = filters.ChoiceFilter(choices=SurveyStatus.choices, error_messages=_INVALID)

    class Meta:
        model = Survey
        fields: list[str] = []


class CampaignFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    survey = IdFilter(field_name="survey_id")

    class Meta:
        model = Campaign
        fields: list[str] = []


class SurveyTriggerFilter(FilterSet):
    project = IdFilter(field_name="project_id")
    kind = filters.ChoiceFilter(choices=TriggerKind.choices, error_messages=_INVALID)
    active = FlagFilter(field_name="active")

    class Meta:
        model = SurveyTrigger
        fields: list[str] = []
