from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.serializers import validated_input
from anju.core.viewsets import ScopedViewSet
from anju.properties.api.settings import ProjectSettingsView
from anju.warranty import selectors, services
from anju.warranty.api import filters as f
from anju.warranty.api import serializers as s
from anju.warranty.models import WarrantyResponsibility


class WarrantyCheckView(APIView):
    """Is a defect of this item, reported on this day, still under warranty for a unit delivered then?"""

    permission_map = {"post": "warranty.view_warrantypolicy"}

    @extend_schema(operation_id="warranty_check", request=s.CheckInputSerializer, responses=s.CheckResultSerializer)
    def post(self, request: Request) -> Response:
        data = validated_input(self, s.CheckInputSerializer)
        project = data.get("project")
        result = selectors.coverage(
            item=data["warranty_item"],
            delivered=data["delivery_date"],
            reported_on=data["reported_on"],
            project_id=project.pk if project else None,
            building_id=None,
        )
        return Response(
            {"warranty_item": result.warranty_item, "expires_on": result.expires_on, "in_warranty": result.in_warranty}
        )


class PolicyView(ProjectSettingsView):
    """A project's warranty periods (the national default until someone saves longer ones)."""

    permission_map = {"get": "warranty.view_warrantypolicy", "put": "warranty.change_warrantypolicy"}

    @extend_schema(operation_id="warranty_policy_retrieve", responses=s.PolicySerializer)
    def get(self, request: Request, project_id: int) -> Response:
        return Response(s.PolicySerializer(selectors.policy_for(self._project(request, project_id))).data)

    @extend_schema(operation_id="warranty_policy_update", request=s.PolicyInputSerializer, responses=s.PolicySerializer)
    def put(self, request: Request, project_id: int) -> Response:
        project = self._project(request, project_id)
        data = validated_input(self, s.PolicyInputSerializer)
        return Response(s.PolicySerializer(services.update_policy(actor=request.user, project=project, values=data)).data)


class ContractorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_contractors())
    serializer_class = s.ContractorSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    pagination_class = None
    permission_map = {
        "list": "warranty.view_contractor",
        "retrieve": "warranty.view_contractor",
        "create": "warranty.add_contractor",
        "partial_update": "warranty.change_contractor",
    }

    @extend_schema(request=s.ContractorInputSerializer, responses={201: s.ContractorSerializer})
    def create(self, request: Request) -> Response:
        contractor = services.create_contractor(actor=request.user, **validated_input(self, s.ContractorInputSerializer))
        return Response(s.ContractorSerializer(contractor).data, status=201)

    @extend_schema(request=s.ContractorUpdateSerializer, responses=s.ContractorSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        contractor = self.get_object()
        data = validated_input(self, s.ContractorUpdateSerializer)
        return Response(
            s.ContractorSerializer(services.update_contractor(actor=request.user, contractor=contractor, values=data)).data
        )


class ResponsibilityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    selector = staticmethod(lambda actor: selectors.list_responsibilities(actor=actor).order_by("building_id", "item"))
    serializer_class = s.ResponsibilitySerializer
    filterset_class = f.ResponsibilityFilter
    http_method_names = ["get", "post", "delete", "head", "options"]
    permission_map = {
        "list": "warranty.view_warrantyresponsibility",
        "retrieve": "warranty.view_warrantyresponsibility",
        "create": "warranty.add_warrantyresponsibility",
        "destroy": "warranty.delete_warrantyresponsibility",
    }

    @extend_schema(request=s.ResponsibilityInputSerializer, responses={201: s.ResponsibilitySerializer})
    def create(self, request: Request) -> Response:
        row = services.set_responsibility(actor=request.user, **validated_input(self, s.ResponsibilityInputSerializer))
        return Response(s.ResponsibilitySerializer(row).data, status=201)

    def perform_destroy(self, instance: WarrantyResponsibility) -> None:
        services.remove_responsibility(actor=self.request.user, responsibility=instance)
