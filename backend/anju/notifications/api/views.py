from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.permissions import AUTHENTICATED
from anju.notifications import services
from anju.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "link", "created_at", "read_at"]
        read_only_fields = fields


_COUNT = inline_serializer("UnreadCount", {"unread": serializers.IntegerField()})
_CHANGED = inline_serializer("MarkedRead", {"marked": serializers.IntegerField()})


@extend_schema(parameters=[OpenApiParameter("unread", bool, description="only unread ones")])
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """The caller's inbox, newest first."""

    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    permission_map = {"list": AUTHENTICATED, "unread_count": AUTHENTICATED, "read": AUTHENTICATED, "read_all": AUTHENTICATED}

    def get_queryset(self) -> QuerySet[Notification]:
        user: Any = self.request.user
        queryset = Notification.objects.filter(recipient=user)
        if self.request.query_params.get("unread") == "true":
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    @extend_schema(responses=_COUNT)
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request: Request) -> Response:
        user: Any = request.user
        return Response({"unread": Notification.objects.filter(recipient=user, read_at__isnull=True).count()})

    @extend_schema(request=None, responses=_CHANGED)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = self.get_object()
        return Response({"marked": services.mark_read(user=request.user, ids=[notification.pk])})

    @extend_schema(request=None, responses=_CHANGED)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": services.mark_read(user=request.user)})
