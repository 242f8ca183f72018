from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.excel import xlsx_response
from anju.core.serializers import validated_input
from anju.core.versioning import VersionedInputSerializer
from anju.core.viewsets import ScopedViewSet, TimelineMixin
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.properties.api.settings import ProjectSettingsView
from anju.surveys import selectors, services
from anju.surveys.api import serializers as s
from anju.surveys.api.filters import CampaignFilter, SurveyFilter, SurveyTriggerFilter
from anju.surveys.models import Campaign, Survey, SurveyTrigger
from anju.surveys.workflow import WORKFLOW, SurveyAction


def _revise(view: Any, survey: Survey, data: dict[str, Any]) -> Survey:
    return services.revise_survey(actor=view.request.user, survey=survey, version=data.get("version"))


def _move(view: Any, survey: Survey, data: dict[str, Any]) -> Survey:
    return services.change_survey_state(
        actor=view.request.user, survey=survey, action=view.workflow_action, version=data.get("version")
    )


@workflow_actions(
    WORKFLOW,
    response=s.SurveySerializer,
    endpoints={
        SurveyAction.PUBLISH: Endpoint(input=VersionedInputSerializer, run=_move),
        SurveyAction.REVISE: Endpoint(input=VersionedInputSerializer, run=_revise),
        SurveyAction.ARCHIVE: Endpoint(input=VersionedInputSerializer, run=_move),
        SurveyAction.RESTORE: Endpoint(input=VersionedInputSerializer, run=_move),
    },
)
class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """满意度调查问卷: every revision of the company's questionnaires, newest first."""

    selector = staticmethod(lambda actor: selectors.list_surveys(actor=actor))
    serializer_class = s.SurveySerializer
    filterset_class = SurveyFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "surveys.view_survey",
        "retrieve": "surveys.view_survey",
        "create": "surveys.add_survey",
        "partial_update": "surveys.change_survey",
    }

    def _out(self, survey: Survey, code: int = 200) -> Response:
        return Response(s.SurveySerializer(survey, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.SurveyInputSerializer, responses={201: s.SurveySerializer})
    def create(self, request: Request) -> Response:
        return self._out(services.create_survey(actor=request.user, **validated_input(self, s.SurveyInputSerializer)), 201)

    @extend_schema(request=s.SurveyUpdateSerializer, responses=s.SurveySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        values = validated_input(self, s.SurveyUpdateSerializer)
        version = values.pop("version", None)
        return self._out(services.update_survey(actor=request.user, survey=self.get_object(), values=values, version=version))

    def workflow_response(self, survey: Survey, action: str) -> Response:
        return self._out(survey)


class CampaignViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Survey campaigns of the caller's projects: who was asked, how many answered, the results; the timeline holds
    the sends and the follow-ups low scores opened."""

    selector = staticmethod(lambda actor: selectors.list_campaigns(actor=actor))
    serializer_class = s.CampaignSerializer
    filterset_class = CampaignFilter
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": "surveys.view_campaign",
        "retrieve": "surveys.view_campaign",
        "create": "surveys.add_campaign",
        "results": "surveys.view_campaign",
        "links": "surveys.add_campaign",
        "send": "surveys.send_campaign",
        "recipients": "surveys.enter_answer",
        "answer": "surveys.enter_answer",
        "export": "surveys.view_campaign",
        "timeline": "surveys.view_campaign",
    }

    @extend_schema(request=s.SendInputSerializer, responses=s.SentSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        """Text the personal links through the outbox; ``resend``: again to those who have not answered."""
        resend = validated_input(self, s.SendInputSerializer)["resend"]
        return Response(services.send_campaign(actor=request.user, campaign=self.get_object(), resend=resend))

    @extend_schema(responses=s.RecipientSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def recipients(self, request: Request, pk: str | None = None) -> Response:
        """Who was asked (for the agent's call list); an anonymous campaign names nobody."""
        campaign: Campaign = self.get_object()
        if campaign.anonymous:
            return Response([])
        rows = [
            {
                "recipient": r.pk,
                "customer": r.customer_id,
                "customer_name": r.customer.name,
                "answered": r.answered_at is not None,
                "sent_count": r.sent_count,
            }
            for r in campaign.recipients.select_related("customer").order_by("id")
        ]
        return Response(s.RecipientSerializer(rows, many=True).data)

    @extend_schema(request=s.AgentAnswersInputSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """An agent fills in a recipient's answers during a call (same rules; once: 409 when answered)."""
        campaign = self.get_object()
        data = validated_input(self, s.AgentAnswersInputSerializer)
        services.enter_answers(actor=request.user, campaign=campaign, recipient_id=data["recipient"], values=data["answers"])
        return Response(status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): bytes}, filters=False)
    @action(detail=True, methods=["get"])
    def export(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The answers as an Excel file (one row per answer; no names: the person is never in the export)."""
        campaign: Campaign = self.get_object()
        return xlsx_response(selectors.export_answers(campaign), f"survey-campaign-{campaign.pk}.xlsx")

    @extend_schema(request=s.CampaignInputSerializer, responses={201: s.CampaignSerializer})
    def create(self, request: Request) -> Response:
        campaign = services.create_campaign(actor=request.user, **validated_input(self, s.CampaignInputSerializer))
        return Response(s.CampaignSerializer(self.get_queryset().get(pk=campaign.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=s.ResultsSerializer)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        """Response rate and per question: scores, NPS, choices, free-text answers (no names)."""
        return Response(s.ResultsSerializer(selectors.results(self.get_object())).data)

    @extend_schema(responses=s.LinkSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def links(self, request: Request, pk: str | None = None) -> Response:
        """Each recipient's personal link (to send, or to open while filling the answers in during a call). Not for an
        anonymous campaign (409): who answered must stay unknown, its links go out only by ``send``."""
        rows = selectors.campaign_links(self.get_object())
        return Response(s.LinkSerializer(rows, many=True).data)


class PublicSurveyView(APIView):
    """A personal survey link, no login: the questionnaire (GET) and the answers (POST, once). A bad or expired link is
    a 404; an answered one a 409."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(operation_id="public_survey_retrieve", responses=s.PublicSurveySerializer, auth=[])
    def get(self, request: Request, token: str) -> Response:
        recipient = services.open_recipient(selectors.recipient_for_token(token))
        campaign = recipient.campaign
        data = {
            "campaign": campaign.name,
            "project": campaign.project.name,
            "title": campaign.survey.title,
            "questions": campaign.survey.questions,
            "expires_at": recipient.link_expires_at,
        }
        return Response(s.PublicSurveySerializer(data).data)

    @extend_schema(operation_id="public_survey_answer", request=s.AnswersInputSerializer, responses={201: None}, auth=[])
    def post(self, request: Request, token: str) -> Response:
        recipient = services.open_recipient(selectors.recipient_for_token(token))
        values = validated_input(self, s.AnswersInputSerializer)["answers"]
        services.submit_answers(recipient=recipient, values=values)
        return Response(status=status.HTTP_201_CREATED)


class SurveyTriggerViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """自动调查: a project's automatic surveys (after a repair order closes, after handover, yearly) and whom they
    asked or skipped."""

    selector = staticmethod(lambda actor: selectors.list_triggers(actor=actor))
    serializer_class = s.SurveyTriggerSerializer
    filterset_class = SurveyTriggerFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "surveys.view_surveytrigger",
        "retrieve": "surveys.view_surveytrigger",
        "create": "surveys.add_surveytrigger",
        "partial_update": "surveys.change_surveytrigger",
        "invitations": "surveys.view_surveytrigger",
        "timeline": "surveys.view_surveytrigger",
    }

    def _out(self, trigger: SurveyTrigger, code: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=trigger.pk)
        return Response(s.SurveyTriggerSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.SurveyTriggerInputSerializer, responses={201: s.SurveyTriggerSerializer})
    def create(self, request: Request) -> Response:
        values = validated_input(self, s.SurveyTriggerInputSerializer)
        return self._out(services.create_trigger(actor=request.user, **values), 201)

    @extend_schema(request=s.SurveyTriggerUpdateSerializer, responses=s.SurveyTriggerSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        values = validated_input(self, s.SurveyTriggerUpdateSerializer)
        version = values.pop("version", None)
        trigger = services.update_trigger(actor=request.user, trigger=self.get_object(), values=values, version=version)
        return self._out(trigger)

    @extend_schema(responses=s.InvitationSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"])
    def invitations(self, request: Request, pk: str | None = None) -> Response:
        """Whom the automatic survey asked, will ask (waiting) or skipped and why, latest due first (paged)."""
        trigger: SurveyTrigger = self.get_object()
        page = self.paginate_queryset(selectors.trigger_invitations(trigger))
        rows = [selectors.invitation_row(invitation) for invitation in page or []]
        return self.get_paginated_response(s.InvitationSerializer(rows, many=True).data)


class SurveySettingsView(ProjectSettingsView):
    """A project's survey practice: days between invitations (survey fatigue) and the low-score threshold."""

    permission_map = {"get": "surveys.view_surveysettings", "put": "surveys.change_surveysettings"}

    @extend_schema(operation_id="survey_settings_retrieve", responses=s.SurveySettingsSerializer)
    def get(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        return Response(s.SurveySettingsSerializer(selectors.survey_settings(project.pk)).data)

    @extend_schema(
        operation_id="survey_settings_update", request=s.SurveySettingsInputSerializer, responses=s.SurveySettingsSerializer
    )
    def put(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        values = validated_input(self, s.SurveySettingsInputSerializer)
        version = values.pop("version", None)
        saved = services.update_survey_settings(actor=request.user, project=project, values=values, version=version)
        return Response(s.SurveySettingsSerializer(saved).data)
