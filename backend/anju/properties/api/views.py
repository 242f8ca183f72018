from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from anju.accounts.models import User
from anju.core.events import list_timeline
from anju.core.excel import xlsx_response
from anju.core.serializers import event_rows
from anju.core.viewsets import ScopedViewSet, TimelineMixin
from anju.properties import imports, selectors, services
from anju.properties.api import filters as f
from anju.properties.api import serializers as s
from anju.properties.models import Building, CityCompany, Project, Unit


class _CrudViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, ScopedViewSet):
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _input(self, serializer_class: Any) -> dict[str, Any]:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class CityCompanyViewSet(_CrudViewSet):
    selector = staticmethod(lambda actor: selectors.list_city_companies(actor=actor))
    serializer_class = s.CityCompanySerializer
    permission_map = {
        "list": "properties.view_citycompany",
        "retrieve": "properties.view_citycompany",
        "create": "properties.add_citycompany",
        "partial_update": "properties.change_citycompany",
        "destroy": "properties.delete_citycompany",
    }

    @extend_schema(request=s.CityCompanyInputSerializer, responses={201: s.CityCompanySerializer})
    def create(self, request: Request) -> Response:
        company = services.create_city_company(actor=request.user, **self._input(s.CityCompanyInputSerializer))
        return Response(s.CityCompanySerializer(company).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.CityCompanyUpdateSerializer, responses=s.CityCompanySerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        company = services.update_city_company(
            actor=request.user, company=self.get_object(), **self._input(s.CityCompanyUpdateSerializer)
        )
        return Response(s.CityCompanySerializer(company).data)

    def perform_destroy(self, instance: CityCompany) -> None:
        services.delete_city_company(actor=self.request.user, company=instance)


class ProjectViewSet(TimelineMixin, _CrudViewSet):
    selector = staticmethod(lambda actor: selectors.list_projects(actor=actor))
    serializer_class = s.ProjectSerializer
    filterset_class = f.ProjectFilter
    permission_map = {
        "list": "properties.view_project",
        "retrieve": "properties.view_project",
        "create": "properties.add_project",
        "partial_update": "properties.change_project",
        "destroy": "properties.delete_project",
        "import_workbook": "properties.import_unit",
        "import_template": "properties.import_unit",
        "timeline": "properties.view_project",
    }

    @extend_schema(request=s.ProjectInputSerializer, responses={201: s.ProjectSerializer})
    def create(self, request: Request) -> Response:
        values = self._input(s.ProjectInputSerializer)
        project = services.create_project(actor=request.user, **values)
        return Response(s.ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ProjectUpdateSerializer, responses=s.ProjectSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        project = services.update_project(actor=request.user, project=self.get_object(), **self._input(s.ProjectUpdateSerializer))
        return Response(s.ProjectSerializer(project).data)

    def perform_destroy(self, instance: Project) -> None:
        services.delete_project(actor=self.request.user, project=instance)

    @extend_schema(
        operation_id="projects_import",
        request={"multipart/form-data": s.FileUploadSerializer},
        responses=s.UnitImportResultSerializer,
    )
    @action(detail=True, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    def import_workbook(self, request: Request, pk: str | None = None) -> Response:
        project = self.get_object()
        upload = s.FileUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        result = services.import_units(actor=request.user, project=project, upload=upload.validated_data["file"])
        return Response(result)

    @extend_schema(operation_id="projects_import_template", responses={(200, "application/octet-stream"): bytes})
    @action(detail=False, methods=["get"], url_path="import-template")
    def import_template(self, request: Request) -> Any:
        return xlsx_response(imports.template_workbook(), "anju-units-template.xlsx")


def _paged_timeline(view: Any, obj: Any) -> Response:
    page = view.paginate_queryset(list_timeline(obj=obj, actor=view.request.user))
    return view.get_paginated_response(event_rows(page, view.request.user))


class BuildingViewSet(_CrudViewSet):
    selector = staticmethod(lambda actor: selectors.list_buildings(actor=actor))
    serializer_class = s.BuildingSerializer
    filterset_class = f.BuildingFilter
    permission_map = {
        "list": "properties.view_building",
        "retrieve": "properties.view_building",
        "create": "properties.add_building",
        "partial_update": "properties.change_building",
        "destroy": "properties.delete_building",
        "grid": "properties.view_unit",
    }

    @extend_schema(request=s.BuildingInputSerializer, responses={201: s.BuildingSerializer})
    def create(self, request: Request) -> Response:
        building = services.create_building(actor=request.user, **self._input(s.BuildingInputSerializer))
        return Response(s.BuildingSerializer(building).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.BuildingUpdateSerializer, responses=s.BuildingSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        building = services.update_building(
            actor=request.user, building=self.get_object(), **self._input(s.BuildingUpdateSerializer)
        )
        return Response(s.BuildingSerializer(building).data)

    def perform_destroy(self, instance: Building) -> None:
        services.delete_building(actor=self.request.user, building=instance)

    @extend_schema(responses=s.BuildingGridSerializer)
    @action(detail=True, methods=["get"])
    def grid(self, request: Request, pk: str | None = None) -> Response:
        """楼盘表: units by floor and stack."""
        return Response(s.BuildingGridSerializer(selectors.building_grid(building=self.get_object())).data)


class UnitViewSet(TimelineMixin, _CrudViewSet):
    selector = staticmethod(lambda actor: selectors.list_units(actor=actor))
    serializer_class = s.UnitSerializer
    filterset_class = f.UnitFilter
    permission_map = {
        "list": "properties.view_unit",
        "retrieve": "properties.view_unit",
        "create": "properties.add_unit",
        "partial_update": "properties.change_unit",
        "destroy": "properties.delete_unit",
        "export": "properties.export_unit",
        "timeline": "properties.view_unit",
    }

    @extend_schema(request=s.UnitInputSerializer, responses={201: s.UnitSerializer})
    def create(self, request: Request) -> Response:
        unit = services.create_unit(actor=request.user, **self._input(s.UnitInputSerializer))
        return Response(s.UnitSerializer(unit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.UnitUpdateSerializer, responses=s.UnitSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        unit = services.update_unit(actor=request.user, unit=self.get_object(), **self._input(s.UnitUpdateSerializer))
        return Response(s.UnitSerializer(unit).data)

    def perform_destroy(self, instance: Unit) -> None:
        services.delete_unit(actor=self.request.user, unit=instance)

    @extend_schema(operation_id="units_export", responses={(200, "application/octet-stream"): bytes})
    @action(detail=False, methods=["get"])
    def export(self, request: Request) -> Any:
        queryset = self.filter_queryset(self.get_queryset())
        return xlsx_response(imports.export_units_workbook(queryset), "anju-units.xlsx")


class UserScopeViewSet(ScopedViewSet):
    """A user's data scope: all projects, or city companies and projects."""

    selector = staticmethod(lambda actor: selectors.list_scope_users())
    serializer_class = s.UserScopeSerializer
    permission_map = {"retrieve": "properties.view_userscope", "update": "properties.change_userscope"}

    def _payload(self, user: User) -> dict[str, Any]:
        scope = selectors.get_user_scope(user=user)
        return {
            "all_projects": scope.all_projects,
            "city_companies": sorted(scope.city_companies.values_list("id", flat=True)),
            "projects": sorted(scope.projects.values_list("id", flat=True)),
        }

    @extend_schema(operation_id="users_scope_retrieve", responses=s.UserScopeSerializer)
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        return Response(self._payload(self.get_object()))

    @extend_schema(operation_id="users_scope_update", request=s.UserScopeInputSerializer, responses=s.UserScopeSerializer)
    def update(self, request: Request, pk: str | None = None) -> Response:
        user = self.get_object()
        data = s.UserScopeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.set_user_scope(actor=request.user, user=user, **data.validated_data)
        return Response(self._payload(user))
