from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.events import list_timeline
from anju.core.excel import xlsx_response
from anju.core.params import id_param
from anju.core.pdf import pdf_response
from anju.core.serializers import event_rows, validated_input
from anju.core.viewsets import ScopedViewSet, TimelineMixin
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.settlement import rules, selectors
from anju.settlement.api import filters as f
from anju.settlement.api import serializers as s
from anju.settlement.models import SettlementBatch, SettlementLine
from anju.settlement.services import batches, documents, imports
from anju.settlement.workflow import WORKFLOW

_VIEW = "settlement.view_settlementbatch"
_VIEW_LINE = "settlement.view_settlementline"


def _step(view: Any, batch: SettlementBatch, data: dict[str, Any]) -> SettlementBatch:
    return batches.step(actor=view.request.user, batch=batch, action=view.workflow_action, **data)


def _places(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.0001")))


def _timeline(view: Any, obj: Any) -> Response:
    page = view.paginate_queryset(list_timeline(obj=obj, actor=view.request.user))
    return view.get_paginated_response(event_rows(page, view.request.user))


@workflow_actions(
    WORKFLOW,
    response=s.SettlementBatchDetailSerializer,
    endpoints={name: Endpoint(run=_step) for name in WORKFLOW.transitions},
)
class AreaSettlementViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """面积补差 batches per building (draft → reviewed → approved → notified → posted), the 结算单 PDF, the preview
    calculator and the measured-areas import from the survey report."""

    serializer_class = s.SettlementBatchSerializer
    filterset_class = f.BatchFilter
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": _VIEW,
        "retrieve": _VIEW,
        "timeline": _VIEW,
        "statement": _VIEW,
        "create": "settlement.add_settlementbatch",
        "preview": _VIEW_LINE,
        "import_measured_areas": "settlement.import_measured_areas",
        "measured_areas_template": "settlement.import_measured_areas",
    }

    def get_selector_queryset(self) -> QuerySet[SettlementBatch]:
        project = id_param(self.request.query_params, "project") if self.action == "list" else None
        return selectors.list_batches(actor=self.request.user, project=project)

    def _detail(self, batch: SettlementBatch, code: int = 200) -> Response:
        fresh = selectors.list_batches(actor=self.request.user).get(pk=batch.pk)
        return Response(s.SettlementBatchDetailSerializer(fresh, context={"request": self.request}).data, status=code)

    def workflow_response(self, batch: SettlementBatch, action: str) -> Response:
        return self._detail(batch)

    @extend_schema(responses=s.SettlementBatchDetailSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return self._detail(self.get_object())

    @extend_schema(request=s.SettlementBatchInputSerializer, responses={201: s.SettlementBatchDetailSerializer})
    def create(self, request: Request) -> Response:
        data = validated_input(self, s.SettlementBatchInputSerializer)
        return self._detail(batches.create_batch(actor=request.user, **data), code=status.HTTP_201_CREATED)

    @extend_schema(operation_id="area_settlements_statement", responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def statement(self, request: Request, pk: str | None = None) -> Any:
        """面积补差结算单 of every line of the batch (a summary page, then one page per contract)."""
        batch = self.get_object()
        return pdf_response(documents.batch_pdf(batch), f"面积补差结算单-{batch.number}.pdf")

    @extend_schema(request=s.SettlementPreviewInputSerializer, responses=s.SettlementPreviewSerializer)
    @action(detail=False, methods=["post"])
    def preview(self, request: Request) -> Response:
        """The figures of one contract from its areas and price (no record is read or written)."""
        data = validated_input(self, s.SettlementPreviewInputSerializer)
        result = rules.settle(
            contract_area=data["contract_area"],
            measured_area=data["measured_area"],
            unit_price=data["unit_price"],
            contract_inner_area=data.get("contract_inner_area"),
            measured_inner_area=data.get("measured_inner_area"),
        )
        body = {
            "ratio_percent": str(result.ratio_percent),
            "inner_ratio_percent": str(rules.percent(result.inner_ratio)) if result.inner_ratio is not None else None,
            "withdrawal_right": result.withdrawal_right,
            "buyer_pays": str(result.buyer_pays),
            "developer_refunds": str(result.developer_refunds),
            "developer_absorbs": str(result.developer_absorbs),
            "charged_area": _places(result.charged_area),
            "single_refund_area": _places(result.single_refund_area),
            "double_refund_area": _places(result.double_refund_area),
            "absorbed_area": _places(result.absorbed_area),
        }
        return Response(s.SettlementPreviewSerializer(body).data)

    @extend_schema(
        operation_id="area_settlements_import_measured_areas",
        request={"multipart/form-data": s.MeasuredAreasUploadSerializer},
        responses=s.MeasuredAreasResultSerializer,
    )
    @action(detail=False, methods=["post"], url_path="import-measured-areas", parser_classes=[MultiPartParser])
    def import_measured_areas(self, request: Request) -> Response:
        """The survey report's measured areas (all or nothing; row errors name the line); lines of batches not yet
        posted are recalculated and the changes returned."""
        data = validated_input(self, s.MeasuredAreasUploadSerializer)
        result = imports.import_measured_areas(actor=request.user, project=data["project"], upload=data["file"])
        return Response(s.MeasuredAreasResultSerializer(result).data)

    @extend_schema(operation_id="area_settlements_measured_areas_template", responses={(200, "application/octet-stream"): bytes})
    @action(detail=False, methods=["get"], url_path="measured-areas-template")
    def measured_areas_template(self, request: Request) -> Any:
        return xlsx_response(imports.template_workbook(), "anju-measured-areas.xlsx")


class AreaSettlementLineViewSet(TimelineMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """One contract's settlement line: inputs, figures, the withdrawal right and the buyer's decision, its 结算单."""

    selector = staticmethod(lambda actor: selectors.list_lines(actor=actor))
    serializer_class = s.SettlementLineSerializer
    filterset_class = f.LineFilter
    http_method_names = ["get", "post", "head", "options"]
    permission_map = {
        "list": _VIEW_LINE,
        "retrieve": _VIEW_LINE,
        "timeline": _VIEW_LINE,
        "statement": _VIEW_LINE,
        "withdraw": "settlement.change_settlementline",
    }

    def _out(self, line: SettlementLine) -> Response:
        fresh = self.get_queryset().get(pk=line.pk)
        return Response(s.SettlementLineSerializer(fresh, context={"request": self.request}).data)

    @extend_schema(operation_id="area_settlement_lines_statement", responses={(200, "application/pdf"): bytes})
    @action(detail=True, methods=["get"])
    def statement(self, request: Request, pk: str | None = None) -> Any:
        """面积补差结算单 of this contract."""
        line = self.get_object()
        return pdf_response(documents.line_pdf(line), f"面积补差结算单-{line.contract.number}.pdf")

    @extend_schema(request=s.SettlementWithdrawalInputSerializer, responses=s.SettlementLineSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """The buyer withdraws (退房) on a line with the right: the contract's cancellation is requested."""
        line = self.get_object()
        data = validated_input(self, s.SettlementWithdrawalInputSerializer)
        return self._out(batches.record_withdrawal(actor=request.user, line=line, **data))
