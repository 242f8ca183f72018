from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.params import date_param, id_value
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.properties.scope import active_users_in_role, can_see_project
from anju.visits import rollups, selectors, services
from anju.visits.api import filters as f
from anju.visits.api import serializers as s
from anju.visits.models import CarePlan, ReturnVisit
from anju.visits.workflow import WORKFLOW as VISIT_WORKFLOW
from anju.visits.workflow import VisitAction


@workflow_actions(
    VISIT_WORKFLOW,
    response=s.ReturnVisitSerializer,
    endpoints={
        VisitAction.ATTEMPT: Endpoint(
            input=s.AttemptInputSerializer,
            run=lambda view, visit, data: services.record_attempt(actor=view.request.user, visit=visit, **data),
        ),
        VisitAction.OUTCOME: Endpoint(
            input=s.OutcomeInputSerializer,
            run=lambda view, visit, data: services.record_outcome(actor=view.request.user, visit=visit, **data),
        ),
    },
)
class ReturnVisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """回访 tasks on the orders the caller can see, due first."""

    selector = staticmethod(lambda actor: selectors.list_visits(actor=actor))
    filterset_class = f.ReturnVisitFilter
    serializer_class = s.ReturnVisitSerializer
    permission_map = {
        "list": "visits.view_returnvisit",
        "retrieve": "visits.view_returnvisit",
    }

    def workflow_response(self, visit: ReturnVisit, action: str) -> Response:
        fresh = self.get_queryset().get(pk=visit.pk)
        return Response(s.ReturnVisitSerializer(fresh, context=self.get_serializer_context()).data)


class QualityRollupSerializer(serializers.Serializer):
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
            raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"by": [message]})
        bounds = []
        for name, shift in (("from", 0), ("to", 1)):
            day = date_param(request.query_params, name)
            bounds.append(
                timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=shift), datetime.time.min))
                if day
                else None
            )
        rows = rollups.rollup(actor=request.user, dimension=dimension, since=bounds[0], until=bounds[1])
        return Response(QualityRollupSerializer(rows, many=True).data)


class CarePlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """定期回访 plans of the caller's projects: by handover date (T+7, T+30, yearly) or by customer group."""

    filterset_class = f.CarePlanFilter
    serializer_class = s.CarePlanSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "visits.view_careplan",
        "retrieve": "visits.view_careplan",
        "create": "visits.add_careplan",
        "partial_update": "visits.change_careplan",
        "assignees": "visits.change_careplan",
    }

    def get_selector_queryset(self) -> QuerySet[CarePlan]:
        return selectors.list_care_plans_with_progress(actor=self.request.user)

    def _out(self, plan: CarePlan, status: int = 200) -> Response:
        return Response(s.CarePlanSerializer(self.get_queryset().get(pk=plan.pk)).data, status=status)

    @extend_schema(request=s.CarePlanCreateSerializer, responses={201: s.CarePlanSerializer})
    def create(self, request: Request) -> Response:
        plan = services.create_care_plan(actor=request.user, values=validated_input(self, s.CarePlanCreateSerializer))
        return self._out(plan, status=201)

    @extend_schema(request=s.CarePlanUpdateSerializer, responses=s.CarePlanSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        values = validated_input(self, s.CarePlanUpdateSerializer)
        version = values.pop("version", None)
        return self._out(services.update_care_plan(actor=request.user, plan=self.get_object(), values=values, version=version))

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True)], responses=s.AssigneeSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def assignees(self, request: Request) -> Response:
        """Who may make the plan's calls in a project: active agents and supervisors who see it."""
        raw = request.query_params.get("project", "")
        project_id = id_value(raw)
        if project_id is None or not can_see_project(request.user, project_id):
            message = _("Choose a project.")
            raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"project": [message]})
        people = {
            user.pk: user for role in ("service_agent", "service_supervisor") for user in active_users_in_role(role, project_id)
        }
        rows = sorted(
            ({"id": user.pk, "name": user.display_name or user.username} for user in people.values()),
            key=lambda row: (row["name"], row["id"]),
        )
        return Response(s.AssigneeSerializer(rows, many=True).data)
