from __future__ import annotations

from django.conf import settings
from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.permissions import AUTHENTICATED
from anju.core.viewsets import ScopedViewSet
from anju.notifications import selectors, services
from anju.notifications.api.filters import NotificationFilter
from anju.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "link", "created_at", "read_at"]
        read_only_fields = fields


_COUNT = inline_serializer("UnreadCount", {"unread": serializers.IntegerField()})
_CHANGED = inline_serializer("MarkedRead", {"marked": serializers.IntegerField()})


class NotificationViewSet(mixins.ListModelMixin, ScopedViewSet):
    """The caller's inbox, newest first."""

    selector = staticmethod(lambda actor: selectors.list_notifications(actor=actor))
    filterset_class = NotificationFilter
    serializer_class = NotificationSerializer
    permission_map = {"list": AUTHENTICATED, "unread_count": AUTHENTICATED, "read": AUTHENTICATED, "read_all": AUTHENTICATED}

    @extend_schema(responses=_COUNT)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: Request) -> Response:
        return Response({"unread": selectors.unread_count(actor=request.user)})

    @extend_schema(request=None, responses=_CHANGED)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = self.get_object()
        return Response({"marked": services.mark_read(user=request.user, ids=[notification.pk])})

    @extend_schema(request=None, responses=_CHANGED)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": services.mark_read(user=request.user)})


class DevOutboxTextSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    channel = serializers.CharField()
    to = serializers.CharField(help_text="masked")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class DevOutboxEmailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    to = serializers.CharField(help_text="masked")
    subject = serializers.CharField()
    body = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class DevOutboxSerializer(serializers.Serializer):
    texts = DevOutboxTextSerializer(many=True)
    emails = DevOutboxEmailSerializer(many=True)


class DevOutboxView(APIView):
    """The last 50 texts and e-mails, for system administrators of a development site (``settings.DEV_OUTBOX``):
    a production site answers 404 to everyone allowed in."""

    permission_map = {"get": "notifications.view_outboxmessage"}

    @extend_schema(operation_id="dev_outbox", responses=DevOutboxSerializer)
    def get(self, request: Request) -> Response:
        if not settings.DEV_OUTBOX:
            raise Http404
        return Response(DevOutboxSerializer(selectors.dev_outbox()).data)
