from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response

from anju.complaints import selectors, services
from anju.complaints.api import filters as f
from anju.complaints.api import serializers as s
from anju.complaints.models import Complaint
from anju.complaints.workflow import WORKFLOW
from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet
from anju.core.workflow_api import Endpoint, workflow_actions


def _step(view: Any, complaint: Complaint, data: dict[str, Any]) -> Complaint:
    return services.step(actor=view.request.user, complaint=complaint, action=view.workflow_action, **data)


@workflow_actions(
    WORKFLOW,
    response=s.ComplaintSerializer,
    endpoints={name: Endpoint(input=s.StepInputSerializer, run=_step) for name in WORKFLOW.transitions},
)
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Complaint cases (one per complaint work order) with their stages from ``allowed_actions``."""

    selector = staticmethod(lambda actor: selectors.list_complaints(actor=actor))
    filterset_class = f.ComplaintFilter
    serializer_class = s.ComplaintSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": "complaints.view_complaint",
        "retrieve": "complaints.view_complaint",
        "partial_update": "complaints.change_complaint",
    }

    def _out(self, complaint: Complaint) -> Response:
        return Response(s.ComplaintSerializer(self.get_queryset().get(pk=complaint.pk), context={"request": self.request}).data)

    @extend_schema(request=s.ComplaintUpdateSerializer, responses=s.ComplaintSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.ComplaintUpdateSerializer)
        version = data.pop("version", None)
        return self._out(services.update_case(actor=request.user, complaint=self.get_object(), values=data, version=version))

    def workflow_response(self, complaint: Complaint, action: str) -> Response:
        return self._out(complaint)


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """群诉 incidents opened by the group-complaint alert."""

    selector = staticmethod(lambda actor: selectors.list_incidents(actor=actor))
    filterset_class = f.IncidentFilter
    serializer_class = s.IncidentSerializer
    http_method_names = ["get", "patch", "head", "options"]
    permission_map = {
        "list": "complaints.view_incident",
        "retrieve": "complaints.view_incident",
        "partial_update": "complaints.change_incident",
    }

    @extend_schema(request=s.IncidentUpdateSerializer, responses=s.IncidentSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        data = validated_input(self, s.IncidentUpdateSerializer)
        version = data.pop("version", None)
        incident = services.update_incident(actor=request.user, incident=self.get_object(), values=data, version=version)
        return Response(s.IncidentSerializer(self.get_queryset().get(pk=incident.pk), context={"request": request}).data)


class ComplaintCategoryDepartmentViewSet(mixins.ListModelMixin, ScopedViewSet):
    """投诉类别 → 责任部门 (company-wide; 系统管理员 changes it)."""

    selector = staticmethod(lambda actor: selectors.list_category_departments(actor=actor))
    serializer_class = s.ComplaintCategoryDepartmentSerializer
    pagination_class = None
    http_method_names = ["get", "patch", "head", "options"]
    permission_map = {
        "list": "complaints.view_complaintcategorydepartment",
        "partial_update": "complaints.change_complaintcategorydepartment",
    }

    @extend_schema(request=s.ComplaintCategoryDepartmentInputSerializer, responses=s.ComplaintCategoryDepartmentSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        mapping = self.get_object()
        data = validated_input(self, s.ComplaintCategoryDepartmentInputSerializer)
        mapping = services.set_category_department(actor=request.user, mapping=mapping, department=data["department"])
        return Response(s.ComplaintCategoryDepartmentSerializer(self.get_queryset().get(pk=mapping.pk)).data)
