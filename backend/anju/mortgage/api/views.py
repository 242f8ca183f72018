from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.access_log import client_ip
from anju.core.excel import xlsx_response
from anju.core.serializers import validated_input
from anju.core.viewsets import CaseViewSet, ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.mortgage import selectors
from anju.mortgage.api import filters as f
from anju.mortgage.api import serializers as s
from anju.mortgage.models import Bank, MortgageCase
from anju.mortgage.services import banks, cases, export
from anju.mortgage.workflow import WORKFLOW, MortgageAction

A = MortgageAction
_VIEW = "mortgage.view_mortgagecase"
_CHANGE = "mortgage.change_mortgagecase"


def _step(view: Any, case: MortgageCase, data: dict[str, Any]) -> MortgageCase:
    return cases.step(actor=view.request.user, case=case, action=view.workflow_action, **data)


def _service(run: Any) -> Any:
    def call(view: Any, case: MortgageCase, data: dict[str, Any]) -> MortgageCase:
        return run(actor=view.request.user, case=case, **data)

    return call


def _disburse(view: Any, case: MortgageCase, data: dict[str, Any]) -> MortgageCase:
    return cases.disburse(actor=view.request.user, case=case, **data)


@workflow_actions(
    WORKFLOW,
    response=s.MortgageCaseDetailSerializer,
    endpoints={
        **{name: Endpoint(run=_step) for name in WORKFLOW.transitions},
        A.DISBURSE: Endpoint(input=s.DisburseInputSerializer, run=_disburse),
        A.CLOSE: Endpoint(input=s.CloseInputSerializer, run=_service(cases.close)),
        A.SWITCH_BANK: Endpoint(input=s.SwitchBankInputSerializer, run=_service(cases.switch_bank)),
        A.TO_FULL_PAYMENT: Endpoint(input=s.ToFullPaymentInputSerializer, run=_service(cases.to_full_payment)),
    },
)
@extend_schema_view(
    retrieve=extend_schema(responses=s.MortgageCaseDetailSerializer),
    partial_update=extend_schema(request=s.MortgageCaseUpdateSerializer, responses=s.MortgageCaseDetailSerializer),
    checklist=extend_schema(
        request=s.ChecklistInputSerializer,
        responses=s.MortgageCaseDetailSerializer,
        description="Mark documents of the checklist received, missing or rejected (with a note).",
    ),
)
class MortgageCaseViewSet(CaseViewSet):
    """按揭 cases. The detail carries the checklist, the cases before and after, and ``allowed_actions``; the list,
    its export, the kanban counts and the bank figures take the same filters."""

    serializer_class = s.MortgageCaseSerializer
    filterset_class = f.MortgageCaseFilter
    permission_map = {
        "list": _VIEW,
        "retrieve": _VIEW,
        "timeline": _VIEW,
        "export": _VIEW,
        "board": _VIEW,
        "bank_stats": _VIEW,
        "officers": _VIEW,
        "partial_update": _CHANGE,
        "checklist": _CHANGE,
    }
    list_actions = ("list", "export", "board", "bank_stats")
    list_selector = staticmethod(selectors.list_mortgage_cases)
    details_selector = staticmethod(selectors.case_details)
    get_selector = staticmethod(selectors.get_case)
    detail_serializer_class = s.MortgageCaseDetailSerializer
    update_serializer_class = s.MortgageCaseUpdateSerializer
    checklist_serializer_class = s.ChecklistInputSerializer
    update_service = staticmethod(cases.update_case)
    checklist_service = staticmethod(cases.set_checklist)

    @extend_schema(operation_id="mortgage_cases_export", filters=True, responses={(200, "application/octet-stream"): bytes})
    @action(detail=False, methods=["get"])
    def export(self, request: Request) -> Any:
        """办理贷款客户清单 (JH-QR-KF01) of the filtered cases as an Excel file (recorded in the access log)."""
        content = export.export_cases(
            actor=request.user, cases=self.filter_queryset(self.get_queryset()), ip_address=client_ip(request)
        )
        return xlsx_response(content, "anju-mortgage-cases.xlsx")

    @extend_schema(filters=True, responses=s.BoardSerializer)
    @action(detail=False, methods=["get"], pagination_class=None)
    def board(self, request: Request) -> Response:
        """How many of the filtered cases are in each stage (the kanban's columns, in table order)."""
        stages = selectors.stage_board(self.filter_queryset(self.get_queryset()))
        return Response(s.BoardSerializer({"total": sum(row["count"] for row in stages), "stages": stages}).data)

    @extend_schema(filters=True, responses=s.BankStatSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="bank-stats", pagination_class=None)
    def bank_stats(self, request: Request) -> Response:
        """Per bank of the filtered cases: cases, approvals, rejections, approval rate and days to disbursement."""
        rows = selectors.bank_stats(self.filter_queryset(self.get_queryset()))
        return Response(s.BankStatSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("project", int, description="only officers working in this project")],
        responses=s.OfficerSerializer(many=True),
        filters=False,
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def officers(self, request: Request) -> Response:
        """按揭专员 a case can be given to: active users who may work cases, in the caller's projects."""
        from anju.core.params import id_param

        users = selectors.list_officers(actor=request.user, project_id=id_param(request.query_params, "project"))
        return Response(s.OfficerSerializer(users, many=True).data)


class BankViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """合作银行: the company-wide bank list; ``projects`` are the partner projects within your scope."""

    selector = staticmethod(lambda actor: selectors.list_banks())
    serializer_class = s.BankSerializer
    filterset_class = f.BankFilter
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "mortgage.view_bank",
        "retrieve": "mortgage.view_bank",
        "create": "mortgage.add_bank",
        "partial_update": "mortgage.change_bank",
    }

    def _out(self, bank: Bank, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=bank.pk)
        return Response(s.BankSerializer(fresh, context={"request": self.request}).data, status=status)

    @extend_schema(request=s.BankInputSerializer, responses={201: s.BankSerializer})
    def create(self, request: Request) -> Response:
        return self._out(banks.create_bank(actor=request.user, **validated_input(self, s.BankInputSerializer)), status=201)

    @extend_schema(request=s.BankUpdateSerializer, responses=s.BankSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        bank = self.get_object()
        return self._out(banks.update_bank(actor=request.user, bank=bank, values=validated_input(self, s.BankUpdateSerializer)))
