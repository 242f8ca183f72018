from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.errors import ApplicationError
from anju.core.params import date_param, id_param, id_value
from anju.core.serializers import validated_input
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.properties.scope import active_users_in_role, can_see_project
from anju.visits import care, rollups, selectors, services
from anju.visits.api import serializers as s
from anju.visits.models import CarePlan, ReturnVisit, VisitKind, VisitStatus
from anju.visits.workflow import WORKFLOW as VISIT_WORKFLOW
from anju.visits.workflow import VisitAction


@extend_schema(
    parameters=[
        OpenApiParameter("status", str, enum=VisitStatus.values),
        OpenApiParameter("kind", str, enum=VisitKind.values),
        OpenApiParameter("plan", int),
        OpenApiParameter("mine", bool, description="assigned to me, or to nobody yet"),
    ]
)
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
class ReturnVisitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """回访 tasks on the orders the caller can see, due first."""

    queryset = ReturnVisit.objects.none()
    serializer_class = s.ReturnVisitSerializer
    permission_map = {
        "list": "visits.view_returnvisit",
        "retrieve": "visits.view_returnvisit",
    }

    def get_queryset(self) -> QuerySet[ReturnVisit]:
        queryset = selectors.list_visits(actor=self.request.user)
        if self.action != "list":  # the filters are the list's: an action's answer is re-read without them
            return queryset
        params = self.request.query_params
        if params.get("status", "") in VisitStatus.values:
            queryset = queryset.filter(status=params["status"])
        if params.get("kind", "") in VisitKind.values:
            queryset = queryset.filter(kind=params["kind"])
        plan = id_param(params, "plan")
        if plan is not None:
            queryset = queryset.filter(plan_id=plan)
        if self.request.query_params.get("mine") == "true":
            queryset = queryset.filter(Q(assignee=self.request.user) | Q(assignee__isnull=True))
        return queryset

    def workflow_response(self, visit: ReturnVisit, action: str) -> Response:
        fresh = self.get_queryset().get(pk=visit.pk)
        return Response(s.ReturnVisitSerializer(fresh, context=self.get_serializer_context()).data)


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
            day = date_param(request.query_params, name)
            bounds.append(
                timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=shift), datetime.time.min))
                if day
                else None
            )
        rows = rollups.rollup(actor=request.user, dimension=dimension, since=bounds[0], until=bounds[1])
        return Response(QualityRollupSerializer(rows, many=True).data)


@extend_schema(parameters=[OpenApiParameter("project", int), OpenApiParameter("active", bool)])
class CarePlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):  # type: ignore[type-arg]
    """定期回访 plans of the caller's projects: by handover date (T+7, T+30, yearly) or by customer group."""

    queryset = CarePlan.objects.none()
    serializer_class = s.CarePlanSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "visits.view_careplan",
        "retrieve": "visits.view_careplan",
        "create": "visits.add_careplan",
        "partial_update": "visits.change_careplan",
        "assignees": "visits.change_careplan",
    }

    def get_queryset(self) -> QuerySet[CarePlan]:
        queryset = (
            selectors.list_care_plans(actor=self.request.user)
            .annotate(
                pending=Count("visits", filter=Q(visits__status=VisitStatus.PENDING)),
                done=Count("visits", filter=Q(visits__status__in=[VisitStatus.DONE, VisitStatus.UNREACHABLE])),
            )
            .order_by("project_id", "name", "id")
        )
        if self.action != "list":
            return queryset
        params = self.request.query_params
        project = id_param(params, "project")
        if project is not None:
            queryset = queryset.filter(project_id=project)
        if params.get("active") in ("true", "false"):
            queryset = queryset.filter(active=params["active"] == "true")
        return queryset

    def _out(self, plan: CarePlan, status: int = 200) -> Response:
        return Response(s.CarePlanSerializer(self.get_queryset().get(pk=plan.pk)).data, status=status)

    @extend_schema(request=s.CarePlanCreateSerializer, responses={201: s.CarePlanSerializer})
    def create(self, request: Request) -> Response:
        plan = care.create_plan(actor=request.user, values=validated_input(self, s.CarePlanCreateSerializer))
        return self._out(plan, status=201)

    @extend_schema(request=s.CarePlanUpdateSerializer, responses=s.CarePlanSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        values = validated_input(self, s.CarePlanUpdateSerializer)
        version = values.pop("version", None)
        return self._out(care.update_plan(actor=request.user, plan=self.get_object(), values=values, version=version))

    @extend_schema(parameters=[OpenApiParameter("project", int, required=True)], responses=s.AssigneeSerializer(many=True))
    @action(detail=False, methods=["get"])
    def assignees(self, request: Request) -> Response:
        """Who may make the plan's calls in a project: active agents and supervisors who see it."""
        raw = request.query_params.get("project", "")
        project_id = id_value(raw)
        if project_id is None or not can_see_project(request.user, project_id):
            message = _("Choose a project.")
            raise ApplicationError("validation_error", message, fields={"project": [message]})
        people = {
            user.pk: user for role in ("service_agent", "service_supervisor") for user in active_users_in_role(role, project_id)
        }
        rows = sorted(
            ({"id": user.pk, "name": user.display_name or user.username} for user in people.values()),
            key=lambda row: (row["name"], row["id"]),
        )
        return Response(s.AssigneeSerializer(rows, many=True).data)
