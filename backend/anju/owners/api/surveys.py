"""Owner API: the questionnaires sent to the signed-in owner (满意度调查) — listed, opened and answered in the owner app
with the same rules as the personal link (once: 409 when answered; another owner's is a 404)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.serializers import InputSerializer, validated_input
from anju.owners.api.views import OwnerView
from anju.surveys import selectors as surveys
from anju.surveys import services as survey_services
from anju.surveys.models import Recipient


class OwnerSurveySerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="the invitation (one per owner and campaign)")
    title = serializers.CharField()
    campaign = serializers.CharField()
    project = serializers.CharField()
    expires_at = serializers.DateTimeField()
    answered = serializers.BooleanField()
    open = serializers.BooleanField(help_text="can still be answered")


class OwnerSurveyDetailSerializer(OwnerSurveySerializer):
    questions = serializers.ListField(child=serializers.DictField())


class OwnerSurveyAnswerSerializer(InputSerializer):
    answers = serializers.DictField(help_text="{question key: rating/NPS number, choice, list of choices or text}")


def _row(recipient: Recipient, *, questions: bool = False) -> dict[str, Any]:
    campaign = recipient.campaign
    row: dict[str, Any] = {
        "id": recipient.pk,
        "title": campaign.survey.title,
        "campaign": campaign.name,
        "project": campaign.project.name,
        "expires_at": recipient.link_expires_at,
        "answered": recipient.answered_at is not None,
        "open": recipient.answered_at is None and recipient.link_expires_at > timezone.now(),
    }
    if questions:
        row["questions"] = campaign.survey.questions
    return row


class OwnerSurveyView(OwnerView):
    def invitation(self, pk: Any) -> Recipient:
        try:
            return surveys.sent_to_owner(self.owner).get(pk=int(pk))
        except (ValueError, TypeError, OverflowError, Recipient.DoesNotExist) as exc:
            raise Http404 from exc


class SurveyListView(OwnerSurveyView):
    @extend_schema(operation_id="owner_surveys_list", responses=OwnerSurveySerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(OwnerSurveySerializer([_row(r) for r in surveys.sent_to_owner(self.owner)], many=True).data)


class SurveyDetailView(OwnerSurveyView):
    @extend_schema(operation_id="owner_surveys_retrieve", responses=OwnerSurveyDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(OwnerSurveyDetailSerializer(_row(self.invitation(pk), questions=True)).data)


class SurveyAnswerView(OwnerSurveyView):
    @extend_schema(
        operation_id="owner_surveys_answer", request=OwnerSurveyAnswerSerializer, responses={201: OwnerSurveySerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        invitation = self.invitation(pk)
        values = validated_input(self, OwnerSurveyAnswerSerializer)["answers"]
        survey_services.answer_as_owner(customer=self.owner, recipient_id=invitation.pk, values=values)
        return Response(OwnerSurveySerializer(_row(self.invitation(pk))).data, status=201)
