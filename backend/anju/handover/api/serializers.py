from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.core.serializers import InputSerializer, PartialInputMixin
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.handover import selectors
from anju.handover.choices import DefectState, MemberRole, NoticeChannel
from anju.handover.models import BatchMember, BatchTask, Defect, HandoverBatch, HandoverNotice, HandoverSlot, Inspection
from anju.handover.services import notices
from anju.handover.workflow import BATCH_WORKFLOW, INSPECTION_WORKFLOW
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues
from anju.properties.selectors import list_buildings, list_projects
from anju.workorders.selectors import list_categories


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user else None


def _unit_label(unit: Any) -> str:
    return f"{unit.building.name} {unit.room_number}"


def _allowed(workflow: Any, obj: Any, context: dict[str, Any]) -> list[dict[str, Any]]:
    request = context.get("request")
    return workflow.allowed_actions(obj, request.user) if request is not None else []


# --- Batches --------------------------------------------------------------------------------------------------


class HandoverBatchSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    building_names = serializers.SerializerMethodField()
    windows = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = HandoverBatch
        fields = [
            "id",
            "number",
            "name",
            "project",
            "project_name",
            "buildings",
            "building_names",
            "starts_on",
            "ends_on",
            "windows",
            "capacity_per_window",
            "place",
            "status",
            "status_label",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_building_names(self, obj: HandoverBatch) -> list[str]:
        return [b.name for b in obj.buildings.all()]


class HandoverMemberSerializer(serializers.ModelSerializer):
    user_name = serializers.SerializerMethodField()
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = BatchMember
        fields = ["id", "user", "user_name", "role", "role_label"]
        read_only_fields = fields

    def get_user_name(self, obj: BatchMember) -> str | None:
        return _name(obj.user)


class HandoverTaskSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_code_display", read_only=True)  # type: ignore[assignment]
    owner_name = serializers.SerializerMethodField()
    done_by_name = serializers.SerializerMethodField()
    done = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = BatchTask
        fields = [
            "id",
            "code",
            "label",
            "owner",
            "owner_name",
            "due_on",
            "done",
            "done_at",
            "done_by",
            "done_by_name",
            "overdue",
            "note",
        ]
        read_only_fields = fields

    def get_owner_name(self, obj: BatchTask) -> str | None:
        return _name(obj.owner)

    def get_done_by_name(self, obj: BatchTask) -> str | None:
        return _name(obj.done_by)

    def get_done(self, obj: BatchTask) -> bool:
        return obj.done_at is not None

    def get_overdue(self, obj: BatchTask) -> bool:
        return obj.done_at is None and obj.due_on < timezone.localdate()


class HandoverChecklistRoomSerializer(serializers.Serializer):
    room = serializers.CharField(max_length=20)
    items = serializers.ListField(child=serializers.CharField(max_length=20), allow_empty=False, max_length=30)


class HandoverBatchDetailSerializer(HandoverBatchSerializer):
    members = HandoverMemberSerializer(many=True, read_only=True)
    tasks = HandoverTaskSerializer(many=True, read_only=True)
    checklist = HandoverChecklistRoomSerializer(many=True, read_only=True)
    list_prepared_by_name = serializers.SerializerMethodField()
    list_approved_by_name = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta(HandoverBatchSerializer.Meta):
        fields = [
            *HandoverBatchSerializer.Meta.fields,
            "documents_to_bring",
            "checklist",
            "members",
            "tasks",
            "list_prepared_by",
            "list_prepared_by_name",
            "list_approved_by",
            "list_approved_by_name",
            "list_approved_at",
            "completed_at",
            "allowed_actions",
        ]
        read_only_fields = fields

    def get_list_prepared_by_name(self, obj: HandoverBatch) -> str | None:
        return _name(obj.list_prepared_by)

    def get_list_approved_by_name(self, obj: HandoverBatch) -> str | None:
        return _name(obj.list_approved_by)

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: HandoverBatch) -> list[dict[str, Any]]:
        return _allowed(BATCH_WORKFLOW, obj, self.context)


class HandoverStaffSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.SerializerMethodField()

    def get_name(self, obj: Any) -> str:
        return str(_name(obj))


class HandoverMemberInputSerializer(InputSerializer):
    user = ScopedPrimaryKeyField(selector=colleagues)
    role = serializers.ChoiceField(choices=MemberRole.choices)


def _window(value: str) -> None:
    from anju.handover.rules import valid_window

    if not valid_window(value):
        raise serializers.ValidationError(_("Give the time window as HH:MM-HH:MM, start before end."))


class HandoverBatchInputSerializer(InputSerializer):
    project = ScopedPrimaryKeyField(selector=list_projects)
    name = serializers.CharField(max_length=100)
    buildings = ScopedPrimaryKeyField(selector=list_buildings, many=True, allow_empty=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    windows = serializers.ListField(
        child=serializers.CharField(max_length=11, validators=[_window]), allow_empty=False, max_length=8
    )
    capacity_per_window = serializers.IntegerField(min_value=1, max_value=500)
    place = serializers.CharField(max_length=200)
    documents_to_bring = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    members = HandoverMemberInputSerializer(many=True, required=False, default=list, max_length=30)  # type: ignore[call-arg]


class HandoverBatchUpdateSerializer(PartialInputMixin, VersionedInputSerializer):
    name = serializers.CharField(max_length=100)
    buildings = ScopedPrimaryKeyField(selector=list_buildings, many=True, allow_empty=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    windows = serializers.ListField(
        child=serializers.CharField(max_length=11, validators=[_window]), allow_empty=False, max_length=8
    )
    capacity_per_window = serializers.IntegerField(min_value=1, max_value=500)
    place = serializers.CharField(max_length=200)
    documents_to_bring = serializers.CharField(max_length=500, allow_blank=True)
    checklist = HandoverChecklistRoomSerializer(many=True, allow_empty=False, max_length=20)  # type: ignore[call-arg]
    members = HandoverMemberInputSerializer(many=True, max_length=30)  # type: ignore[call-arg]

    def validate_checklist(self, value: list[Any]) -> list[dict[str, Any]]:
        return [{"room": r["room"], "items": list(r["items"])} for r in value]


class HandoverTaskInputSerializer(VersionedInputSerializer):
    task = serializers.IntegerField(min_value=1)
    done = serializers.BooleanField(required=False, allow_null=True, default=None)
    owner = ScopedPrimaryKeyField(selector=colleagues, required=False, allow_null=True, default=None)
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(max_length=200, required=False, allow_null=True, default=None, allow_blank=True)


# --- Notices --------------------------------------------------------------------------------------------------


class HandoverUnpaidItemSerializer(serializers.Serializer):
    code = serializers.CharField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    payee = serializers.CharField()


class _PageList(serializers.ListSerializer):
    """A list whose child computes what every row needs in a few queries for the whole page (``child.prefetch``)."""

    def to_representation(self, data: Any) -> list[Any]:
        rows = list(data.all() if hasattr(data, "all") else data)
        self.child.prefetch(rows)  # type: ignore[union-attr]
        return super().to_representation(rows)


def _remember_unpaid(context: dict[str, Any], rows: list[HandoverNotice]) -> None:
    context.setdefault("unpaid", {}).update(notices.unpaid_items_of(rows))


class HandoverNoticeSerializer(serializers.ModelSerializer):
    batch_number = serializers.CharField(source="batch.number", read_only=True)
    unit_label = serializers.SerializerMethodField()
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    buyer_names = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    sent_by_name = serializers.SerializerMethodField()
    latest_send_on = serializers.SerializerMethodField()
    planned_send_on = serializers.SerializerMethodField()
    required_days = serializers.SerializerMethodField()
    unpaid = serializers.SerializerMethodField()

    class Meta:
        model = HandoverNotice
        list_serializer_class = _PageList
        fields = [
            "id",
            "batch",
            "batch_number",
            "project",
            "unit",
            "unit_label",
            "contract",
            "contract_number",
            "buyer_names",
            "handover_on",
            "window",
            "area",
            "area_measured",
            "price_balance",
            "has_area_settlement",
            "area_buyer_pays",
            "area_developer_refunds",
            "maintenance_fund",
            "deed_tax",
            "registration_fee",
            "property_fee",
            "property_fee_months",
            "status",
            "status_label",
            "sent_on",
            "sent_by",
            "sent_by_name",
            "channels",
            "tracking_number",
            "override_reason",
            "required_days",
            "latest_send_on",
            "planned_send_on",
            "unpaid",
            "version",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: HandoverNotice) -> str:
        return _unit_label(obj.unit)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_buyer_names(self, obj: HandoverNotice) -> list[str]:
        return [b.customer.name for b in obj.contract.buyers.all()]

    def get_sent_by_name(self, obj: HandoverNotice) -> str | None:
        return _name(obj.sent_by)

    def prefetch(self, rows: list[HandoverNotice]) -> None:
        _remember_unpaid(self.context, rows)

    def _lead(self, obj: HandoverNotice) -> Any:
        """The lead time, reading the project's settings once per response."""
        leads = self.context.setdefault("leads", {})
        if obj.pk not in leads:
            project_days = self.context.setdefault("project_lead_days", {})
            if obj.project_id not in project_days:
                project_days[obj.project_id] = notices.project_lead_days(obj.project_id)
            leads[obj.pk] = notices.lead_of(obj, project_days=project_days[obj.project_id])
        return leads[obj.pk]

    @extend_schema_field(serializers.DateField())
    def get_latest_send_on(self, obj: HandoverNotice) -> Any:
        return self._lead(obj).latest_send_on

    @extend_schema_field(serializers.DateField())
    def get_planned_send_on(self, obj: HandoverNotice) -> Any:
        return self._lead(obj).planned_send_on

    def get_required_days(self, obj: HandoverNotice) -> int:
        return int(self._lead(obj).required_days)

    @extend_schema_field(HandoverUnpaidItemSerializer(many=True))
    def get_unpaid(self, obj: HandoverNotice) -> list[dict[str, Any]]:
        known = self.context.get("unpaid", {})
        items = known[obj.pk] if obj.pk in known else notices.unpaid_items(obj)
        return HandoverUnpaidItemSerializer([vars(i) for i in items], many=True).data  # type: ignore[return-value]


class NoticeSendInputSerializer(VersionedInputSerializer):
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=NoticeChannel.choices), allow_empty=False, max_length=len(NoticeChannel.values)
    )
    sent_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="default: today")
    tracking_number = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    override_reason = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="needed (and a supervisor) when the notice is late",
    )


# --- Slots ----------------------------------------------------------------------------------------------------


def _notices(actor: Any) -> Any:
    return selectors.list_notices(actor=actor)


class HandoverSlotSerializer(serializers.ModelSerializer):
    unit_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    buyer_names = serializers.SerializerMethodField()

    class Meta:
        model = HandoverSlot
        fields = [
            "id",
            "batch",
            "notice",
            "unit",
            "unit_label",
            "buyer_names",
            "day",
            "window",
            "status",
            "status_label",
            "checked_in_at",
            "version",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: HandoverSlot) -> str:
        return _unit_label(obj.unit)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_buyer_names(self, obj: HandoverSlot) -> list[str]:
        return [b.customer.name for b in obj.notice.contract.buyers.all()]


class HandoverBookInputSerializer(InputSerializer):
    notice = ScopedPrimaryKeyField(selector=_notices)
    day = serializers.DateField()
    window = serializers.CharField(max_length=11)


class HandoverRescheduleInputSerializer(VersionedInputSerializer):
    day = serializers.DateField()
    window = serializers.CharField(max_length=11)


class HandoverCancelSlotInputSerializer(VersionedInputSerializer):
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class HandoverCheckInInputSerializer(VersionedInputSerializer):
    pass


class HandoverDayCapacitySerializer(serializers.Serializer):
    day = serializers.DateField()
    window = serializers.CharField()
    capacity = serializers.IntegerField()
    booked = serializers.IntegerField()


class HandoverQueueBoardSerializer(serializers.Serializer):
    day = serializers.DateField()
    batch_number = serializers.CharField()
    batch_name = serializers.CharField()
    place = serializers.CharField()
    booked = HandoverSlotSerializer(many=True)
    checked_in = HandoverSlotSerializer(many=True)
    inspecting = HandoverSlotSerializer(many=True)
    done = HandoverSlotSerializer(many=True)


class HandoverInspectionLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Inspection
        fields = ["id", "number", "round", "status", "accepted_on"]
        read_only_fields = fields


class HandoverUnitRowSerializer(serializers.Serializer):
    notice = HandoverNoticeSerializer()
    slot = HandoverSlotSerializer(allow_null=True)
    inspection = HandoverInspectionLinkSerializer(allow_null=True)

    class Meta:
        list_serializer_class = _PageList

    def prefetch(self, rows: list[dict[str, Any]]) -> None:
        _remember_unpaid(self.context, [row["notice"] for row in rows])


# --- Inspections ----------------------------------------------------------------------------------------------


class HandoverDefectSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    work_order_number = serializers.CharField(source="work_order.number", read_only=True)
    work_order_status = serializers.CharField(source="work_order.status", read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Defect
        fields = [
            "id",
            "room",
            "item",
            "location",
            "description",
            "category",
            "category_name",
            "work_order",
            "work_order_number",
            "work_order_status",
            "state",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=DefectState.choices))
    def get_state(self, obj: Defect) -> str:
        return selectors.defect_state(obj)


class HandoverInspectionSerializer(serializers.ModelSerializer):
    unit_label = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    inspector_name = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id",
            "number",
            "batch",
            "project",
            "unit",
            "unit_label",
            "notice",
            "slot",
            "round",
            "previous",
            "status",
            "status_label",
            "inspector",
            "inspector_name",
            "started_at",
            "finished_at",
            "accepted_on",
            "version",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: Inspection) -> str:
        return _unit_label(obj.unit)

    def get_inspector_name(self, obj: Inspection) -> str | None:
        return _name(obj.inspector)


class DefectProgressSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    fixed = serializers.IntegerField()
    cancelled = serializers.IntegerField()


class HandoverInspectionDetailSerializer(HandoverInspectionSerializer):
    results = serializers.DictField(child=serializers.CharField(), read_only=True, help_text="'room/item' → ok | defect")
    checklist = serializers.SerializerMethodField()
    defects = HandoverDefectSerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField()
    has_signature = serializers.SerializerMethodField()
    unpaid = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta(HandoverInspectionSerializer.Meta):
        fields = [
            *HandoverInspectionSerializer.Meta.fields,
            "results",
            "checklist",
            "keys_count",
            "water_reading",
            "electricity_reading",
            "gas_reading",
            "reason",
            "defects",
            "progress",
            "has_signature",
            "unpaid",
            "allowed_actions",
        ]
        read_only_fields = fields

    @extend_schema_field(HandoverChecklistRoomSerializer(many=True))
    def get_checklist(self, obj: Inspection) -> list[dict[str, Any]]:
        return list(obj.batch.checklist)

    @extend_schema_field(DefectProgressSerializer)
    def get_progress(self, obj: Inspection) -> dict[str, int]:
        return selectors.defect_progress(obj)

    def get_has_signature(self, obj: Inspection) -> bool:
        return bool(obj.signature)

    @extend_schema_field(HandoverUnpaidItemSerializer(many=True))
    def get_unpaid(self, obj: Inspection) -> list[dict[str, Any]]:
        return HandoverUnpaidItemSerializer([vars(i) for i in notices.unpaid_items(obj.notice)], many=True).data  # type: ignore[return-value]

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: Inspection) -> list[dict[str, Any]]:
        return _allowed(INSPECTION_WORKFLOW, obj, self.context)


class HandoverStartInspectionInputSerializer(InputSerializer):
    notice = ScopedPrimaryKeyField(selector=_notices)


class HandoverInspectionUpdateSerializer(PartialInputMixin, VersionedInputSerializer):
    results = serializers.DictField(child=serializers.ChoiceField(choices=[("ok", "ok"), ("defect", "defect")]))
    keys_count = serializers.IntegerField(min_value=0, max_value=50, allow_null=True)
    water_reading = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), allow_null=True)
    electricity_reading = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), allow_null=True)
    gas_reading = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), allow_null=True)

    def validate_results(self, value: dict[str, str]) -> dict[str, str]:
        if len(value) > 300:
            raise serializers.ValidationError(_("At most 300 checklist entries at once."))
        return value


class HandoverDefectInputSerializer(InputSerializer):
    room = serializers.CharField(max_length=20)
    item = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    location = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=500)
    category = ScopedPrimaryKeyField(selector=lambda actor: list_categories())
    photos = serializers.ListField(child=serializers.FileField(), required=False, default=list, max_length=6)


class HandoverAcceptInputSerializer(VersionedInputSerializer):
    keys_count = serializers.IntegerField(min_value=0, max_value=50, required=False, allow_null=True, default=None)
    water_reading = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True, default=None
    )
    electricity_reading = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True, default=None
    )
    gas_reading = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=Decimal("0"), required=False, allow_null=True, default=None
    )


class HandoverDeferInputSerializer(VersionedInputSerializer):
    reason = serializers.CharField(max_length=200)


class HandoverSignatureInputSerializer(VersionedInputSerializer):
    file = serializers.FileField()


# --- Reports --------------------------------------------------------------------------------------------------


class RepairFiguresSerializer(serializers.Serializer):
    opened = serializers.IntegerField()
    fixed = serializers.IntegerField()
    overdue = serializers.IntegerField()
    open = serializers.IntegerField()


class RepairRowSerializer(RepairFiguresSerializer):
    building = serializers.CharField()
    category = serializers.CharField()
    contractor = serializers.CharField()


class DailyRepairReportSerializer(serializers.Serializer):
    day = serializers.DateField()
    totals = RepairFiguresSerializer()
    rows = RepairRowSerializer(many=True)


class ProblemCountSerializer(serializers.Serializer):
    name = serializers.CharField()
    total = serializers.IntegerField()
    fixed = serializers.IntegerField()


class ProblemSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_category = ProblemCountSerializer(many=True)
    by_building = ProblemCountSerializer(many=True)
    by_department = ProblemCountSerializer(many=True)
