from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.pagination import PageNumberPagination
from anju.core.params import id_param, id_value
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet
from anju.sla import selectors, services
from anju.sla.api import filters as f
from anju.sla.api import serializers as s
from anju.sla.models import CalendarDay, SlaPolicy


class ClockListView(APIView):
    """SLA clocks of the given work orders (those the caller can see), with due time, time left and state."""

    permission_map = {"get": "workorders.view_workorder"}

    @extend_schema(
        operation_id="sla_clocks_list",
        parameters=[OpenApiParameter("work_order", int, many=True, description="one or more work-order ids (at most 100)")],
        responses=s.SlaClockSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        raw = [v for value in request.query_params.getlist("work_order") for v in value.split(",") if v]
        if len(raw) > 100 or any(id_value(v) is None for v in raw):
            message = _("Give at most 100 work-order ids.")
            raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"work_order": [message]})
        clocks = selectors.clocks_of(actor=request.user, work_order_ids=[int(v) for v in raw])
        wt = selectors.working_time()
        return Response([s.clock_row({"work_order": c.work_order_id, **selectors.describe(c, wt)}) for c in clocks])


def order_clocks(request: Request, order: Any) -> list[Any]:
    """The clocks of one order the caller has just been allowed to see, as ``GET /sla/clocks/?work_order=<id>``
    (the work-order detail's ``?include=sla``)."""
    clocks = selectors.clocks_of_fetched_order(order)
    wt = selectors.working_time()
    return [s.clock_row({"work_order": c.work_order_id, **selectors.describe(c, wt)}) for c in clocks]


class BoardView(APIView):
    """SLA 看板: every running clock on the orders the caller can see, soonest (or most overdue) first."""

    permission_map = {"get": "workorders.view_workorder"}

    @extend_schema(
        operation_id="sla_board",
        parameters=[
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
            OpenApiParameter("project", int),
            OpenApiParameter("overdue", bool, description="only clocks already past due"),
        ],
        responses=s.BoardPageSerializer,
    )
    def get(self, request: Request) -> Response:
        clocks = selectors.board_clocks(
            actor=request.user,
            project_id=id_param(request.query_params, "project"),
            overdue_only=request.query_params.get("overdue") == "true",
        )
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(clocks, request, view=self) or []
        rows = selectors.board_rows(page, selectors.working_time())
        return paginator.get_paginated_response(s.BoardRowSerializer(rows, many=True).data)


class PolicyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    """SLA targets per work-order type and priority (company-wide, or for one project). Practice figures."""

    selector = staticmethod(lambda actor: selectors.list_policies(actor=actor))
    serializer_class = s.SlaPolicySerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "sla.view_slapolicy",
        "retrieve": "sla.view_slapolicy",
        "create": "sla.add_slapolicy",
        "partial_update": "sla.change_slapolicy",
        "destroy": "sla.delete_slapolicy",
    }

    @extend_schema(request=s.SlaPolicyInputSerializer, responses={201: s.SlaPolicySerializer})
    def create(self, request: Request) -> Response:
        policy = services.create_policy(actor=request.user, **validated_input(self, s.SlaPolicyInputSerializer))
        return Response(s.SlaPolicySerializer(policy).data, status=201)

    @extend_schema(request=s.SlaPolicyUpdateSerializer, responses=s.SlaPolicySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        policy = self.get_object()
        data = validated_input(self, s.SlaPolicyUpdateSerializer)
        return Response(s.SlaPolicySerializer(services.update_policy(actor=request.user, policy=policy, values=data)).data)

    def perform_destroy(self, instance: SlaPolicy) -> None:
        services.delete_policy(actor=self.request.user, policy=instance)


class CalendarDayViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    """Statutory rest days and 调休 make-up working days (an editable table)."""

    selector = staticmethod(lambda actor: selectors.list_calendar_days())
    filterset_class = f.CalendarDayFilter
    serializer_class = s.CalendarDaySerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    pagination_class = None
    permission_map = {"list": "sla.view_calendarday", "create": "sla.add_calendarday", "destroy": "sla.delete_calendarday"}

    @extend_schema(request=s.CalendarDayInputSerializer, responses={201: s.CalendarDaySerializer})
    def create(self, request: Request) -> Response:
        day = services.add_calendar_day(actor=request.user, **validated_input(self, s.CalendarDayInputSerializer))
        return Response(s.CalendarDaySerializer(day).data, status=201)

    def perform_destroy(self, instance: CalendarDay) -> None:
        services.remove_calendar_day(actor=self.request.user, day=instance)


def _year(year: int) -> int:
    if not 2000 <= year <= 2100:
        message = _("Enter a year between 2000 and 2100.")
        raise ApplicationError(CoreErrorCode.VALIDATION_ERROR, message, fields={"year": [message]})
    return year


class CalendarYearListView(APIView):
    """Each year of the calendar: official (the State Council's arrangement as entered) or computed by the rules."""

    permission_map = {"get": "sla.view_calendarday"}

    @extend_schema(operation_id="sla_calendar_years_list", responses=s.CalendarYearSerializer(many=True))
    def get(self, request: Request) -> Response:
        return Response(s.CalendarYearSerializer(selectors.calendar_years(), many=True).data)


class CalendarYearView(APIView):
    """Mark a year official or computed (the same permission as entering calendar days; company-wide)."""

    permission_map = {"put": "sla.add_calendarday"}

    @extend_schema(
        operation_id="sla_calendar_years_update", request=s.CalendarYearInputSerializer, responses=s.CalendarYearSerializer
    )
    def put(self, request: Request, year: int) -> Response:
        year = _year(year)
        services.set_calendar_year(actor=request.user, year=year, **validated_input(self, s.CalendarYearInputSerializer))
        return Response(s.CalendarYearSerializer(selectors.calendar_year(year)).data)


class CalendarYearDaysView(APIView):
    """The days of a year that depart from the weekly pattern, as every period sees them, with their source."""

    permission_map = {"get": "sla.view_calendarday"}

    @extend_schema(operation_id="sla_calendar_year_days", responses=s.CalendarEntrySerializer(many=True))
    def get(self, request: Request, year: int) -> Response:
        days = selectors.calendar_year_days(_year(year))
        return Response(s.CalendarEntrySerializer([day._asdict() for day in days], many=True).data)


class WorkingHoursView(APIView):
    permission_map = {"get": "sla.view_workinghours", "put": "sla.change_workinghours"}

    @extend_schema(operation_id="sla_working_hours_retrieve", responses=s.WorkingHoursSerializer)
    def get(self, request: Request) -> Response:
        return Response(s.WorkingHoursSerializer(selectors.working_hours()).data)

    @extend_schema(
        operation_id="sla_working_hours_update", request=s.WorkingHoursInputSerializer, responses=s.WorkingHoursSerializer
    )
    def put(self, request: Request) -> Response:
        hours = services.update_working_hours(actor=request.user, values=validated_input(self, s.WorkingHoursInputSerializer))
        return Response(s.WorkingHoursSerializer(hours).data)
