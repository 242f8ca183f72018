from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from anju.core.serializers import InputSerializer, PartialInputMixin, StrictInputMixin
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.selectors import list_buildings, list_projects
from anju.warranty.models import Contractor, WarrantyPolicy, WarrantyResponsibility
from anju.warranty.rules import WarrantyItem


class CheckInputSerializer(InputSerializer):
    warranty_item = serializers.ChoiceField(choices=WarrantyItem.choices)
    delivery_date = serializers.DateField()
    reported_on = serializers.DateField()
    project = ScopedPrimaryKeyField(selector=list_projects, required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["reported_on"] < attrs["delivery_date"]:
            raise serializers.ValidationError({"reported_on": [_("The report date cannot be before delivery.")]})
        return attrs


class CheckResultSerializer(serializers.Serializer):
    warranty_item = serializers.ChoiceField(choices=WarrantyItem.choices)
    expires_on = serializers.DateField()
    in_warranty = serializers.BooleanField()


_POLICY_FIELDS = [
    "design_life_years",
    "roof_waterproofing_months",
    "leakage_months",
    "electrical_plumbing_months",
    "decoration_months",
    "heating_cooling_seasons",
    "season_start_month",
    "season_start_day",
    "season_end_month",
    "season_end_day",
]


class PolicySerializer(serializers.ModelSerializer):
    is_default = serializers.SerializerMethodField()

    class Meta:
        model = WarrantyPolicy
        fields = ["project", *_POLICY_FIELDS, "is_default", "updated_at"]
        read_only_fields = fields

    def get_is_default(self, obj: WarrantyPolicy) -> bool:
        return obj.pk is None


class PolicyInputSerializer(StrictInputMixin, serializers.ModelSerializer):
    """Periods may be lengthened, never shortened below the national minimum (validators on the model)."""

    class Meta:
        model = WarrantyPolicy
        fields = _POLICY_FIELDS
        # Upper bounds of practice (a building's design life rarely passes 100 years; nobody promises more than 50
        # years of decoration or ten heating seasons): beyond them every expiry date would leave the calendar.
        extra_kwargs = {
            "design_life_years": {"max_value": 100},
            "roof_waterproofing_months": {"max_value": 600},
            "leakage_months": {"max_value": 600},
            "electrical_plumbing_months": {"max_value": 600},
            "decoration_months": {"max_value": 600},
            "heating_cooling_seasons": {"max_value": 10},
        }


class ContractorSerializer(serializers.ModelSerializer):
    qualified = serializers.SerializerMethodField()

    class Meta:
        model = Contractor
        fields = [
            "id",
            "name",
            "qualification_number",
            "qualification_expires_on",
            "contact_name",
            "contact_phone",
            "is_active",
            "qualified",
            "created_at",
        ]
        read_only_fields = fields

    def get_qualified(self, obj: Contractor) -> bool:
        return obj.qualified_on(timezone.localdate())


class ContractorInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=100)
    qualification_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    qualification_expires_on = serializers.DateField(required=False, allow_null=True, default=None)
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    is_active = serializers.BooleanField(required=False, default=True)


class ContractorUpdateSerializer(PartialInputMixin, ContractorInputSerializer):
    """The fields to change."""


class ResponsibilitySerializer(serializers.ModelSerializer):
    building_name = serializers.CharField(source="building.name", read_only=True)
    project = serializers.IntegerField(source="building.project_id", read_only=True)
    contractor_name = serializers.CharField(source="contractor.name", read_only=True)

    class Meta:
        model = WarrantyResponsibility
        fields = ["id", "project", "building", "building_name", "item", "contractor", "contractor_name"]
        read_only_fields = fields


class ResponsibilityInputSerializer(InputSerializer):
    building = ScopedPrimaryKeyField(selector=list_buildings)
    item = serializers.ChoiceField(choices=WarrantyItem.choices)
    contractor = serializers.PrimaryKeyRelatedField(queryset=Contractor.objects.filter(is_active=True))
