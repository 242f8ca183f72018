"""Member activities for staff: list (with the participation figures), create, cancel, the registrations and
check-in. The owner side lives in the owner API (``anju.owners.api``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.activities import selectors, services
from anju.activities.api import serializers as s
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet


class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """会员活动 of the caller's projects; ``taken``, ``checked_in`` and ``cancelled`` are the participation report."""

    selector = staticmethod(lambda actor: selectors.list_activities(actor=actor))
    serializer_class = s.ActivitySerializer
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": "activities.view_activity",
        "retrieve": "activities.view_activity",
        "create": "activities.add_activity",
        "cancel": "activities.change_activity",
        "registrations": "activities.view_activity",
    }

    def _detail(self, pk: int) -> Response:
        return Response(s.ActivitySerializer(self.get_queryset().get(pk=pk)).data)

    @extend_schema(request=s.ActivityInputSerializer, responses={201: s.ActivitySerializer})
    def create(self, request: Request) -> Response:
        activity = services.create_activity(actor=request.user, **validated_input(self, s.ActivityInputSerializer))
        response = self._detail(activity.pk)
        response.status_code = 201
        return response

    @extend_schema(request=s.CancelActivitySerializer, responses=s.ActivitySerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        activity = self.get_object()
        data = validated_input(self, s.CancelActivitySerializer)
        services.cancel_activity(actor=request.user, activity=activity, version=data.get("version"), reason=data["reason"])
        return self._detail(activity.pk)

    @extend_schema(responses=s.RegistrationSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def registrations(self, request: Request, pk: str | None = None) -> Response:
        return Response(s.RegistrationSerializer(selectors.registrations_of(self.get_object()), many=True).data)


class RegistrationViewSet(ScopedViewSet):
    """Check a registered person in at the activity."""

    selector = staticmethod(lambda actor: selectors.list_registrations(actor=actor))
    serializer_class = s.RegistrationSerializer
    http_method_names = ["post", "options"]
    permission_map = {"check_in": "activities.check_in_registration"}

    @extend_schema(request=None, responses=s.RegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        registration = services.check_in(actor=request.user, registration=self.get_object())
        return Response(s.RegistrationSerializer(registration).data)
