"""Owner API shapes: only what the owner may see (no staff names beyond a technician's display name, no phones)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer
from anju.owners.choices import OwnerOrderType, OwnerStep, TimelineStep
from anju.owners.selectors import OWNER_STATUS


class OwnerCodeRequestSerializer(InputSerializer):
    mobile = serializers.CharField(max_length=30)


class OwnerCodeSentSerializer(serializers.Serializer):
    detail = serializers.CharField()


class OwnerVerifySerializer(InputSerializer):
    mobile = serializers.CharField(max_length=30)
    code = serializers.CharField(max_length=12)


class OwnerMeSerializer(serializers.Serializer):
    name = serializers.CharField()
    mobile = serializers.CharField(help_text="masked")
    homes = serializers.IntegerField()
    session_expires_at = serializers.DateTimeField()


class OwnerHomeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    project = serializers.CharField(source="project.name")
    building = serializers.CharField(source="building.name")
    room_number = serializers.CharField()
    label = serializers.SerializerMethodField()  # type: ignore[assignment]
    delivered_on = serializers.DateField(source="delivery_date", allow_null=True)

    def get_label(self, unit: Any) -> str:
        return f"{unit.project.name} {unit.building.name} {unit.room_number}"


class OwnerCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    group = serializers.SerializerMethodField()

    def get_group(self, category: Any) -> str:
        return category.parent.name if category.parent_id else ""


class OwnerOrderCreateSerializer(InputSerializer):
    unit = serializers.IntegerField(min_value=1)
    type = serializers.ChoiceField(choices=OwnerOrderType.choices)
    category = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    description = serializers.CharField(max_length=2000)
    preferred_start = serializers.DateTimeField(required=False, allow_null=True)
    preferred_end = serializers.DateTimeField(required=False, allow_null=True)


class OwnerPhotoUploadSerializer(InputSerializer):
    file = serializers.FileField()


class OwnerRateSerializer(InputSerializer):
    stars = serializers.IntegerField(min_value=1, max_value=5)
    resolved = serializers.BooleanField()
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class OwnerPhotoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    stage = serializers.CharField()
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    def get_url(self, photo: Any) -> str:
        return f"/api/v1/owner/orders/{photo.work_order_id}/photos/{photo.pk}/"

    def get_thumbnail_url(self, photo: Any) -> str:
        return f"/api/v1/owner/orders/{photo.work_order_id}/photos/{photo.pk}/?size=thumb"


class OwnerTimelineEntrySerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=TimelineStep.choices)
    at = serializers.DateTimeField()


class OwnerOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    type = serializers.ChoiceField(choices=OwnerOrderType.choices)
    category = serializers.CharField(source="category.name", default="")
    home = serializers.SerializerMethodField()
    description = serializers.CharField()
    step = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_home(self, order: Any) -> str:
        unit = order.unit
        return f"{unit.building.name} {unit.room_number}" if unit else ""

    @extend_schema_field(serializers.ChoiceField(choices=OwnerStep.choices))
    def get_step(self, order: Any) -> str:
        return OWNER_STATUS.get(order.status, "received")


class OwnerComplaintProgressSerializer(serializers.Serializer):
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    reply = serializers.CharField()


class OwnerRatingSerializer(serializers.Serializer):
    stars = serializers.IntegerField()
    resolved = serializers.BooleanField(allow_null=True)


class OwnerOrderDetailSerializer(OwnerOrderSerializer):
    technician = serializers.CharField(help_text="the technician's display name only")
    preferred_start = serializers.DateTimeField(source="appointment_start", allow_null=True)
    preferred_end = serializers.DateTimeField(source="appointment_end", allow_null=True)
    can_rate = serializers.BooleanField()
    rating = OwnerRatingSerializer(allow_null=True)
    complaint = OwnerComplaintProgressSerializer(allow_null=True)
    photos = OwnerPhotoSerializer(many=True)
    timeline = OwnerTimelineEntrySerializer(many=True)


# --- My home ----------------------------------------------------------------------------------------------------


def _money() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2)


class OwnerContractSerializer(serializers.Serializer):
    number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    signed_on = serializers.DateField()
    filed_on = serializers.DateField(allow_null=True)
    delivery_deadline = serializers.DateField(allow_null=True)
    total_price = _money()
    paid = _money()
    balance_due = _money()


class OwnerFeesSerializer(serializers.Serializer):
    price_balance = _money()
    area_buyer_pays = _money()
    area_developer_refunds = _money()
    maintenance_fund = _money()
    deed_tax_estimate = _money()
    registration_fee = _money()
    property_fee = _money()
    property_fee_months = serializers.IntegerField()


class OwnerSlotSerializer(serializers.Serializer):
    day = serializers.DateField()
    window = serializers.CharField()
    status = serializers.CharField()


class OwnerFreeWindowSerializer(serializers.Serializer):
    day = serializers.DateField()
    window = serializers.CharField()
    places_left = serializers.IntegerField()


class OwnerDefectSerializer(serializers.Serializer):
    room = serializers.CharField()
    item = serializers.CharField()
    description = serializers.CharField()
    state = serializers.CharField()


class OwnerHandoverSerializer(serializers.Serializer):
    handover_on = serializers.DateField()
    window = serializers.CharField()
    place = serializers.CharField()
    documents_to_bring = serializers.CharField()
    fees = OwnerFeesSerializer()
    slot = OwnerSlotSerializer(allow_null=True)
    can_book = serializers.BooleanField()
    free_windows = OwnerFreeWindowSerializer(many=True)
    defects = OwnerDefectSerializer(many=True)


class OwnerSettlementSerializer(serializers.Serializer):
    buyer_pays = _money()
    developer_refunds = _money()
    withdrawal_right = serializers.BooleanField()


class OwnerClockSerializer(serializers.Serializer):
    clock = serializers.CharField()
    due_on = serializers.DateField()


class OwnerCertificateSerializer(serializers.Serializer):
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    since = serializers.DateField()
    clocks = OwnerClockSerializer(many=True)
    handed_over_on = serializers.DateField(allow_null=True)


class OwnerMortgageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    since = serializers.DateField()


class OwnerWarrantySerializer(serializers.Serializer):
    item = serializers.CharField()
    expires_on = serializers.DateField(allow_null=True)
    in_warranty = serializers.BooleanField()


class OwnerHomeDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    delivered_on = serializers.DateField(allow_null=True)
    contract = OwnerContractSerializer(allow_null=True)
    handover = OwnerHandoverSerializer(allow_null=True)
    settlement = OwnerSettlementSerializer(allow_null=True)
    certificate = OwnerCertificateSerializer(allow_null=True)
    mortgage = OwnerMortgageSerializer(allow_null=True)
    warranty = OwnerWarrantySerializer(many=True)


class OwnerBookSlotSerializer(InputSerializer):
    day = serializers.DateField()
    window = serializers.CharField(max_length=11)
