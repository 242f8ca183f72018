from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.errors import ApplicationError
from anju.core.serializers import validated_input
from anju.properties.scope import restrict
from anju.visits import rollups, services
from anju.visits.api import serializers as s
from anju.visits.models import ReturnVisit, VisitStatus


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
        visit = services.record_attempt(
            actor=request.user, visit=self.get_object(), **validated_input(self, s.AttemptInputSerializer)
        )
        return Response(s.ReturnVisitSerializer(self.get_queryset().get(pk=visit.pk)).data)

    @extend_schema(request=s.OutcomeInputSerializer, responses=s.ReturnVisitSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request: Request, pk: str | None = None) -> Response:
        visit = services.record_outcome(
            actor=request.user, visit=self.get_object(), **validated_input(self, s.OutcomeInputSerializer)
        )
        return Response(s.ReturnVisitSerializer(self.get_queryset().get(pk=visit.pk)).data)


class QualityRollupSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    finished = serializers.IntegerField(help_text="SLA targets finished (met on time or late)")
    on_time = serializers.IntegerField()
    on_time_percent = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    visits = serializers.IntegerField(help_text="return visits with an answer")
    unresolved = serializers.IntegerField()
    satisfaction = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)


class QualityRollupView(APIView):
    """SLA attainment and satisfaction per technician, category, building, project or team, in the caller's scope."""

    permission_map = {"get": "visits.view_returnvisit"}

    @extend_schema(
        operation_id="quality_rollup",
        parameters=[
            OpenApiParameter("by", str, enum=list(rollups.DIMENSIONS), required=True),
            OpenApiParameter("from", datetime.date),
            OpenApiParameter("to", datetime.date),
        ],
        responses=QualityRollupSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        dimension = request.query_params.get("by", "")
        if dimension not in rollups.DIMENSIONS:
            message = _("Choose what to group by.")
            raise ApplicationError("validation_error", message, fields={"by": [message]})
        bounds = []
        for name, shift in (("from", 0), ("to", 1)):
            raw = request.query_params.get(name, "")
            try:
                day = parse_date(raw) if raw else None
            except ValueError:
                day = None
            if raw and day is None:
                message = _("Enter a valid date.")
                raise ApplicationError("validation_error", message, fields={name: [message]})
            bounds.append(
                timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=shift), datetime.time.min))
                if day
                else None
            )
        rows = rollups.rollup(actor=request.user, dimension=dimension, since=bounds[0], until=bounds[1])
        return Response(QualityRollupSerializer(rows, many=True).data)
