from __future__ import annotations

from decimal import Decimal
from typing import Any, TypedDict

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.fields import integer_key
from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer
from anju.properties.choices import UnitStatus
from anju.properties.models import Building, CityCompany, Project, Unit


class _AreaOptions(TypedDict):
    """``DecimalField`` options of an area, typed so that ``**AREA`` checks against the field's parameters."""

    max_digits: int
    decimal_places: int
    min_value: Decimal


AREA: _AreaOptions = {"max_digits": 10, "decimal_places": 2, "min_value": Decimal("0.01")}


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A foreign key whose choices are the actor's scoped queryset (outside scope → 400)."""

    def __init__(self, *, selector: Any, find: Any = None, **kwargs: Any) -> None:
        """``find(actor=, pk=)``: the row if ``selector(actor=...)`` holds it, else ``None`` — the same answer without
        building the scoped queryset (a prepared statement, on the hot paths: ``properties.selectors.find_unit``)."""
        self.selector = selector
        self.find = find
        super().__init__(**kwargs)

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return self.selector(actor=request.user if request else None)

    def to_internal_value(self, data: Any) -> Any:
        if self.find is None:
            return super().to_internal_value(data)
        request = self.context.get("request")
        found = self.find(actor=request.user if request else None, pk=integer_key(self, data))
        if found is None:
            self.fail("does_not_exist", pk_value=data)
        return found


def _projects(actor: Any) -> Any:
    from anju.properties.selectors import list_projects

    return list_projects(actor=actor)


def _buildings(actor: Any) -> Any:
    from anju.properties.selectors import list_buildings

    return list_buildings(actor=actor)


class CityCompanySerializer(serializers.ModelSerializer):
    class Meta:
        model = CityCompany
        fields = ["id", "code", "name", "is_active", "created_at"]
        read_only_fields = fields


class CityCompanyInputSerializer(InputSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20)
    name = serializers.CharField(max_length=100)


class CityCompanyUpdateSerializer(InputSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20, required=False)
    name = serializers.CharField(max_length=100, required=False)
    is_active = serializers.BooleanField(required=False)


class ProjectSerializer(serializers.ModelSerializer):
    city_company_name = serializers.CharField(source="city_company.name", read_only=True)
    building_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Project
        fields = [
            "id",
            "city_company",
            "city_company_name",
            "code",
            "name",
            "address",
            "is_active",
            "building_count",
            "created_at",
        ]
        read_only_fields = fields


class ProjectInputSerializer(InputSerializer):
    city_company = serializers.PrimaryKeyRelatedField(queryset=CityCompany.objects.all())
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20)
    name = serializers.CharField(max_length=100)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ProjectUpdateSerializer(InputSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20, required=False)
    name = serializers.CharField(max_length=100, required=False)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class BuildingSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    unit_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Building
        fields = ["id", "project", "project_name", "code", "name", "floors_above", "floors_below", "unit_count", "created_at"]
        read_only_fields = fields


class BuildingInputSerializer(InputSerializer):
    project = ScopedPrimaryKeyField(selector=_projects)
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20)
    name = serializers.CharField(max_length=50)
    floors_above = serializers.IntegerField(min_value=1, max_value=300)
    floors_below = serializers.IntegerField(min_value=0, max_value=20, required=False, default=0)


class BuildingUpdateSerializer(InputSerializer):
    code = serializers.RegexField(r"^[A-Za-z0-9_-]+$", max_length=20, required=False)
    name = serializers.CharField(max_length=50, required=False)
    floors_above = serializers.IntegerField(min_value=1, max_value=300, required=False)
    floors_below = serializers.IntegerField(min_value=0, max_value=20, required=False)


class UnitSerializer(serializers.ModelSerializer):
    building_name = serializers.CharField(source="building.name", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)
    label = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = Unit
        fields = [
            "id",
            "project",
            "project_name",
            "building",
            "building_name",
            "label",
            "room_number",
            "floor",
            "stack",
            "layout",
            "predicted_gross_area",
            "predicted_internal_area",
            "measured_gross_area",
            "measured_internal_area",
            "status",
            "delivery_date",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_label(self, obj: Unit) -> str:
        return str(obj)


class UnitFieldsMixin(serializers.Serializer):
    room_number = serializers.RegexField(r"^[A-Za-z0-9-]+$", max_length=20)
    floor = serializers.IntegerField(min_value=-10, max_value=300)
    stack = serializers.RegexField(r"^[A-Za-z0-9-]+$", max_length=10)
    layout = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    predicted_gross_area = serializers.DecimalField(**AREA)
    predicted_internal_area = serializers.DecimalField(**AREA)
    measured_gross_area = serializers.DecimalField(required=False, allow_null=True, default=None, **AREA)
    measured_internal_area = serializers.DecimalField(required=False, allow_null=True, default=None, **AREA)
    status = serializers.ChoiceField(choices=UnitStatus.choices, required=False, default=UnitStatus.AVAILABLE)
    delivery_date = serializers.DateField(required=False, allow_null=True, default=None)


class UnitInputSerializer(InputSerializer, UnitFieldsMixin):
    building = ScopedPrimaryKeyField(selector=_buildings)


class UnitUpdateSerializer(PartialInputMixin, VersionedInputSerializer, UnitFieldsMixin):
    """The fields to change, with the version you read (in the body or as If-Match)."""


class UserScopeSerializer(serializers.Serializer):
    all_projects = serializers.BooleanField()
    city_companies = serializers.PrimaryKeyRelatedField(many=True, queryset=CityCompany.objects.all())
    projects = serializers.PrimaryKeyRelatedField(many=True, queryset=Project.objects.all())


class UserScopeInputSerializer(InputSerializer, UserScopeSerializer):
    pass


class UnitImportResultSerializer(serializers.Serializer):
    buildings_created = serializers.IntegerField()
    buildings_updated = serializers.IntegerField()
    units_created = serializers.IntegerField()
    units_updated = serializers.IntegerField()


class FileUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class GridUnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = [
            "id",
            "room_number",
            "stack",
            "layout",
            "status",
            "predicted_gross_area",
            "measured_gross_area",
            "delivery_date",
        ]
        read_only_fields = fields


class GridFloorSerializer(serializers.Serializer):
    floor = serializers.IntegerField()
    units = GridUnitSerializer(many=True)


class BuildingGridSerializer(serializers.Serializer):
    building = serializers.IntegerField()
    stacks = serializers.ListField(child=serializers.CharField())
    status_counts = serializers.DictField(child=serializers.IntegerField())
    floors = GridFloorSerializer(many=True)
