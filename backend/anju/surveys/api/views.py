from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet
from anju.surveys import selectors, services
from anju.surveys.api import serializers as s
from anju.surveys.models import Campaign, Survey


class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """满意度调查问卷: every revision of the company's questionnaires, newest first."""

    selector = staticmethod(lambda actor: selectors.list_surveys(actor=actor))
    serializer_class = s.SurveySerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "surveys.view_survey",
        "retrieve": "surveys.view_survey",
        "create": "surveys.add_survey",
        "partial_update": "surveys.change_survey",
        "publish": "surveys.publish_survey",
        "revise": "surveys.change_survey",
    }

    def _out(self, survey: Survey, code: int = 200) -> Response:
        return Response(s.SurveySerializer(survey).data, status=code)

    @extend_schema(request=s.SurveyInputSerializer, responses={201: s.SurveySerializer})
    def create(self, request: Request) -> Response:
        return self._out(services.create_survey(actor=request.user, **validated_input(self, s.SurveyInputSerializer)), 201)

    @extend_schema(request=s.SurveyUpdateSerializer, responses=s.SurveySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        values = validated_input(self, s.SurveyUpdateSerializer)
        version = values.pop("version", None)
        return self._out(services.update_survey(actor=request.user, survey=self.get_object(), values=values, version=version))

    @extend_schema(request=s.PublishInputSerializer, responses=s.SurveySerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Publish the draft: from now on it never changes (revise it to change the questions)."""
        version = validated_input(self, s.PublishInputSerializer).get("version")
        return self._out(services.publish_survey(actor=request.user, survey=self.get_object(), version=version))

    @extend_schema(request=None, responses={201: s.SurveySerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str | None = None) -> Response:
        """The next revision of a published questionnaire, as a draft with its questions."""
        return self._out(services.revise_survey(actor=request.user, survey=self.get_object()), 201)


class CampaignViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Survey campaigns of the caller's projects: who was asked, how many answered, the results."""

    selector = staticmethod(lambda actor: selectors.list_campaigns(actor=actor))
    serializer_class = s.CampaignSerializer
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": "surveys.view_campaign",
        "retrieve": "surveys.view_campaign",
        "create": "surveys.add_campaign",
        "results": "surveys.view_campaign",
        "links": "surveys.add_campaign",
    }

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
        """Each recipient's personal link (to send, or to open while filling the answers in during a call)."""
        campaign: Campaign = self.get_object()
        rows = [
            {
                "recipient": r.pk,
                "customer": r.customer_id,
                "answered": r.answered_at is not None,
                "token": selectors.link_token(r),
            }
            for r in campaign.recipients.order_by("id")
        ]
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
            "expires_at": campaign.expires_at,
        }
        return Response(s.PublicSurveySerializer(data).data)

    @extend_schema(operation_id="public_survey_answer", request=s.AnswersInputSerializer, responses={201: None}, auth=[])
    def post(self, request: Request, token: str) -> Response:
        recipient = services.open_recipient(selectors.recipient_for_token(token))
        values = validated_input(self, s.AnswersInputSerializer)["answers"]
        services.submit_answers(recipient=recipient, values=values)
        return Response(status=status.HTTP_201_CREATED)
