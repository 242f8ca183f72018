from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.properties.scope import restrict
from anju.visits import services
from anju.visits.api import serializers as s
from anju.visits.models import ReturnVisit, VisitStatus


def _input(view: Any, serializer_class: Any) -> dict[str, Any]:
    serializer = serializer_class(data=view.request.data, context={"request": view.request})
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=VisitStatus.values),
        OpenApiParameter("mine", bool, description="assigned to me, or to nobody yet"),
    ]
)
class ReturnVisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """回访 tasks on the orders the caller can see, due first."""

    queryset = ReturnVisit.objects.none()
    serializer_class = s.ReturnVisitSerializer
    permission_map = {
        "list": "visits.view_returnvisit",
        "retrieve": "visits.view_returnvisit",
        "attempt": "visits.change_returnvisit",
        "outcome": "visits.change_returnvisit",
    }

    def get_queryset(self) -> QuerySet[ReturnVisit]:
        queryset = restrict(
            ReturnVisit.objects.select_related("work_order__customer", "work_order__assignee", "assignee"),
            self.request.user,
            lookup="work_order__project_id",
        )
        status = self.request.query_params.get("status", "")
        if status in VisitStatus.values:
            queryset = queryset.filter(status=status)
        if self.request.query_params.get("mine") == "true":
            queryset = queryset.filter(Q(assignee=self.request.user) | Q(assignee__isnull=True))
        return queryset

    @extend_schema(request=s.AttemptInputSerializer, responses=s.ReturnVisitSerializer)
    @action(detail=True, methods=["post"])
    def attempt(self, request: Request, pk: str | None = None) -> Response:
        visit = services.record_attempt(actor=request.user, visit=self.get_object(), **_input(self, s.AttemptInputSerializer))
        return Response(s.ReturnVisitSerializer(self.get_queryset().get(pk=visit.pk)).data)

    @extend_schema(request=s.OutcomeInputSerializer, responses=s.ReturnVisitSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        visit = services.record_outcome(actor=request.user, visit=self.get_object(), **_input(self, s.OutcomeInputSerializer))
        return Response(s.ReturnVisitSerializer(self.get_queryset().get(pk=visit.pk)).data)
