from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from anju.certificates import rules, selectors
from anju.certificates.api import filters as f
from anju.certificates.api import serializers as s
from anju.certificates.models import CertificateCase, Receipt
from anju.certificates.services import cases, documents, milestones
from anju.certificates.workflow import WORKFLOW, CertificateAction
from anju.core.access_log import client_ip
from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.excel import xlsx_response
from anju.core.pdf import pdf_response
from anju.core.serializers import validated_input
from anju.core.viewsets import CaseViewSet, ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions
from anju.properties.models import Project

A = CertificateAction
_VIEW = "certificates.view_certificatecase"
_CHANGE = "certificates.change_certificatecase"


def _step(view: Any, case: CertificateCase, data: dict[str, Any]) -> CertificateCase:
    return cases.step(actor=view.request.user, case=case, action=view.workflow_action, **data)


def _complete(view: Any, case: CertificateCase, data: dict[str, Any]) -> CertificateCase:
    return cases.complete_transfer(actor=view.request.user, case=case, **data)


def _hand_out(view: Any, case: CertificateCase, data: dict[str, Any]) -> CertificateCase:
    return cases.hand_out(actor=view.request.user, case=case, action=view.workflow_action, **data)


@workflow_actions(
    WORKFLOW,
    response=s.CertificateCaseDetailSerializer,
    endpoints={
        **{name: Endpoint(input=s.CertificateStepInputSerializer, run=_step) for name in WORKFLOW.transitions},
        A.COMPLETE_TRANSFER: Endpoint(input=s.CompleteTransferInputSerializer, run=_complete),
        A.SEND_TO_BANK: Endpoint(input=s.CertificateHandOutInputSerializer, run=_hand_out),
        A.HAND_OVER: Endpoint(input=s.CertificateHandOutInputSerializer, run=_hand_out),
    },
)
@extend_schema_view(
    retrieve=extend_schema(responses=s.CertificateCaseDetailSerializer),
    partial_update=extend_schema(request=s.CertificateCaseUpdateSerializer, responses=s.CertificateCaseDetailSerializer),
    checklist=extend_schema(
        request=s.CertificateChecklistInputSerializer,
        responses=s.CertificateCaseDetailSerializer,
        description="Mark documents of the checklist received (or not).",
    ),
)
class CertificateCaseViewSet(CaseViewSet):
    """产证办理: one case per unit's live contract. The detail carries the checklist, the delays, the receipts and
    ``allowed_actions``; the at-risk list and its export take the project/building/clock filters."""

    serializer_class = s.CertificateCaseSerializer
    filterset_class = f.CertificateCaseFilter
    permission_map = {
        "list": _VIEW,
        "retrieve": _VIEW,
        "timeline": _VIEW,
        "at_risk": _VIEW,
        "at_risk_export": _VIEW,
        "partial_update": _CHANGE,
        "checklist": _CHANGE,
        "delays": _CHANGE,
        "reveal": "certificates.reveal_certificate_number",
    }
    list_actions = ("list", "at_risk", "at_risk_export")
    list_selector = staticmethod(selectors.list_certificate_cases)
    details_selector = staticmethod(selectors.case_details)
    get_selector = staticmethod(selectors.get_case)
    detail_serializer_class = s.CertificateCaseDetailSerializer
    update_serializer_class = s.CertificateCaseUpdateSerializer
    checklist_serializer_class = s.CertificateChecklistInputSerializer
    update_service = staticmethod(cases.update_case)
    checklist_service = staticmethod(cases.set_checklist)

    @extend_schema(request=s.CertificateDelayInputSerializer, responses={201: s.CertificateCaseDetailSerializer})
    @action(detail=True, methods=["post"])
    def delays(self, request: Request, pk: str | None = None) -> Response:
        """Record a reason for delay and whose fault it is."""
        case = self.get_object()
        cases.add_delay(actor=request.user, case=case, **validated_input(self, s.CertificateDelayInputSerializer))
        response = self.detail_response(case)
        response.status_code = 201
        return response

    @extend_schema(request=s.CertificateRevealInputSerializer, responses=s.CertificateRevealSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, pk: str | None = None) -> Response:
        """The certificate number in clear, for a stated purpose (written to the access log)."""
        case = self.get_object()
        data = validated_input(self, s.CertificateRevealInputSerializer)
        number = cases.reveal_number(actor=request.user, case=case, purpose=data["purpose"], ip_address=client_ip(request))
        return Response({"certificate_number": number})

    def _at_risk_rows(self, request: Request) -> list[dict[str, Any]]:
        cases_in_scope = self.filter_queryset(self.get_queryset())  # validated by the FilterBackend (400s)
        window = f.AtRiskFilter(request.query_params, queryset=cases_in_scope, request=request)
        window.is_valid()
        clock, days, reverse = window.window()
        rows = selectors.at_risk_rows(cases_in_scope, within_days=days, clock=clock)
        return list(reversed(rows)) if reverse else rows

    @extend_schema(filters=True, responses=s.CertificateAtRiskSerializer(many=True))
    @action(detail=False, methods=["get"], url_path="at-risk", filterset_class=f.AtRiskFilter)
    def at_risk(self, request: Request) -> Response:
        """Units whose clocks run out within ``within_days`` (default 30) or have been missed, fewest days left first."""
        page: list[dict[str, Any]] = self.paginate_queryset(self._at_risk_rows(request))  # type: ignore[arg-type,assignment]
        return self.get_paginated_response(s.CertificateAtRiskSerializer(page, many=True).data)

    @extend_schema(
        operation_id="certificate_cases_at_risk_export", filters=True, responses={(200, "application/octet-stream"): bytes}
    )
    @action(detail=False, methods=["get"], url_path="at-risk/export", filterset_class=f.AtRiskFilter)
    def at_risk_export(self, request: Request) -> Any:
        """The at-risk list as an Excel file (recorded in the access log)."""
        content = documents.export_at_risk(actor=request.user, rows=self._at_risk_rows(request), ip_address=client_ip(request))
        return xlsx_response(content, "anju-certificates-at-risk.xlsx")


class ReceiptViewSet(mixins.RetrieveModelMixin, ScopedViewSet):
    """房产证签收表: a receipt and its PDF (the certificate number masked unless printed for the recipient)."""

    selector = staticmethod(lambda actor: selectors.list_receipts(actor=actor))
    serializer_class = s.CertificateReceiptSerializer
    http_method_names = ["get", "head", "options"]
    permission_map = {"retrieve": _VIEW, "pdf": _VIEW}

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "purpose",
                str,
                description="printed for the recipient: the number in clear (needs the reveal permission; access-logged)",
            )
        ],
        responses={(200, "application/pdf"): bytes},
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None) -> Any:
        receipt: Receipt = self.get_object()
        purpose = request.query_params.get("purpose", "").strip()[:200]
        if purpose and not request.user.has_perm("certificates.reveal_certificate_number"):
            raise ApplicationError(
                CoreErrorCode.AUTH_PERMISSION_DENIED, "You do not have permission to do this.", status_code=403
            )
        content = documents.receipt_pdf(actor=request.user, receipt=receipt, purpose=purpose, ip_address=client_ip(request))
        return pdf_response(content, f"房产证签收表-{receipt.number}.pdf")


class MilestoneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """首次登记: per project (of your scope), the initial-registration date and the alert lead time."""

    selector = staticmethod(lambda actor: selectors.list_milestone_projects(actor=actor))
    serializer_class = s.CertificateMilestoneSerializer
    pagination_class = None
    http_method_names = ["get", "patch", "head", "options"]
    permission_map = {
        "list": "certificates.view_projectmilestone",
        "retrieve": "certificates.view_projectmilestone",
        "partial_update": "certificates.change_projectmilestone",
    }

    @extend_schema(request=s.CertificateMilestoneInputSerializer, responses=s.CertificateMilestoneSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        project: Project = self.get_object()
        data = validated_input(self, s.CertificateMilestoneInputSerializer)
        version = data.pop("version", None)
        milestones.set_milestone(actor=request.user, project=project, values=data, version=version)
        fresh = self.get_queryset().get(pk=project.pk)
        return Response(s.CertificateMilestoneSerializer(fresh).data)


class DeadlinesViewSet(ScopedViewSet):
    """The certificate deadline calculator (domain rules §5.3; presale: the transfer clock counts from delivery)."""

    selector = staticmethod(lambda actor: selectors.list_certificate_cases(actor=actor))
    permission_map = {"deadlines": _VIEW}

    @extend_schema(request=s.DeadlinesInputSerializer, responses=s.DeadlinesSerializer)
    @action(detail=False, methods=["post"])
    def deadlines(self, request: Request) -> Response:
        data = validated_input(self, s.DeadlinesInputSerializer)
        delivered = data["delivered_on"]
        result = {
            "developer_documents_due_on": rules.developer_documents_due(delivered),
            "transfer_registration_due_on": rules.transfer_registration_due(
                sale_kind="presale", delivered_on=delivered, signed_on=delivered
            ),
            "pre_registration_lapses_on": rules.pre_registration_lapses(data["first_registration_on"]),
        }
        return Response(s.DeadlinesSerializer(result).data)
