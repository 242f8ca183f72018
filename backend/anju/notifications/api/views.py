from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

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
