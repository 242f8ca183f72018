from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.excel import xlsx_response
from anju.core.params import date_param
from anju.core.pdf import pdf_response
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet, TimelineMixin
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.handover import reports, rules, selectors
from anju.handover.api import filters as f
from anju.handover.api import serializers as s
from anju.handover.models import HandoverBatch, HandoverSlot, Inspection
from anju.handover.services import batches, documents, inspections, notices, slots
from anju.handover.workflow import BATCH_WORKFLOW, INSPECTION_WORKFLOW, InspectionAction
from anju.properties.scope import works_in

_VIEW_BATCH = "handover.view_handoverbatch"
_CHANGE_BATCH = "handover.change_handoverbatch"


def _batch_step(view: Any, batch: HandoverBatch, data: dict[str, Any]) -> HandoverBatch:
    return batches.step(actor=view.request.user, batch=batch, action=view.workflow_action, **data)


@workflow_actions(
    BATCH_WORKFLOW,
    response=s.HandoverBatchDetailSerializer,
    endpoints={name: Endpoint(run=_batch_step) for name in BATCH_WORKFLOW.transitions},
)
class BatchViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """入伙批次: the plan, the preparation team and tasks, the units with their notice, slot and inspection, the
    day's queue board and the batch download of the notices."""

    serializer_class = s.HandoverBatchSerializer
    filterset_class = f.BatchFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": _VIEW_BATCH,
        "retrieve": _VIEW_BATCH,
        "timeline": _VIEW_BATCH,
        "units": _VIEW_BATCH,
        "board": _VIEW_BATCH,
        "capacity": _VIEW_BATCH,
        "notices_pdf": _VIEW_BATCH,
        "daily_report": _VIEW_BATCH,
        "problems": _VIEW_BATCH,
        "problems_export": _VIEW_BATCH,
        "create": "handover.add_handoverbatch",
        "partial_update": _CHANGE_BATCH,
        "task": _CHANGE_BATCH,
        "staff": _CHANGE_BATCH,
    }

    def get_selector_queryset(self) -> QuerySet[HandoverBatch]:
        if self.action == "list":
            return selectors.list_batches(actor=self.request.user)
        return selectors.batch_details(actor=self.request.user)

    def _detail(self, batch: HandoverBatch, status: int = 200) -> Response:
        fresh = selectors.batch_details(actor=self.request.user).get(pk=batch.pk)
        return Response(s.HandoverBatchDetailSerializer(fresh, context={"request": self.request}).data, status=status)

    def workflow_response(self, batch: HandoverBatch, action: str) -> Response:
        return self._detail(batch)

    @extend_schema(responses=s.HandoverBatchDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(request=s.HandoverBatchInputSerializer, responses={201: s.HandoverBatchDetailSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.HandoverBatchInputSerializer)
        members = [batches.Member(m["user"], m["role"]) for m in data.pop("members")]
        return self._detail(batches.create_batch(actor=request.user, members=members, **data), status=201)

    @extend_schema(request=s.HandoverBatchUpdateSerializer, responses=s.HandoverBatchDetailSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        batch = self.get_object()
        data = validated_input(self, s.HandoverBatchUpdateSerializer)
        version = data.pop("version", None)
        return self._detail(batches.update_batch(actor=request.user, batch=batch, values=data, version=version))

    @extend_schema(request=s.HandoverTaskInputSerializer, responses=s.HandoverBatchDetailSerializer)
    @action(detail=True, methods=["post"], url_path="tasks")
    def task(self, request: Request, pk: str | None = None) -> Response:
        """Mark a preparation task done (or not), change its owner, due date or note."""
        batch = self.get_object()
        data = validated_input(self, s.HandoverTaskInputSerializer)
        return self._detail(
            batches.update_task(
                actor=request.user, batch=batch, task_id=data.pop("task"), version=data.pop("version", None), **data
            )
        )

    @extend_schema(responses=s.HandoverStaffSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def staff(self, request: Request, pk: str | None = None) -> Response:
        """Active staff working in the batch's project: who may join its team or own one of its tasks."""
        return Response(s.HandoverStaffSerializer(works_in(self.get_object().project), many=True).data)

    @extend_schema(responses=s.HandoverUnitRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def units(self, request: Request, pk: str | None = None) -> Response:
        """Every unit of the batch with its notice, slot, latest inspection and unpaid items (shown, never blocking)."""
        rows = selectors.unit_rows(self.get_object())
        return Response(s.HandoverUnitRowSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        parameters=[OpenApiParameter("day", str, description="YYYY-MM-DD, default today")],
        responses=s.HandoverQueueBoardSerializer,
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def board(self, request: Request, pk: str | None = None) -> Response:
        """The site's queue board: the day's slots booked, checked in, in inspection and done."""
        day = date_param(request.query_params, "day") or timezone.localdate()
        batch = self.get_object()
        columns = selectors.queue_board(batch, day)
        head = {"day": day, "batch_number": batch.number, "batch_name": batch.name, "place": batch.place}
        return Response(s.HandoverQueueBoardSerializer({**head, **columns}).data)

    @extend_schema(responses=s.HandoverDayCapacitySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], pagination_class=None)
    def capacity(self, request: Request, pk: str | None = None) -> Response:
        """Per day and window of the batch: the capacity and how many are booked (the slot calendar)."""
        batch = self.get_object()
        booked = selectors.booked_counts(batch.pk)
        rows = [
            {
                "day": day,
                "window": window,
                "capacity": batch.capacity_per_window,
                "booked": booked.get((day, window), 0),
            }
            for day in rules.days_of(batch.starts_on, batch.ends_on)
            for window in batch.windows
        ]
        return Response(s.HandoverDayCapacitySerializer(rows, many=True).data)

    @extend_schema(responses={(200, "application/pdf"): bytes}, filters=False)
    @action(detail=True, methods=["get"], url_path="notices-pdf")
    def notices_pdf(self, request: Request, pk: str | None = None) -> Any:
        """All the batch's 入伙通知书 in one PDF, one section per unit."""
        batch = self.get_object()
        rows = selectors.list_notices(actor=request.user).filter(batch=batch)
        return pdf_response(documents.notices_pdf(rows, title=f"{batch.name} 入伙通知书"), f"入伙通知书-{batch.number}.pdf")

    @extend_schema(
        parameters=[OpenApiParameter("day", str, description="YYYY-MM-DD, default today")],
        responses=s.DailyRepairReportSerializer,
        filters=False,
    )
    @action(detail=True, methods=["get"], url_path="daily-report", pagination_class=None)
    def daily_report(self, request: Request, pk: str | None = None) -> Response:
        """入伙维修日报: the day's defects opened, fixed and overdue by building, category and contractor."""
        day = date_param(request.query_params, "day") or timezone.localdate()
        return Response(s.DailyRepairReportSerializer(reports.daily_report(self.get_object(), day)).data)

    @extend_schema(responses=s.ProblemSummarySerializer, filters=False)
    @action(detail=True, methods=["get"], pagination_class=None)
    def problems(self, request: Request, pk: str | None = None) -> Response:
        """入伙问题汇总: the batch's problems by category, building and responsible department."""
        return Response(s.ProblemSummarySerializer(reports.problem_summary(self.get_object())).data)

    @extend_schema(responses={(200, "application/octet-stream"): bytes}, filters=False)
    @action(detail=True, methods=["get"], url_path="problems/export")
    def problems_export(self, request: Request, pk: str | None = None) -> Any:
        batch = self.get_object()
        return xlsx_response(reports.summary_workbook(batch), f"handover-problems-{batch.number}.xlsx")


class NoticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """入伙通知书 of the units: fees, lead time, unpaid items; the PDF; sending (post / text message / in person)."""

    selector = staticmethod(lambda actor: selectors.list_notices(actor=actor))
    serializer_class = s.HandoverNoticeSerializer
    filterset_class = f.NoticeFilter
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": "handover.view_handovernotice",
        "retrieve": "handover.view_handovernotice",
        "pdf": "handover.view_handovernotice",
        "send": "handover.change_handovernotice",
    }

    @extend_schema(responses={(200, "application/pdf"): bytes}, filters=False)
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> Any:
        notice = self.get_object()
        return pdf_response(
            documents.notices_pdf([notice]), f"入伙通知书-{notice.unit.building.name}{notice.unit.room_number}.pdf"
        )

    @extend_schema(request=s.NoticeSendInputSerializer, responses=s.HandoverNoticeSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, pk: str | None = None) -> Response:
        notice = self.get_object()
        data = validated_input(self, s.NoticeSendInputSerializer)
        sent = notices.send(actor=request.user, notice=notice, version=data.pop("version", None), **data)
        return Response(s.HandoverNoticeSerializer(self.get_queryset().get(pk=sent.pk), context={"request": request}).data)


class SlotViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Booked handover slots: book within the window's capacity, move, cancel, check in on the day."""

    selector = staticmethod(lambda actor: selectors.list_slots(actor=actor))
    serializer_class = s.HandoverSlotSerializer
    filterset_class = f.SlotFilter
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": "handover.view_handoverslot",
        "retrieve": "handover.view_handoverslot",
        "create": "handover.add_handoverslot",
        "reschedule": "handover.change_handoverslot",
        "cancel": "handover.change_handoverslot",
        "check_in": "handover.change_handoverslot",
    }

    def _out(self, slot: HandoverSlot, status: int = 200) -> Response:
        return Response(s.HandoverSlotSerializer(self.get_queryset().get(pk=slot.pk)).data, status=status)

    @extend_schema(request=s.HandoverBookInputSerializer, responses={201: s.HandoverSlotSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.HandoverBookInputSerializer)
        return self._out(slots.book(actor=request.user, **data), status=201)

    @extend_schema(request=s.HandoverRescheduleInputSerializer, responses=s.HandoverSlotSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request: Request, pk: str | None = None) -> Response:
        slot = self.get_object()
        data = validated_input(self, s.HandoverRescheduleInputSerializer)
        return self._out(slots.reschedule(actor=request.user, slot=slot, version=data.pop("version", None), **data))

    @extend_schema(request=s.HandoverCancelSlotInputSerializer, responses=s.HandoverSlotSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        slot = self.get_object()
        data = validated_input(self, s.HandoverCancelSlotInputSerializer)
        return self._out(slots.cancel(actor=request.user, slot=slot, version=data.pop("version", None), **data))

    @extend_schema(request=s.HandoverCheckInInputSerializer, responses=s.HandoverSlotSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request: Request, pk: str | None = None) -> Response:
        slot = self.get_object()
        data = validated_input(self, s.HandoverCheckInInputSerializer)
        return self._out(slots.check_in(actor=request.user, slot=slot, version=data.pop("version", None)))


def _accept(view: Any, inspection: Inspection, data: dict[str, Any]) -> Inspection:
    return inspections.accept(actor=view.request.user, inspection=inspection, version=data.pop("version", None), **data)


def _defer(view: Any, inspection: Inspection, data: dict[str, Any]) -> Inspection:
    return inspections.defer(actor=view.request.user, inspection=inspection, version=data.get("version"), reason=data["reason"])


@workflow_actions(
    INSPECTION_WORKFLOW,
    response=s.HandoverInspectionDetailSerializer,
    endpoints={
        InspectionAction.ACCEPT: Endpoint(input=s.HandoverAcceptInputSerializer, run=_accept),
        InspectionAction.DEFER: Endpoint(input=s.HandoverDeferInputSerializer, run=_defer),
    },
)
class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """验房: the checklist, keys and meters, defects (each a repair work order with photos), acceptance or deferral,
    the re-inspection round, the owner's signature and the 商品房交接单 PDF."""

    serializer_class = s.HandoverInspectionSerializer
    filterset_class = f.InspectionFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "handover.view_inspection",
        "retrieve": "handover.view_inspection",
        "record": "handover.view_inspection",
        "create": "handover.add_inspection",
        "partial_update": "handover.change_inspection",
        "defects": "handover.change_inspection",
        "reinspect": "handover.add_inspection",
        "signature": "handover.change_inspection",
    }

    def get_selector_queryset(self) -> QuerySet[Inspection]:
        if self.action == "list":
            return selectors.list_inspections(actor=self.request.user)
        return selectors.inspection_details(actor=self.request.user)

    def get_parsers(self) -> list[Any]:
        if (
            self.request is not None
            and self.request.method == "POST"
            and self.request.path.endswith(("/defects/", "/signature/"))
        ):
            return [MultiPartParser()]
        return super().get_parsers()

    def _detail(self, inspection: Inspection, status: int = 200) -> Response:
        fresh = selectors.inspection_details(actor=self.request.user).get(pk=inspection.pk)
        return Response(s.HandoverInspectionDetailSerializer(fresh, context={"request": self.request}).data, status=status)

    def workflow_response(self, inspection: Inspection, action: str) -> Response:
        return self._detail(inspection)

    @extend_schema(responses=s.HandoverInspectionDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(request=s.HandoverStartInspectionInputSerializer, responses={201: s.HandoverInspectionDetailSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.HandoverStartInspectionInputSerializer)
        return self._detail(inspections.start(actor=request.user, notice=data["notice"]), status=201)

    @extend_schema(request=s.HandoverInspectionUpdateSerializer, responses=s.HandoverInspectionDetailSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        inspection = self.get_object()
        data = validated_input(self, s.HandoverInspectionUpdateSerializer)
        version = data.pop("version", None)
        return self._detail(inspections.update(actor=request.user, inspection=inspection, version=version, values=data))

    @extend_schema(
        request={"multipart/form-data": s.HandoverDefectInputSerializer}, responses={201: s.HandoverInspectionDetailSerializer}
    )
    @action(detail=True, methods=["post"])
    def defects(self, request: Request, pk: str | None = None) -> Response:
        """Record a defect: it becomes a repair work order (channel 入伙验房) with its photos."""
        inspection = self.get_object()
        data = validated_input(self, s.HandoverDefectInputSerializer)
        inspections.add_defect(actor=request.user, inspection=inspection, **data)
        return self._detail(inspection, status=201)

    @extend_schema(request=None, responses={201: s.HandoverInspectionDetailSerializer})
    @action(detail=True, methods=["post"])
    def reinspect(self, request: Request, pk: str | None = None) -> Response:
        """The next round after the owner deferred (linked to this one)."""
        return self._detail(inspections.reinspect(actor=request.user, inspection=self.get_object()), status=201)

    @extend_schema(
        request={"multipart/form-data": s.HandoverSignatureInputSerializer}, responses=s.HandoverInspectionDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def signature(self, request: Request, pk: str | None = None) -> Response:
        inspection = self.get_object()
        data = validated_input(self, s.HandoverSignatureInputSerializer)
        return self._detail(
            inspections.sign(actor=request.user, inspection=inspection, version=data.get("version"), upload=data["file"])
        )

    @extend_schema(responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def record(self, request: Request, pk: str | None = None) -> Any:
        """商品房交接单 (PDF)."""
        inspection = self.get_object()
        return pdf_response(documents.handover_record_pdf(inspection), f"商品房交接单-{inspection.number}.pdf")
