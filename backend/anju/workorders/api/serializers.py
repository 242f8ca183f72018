from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from anju.accounts.models import Department
from anju.core.params import MAX_ID
from anju.core.serializers import EventSerializer, InputSerializer, iso_datetime
from anju.core.versioning import VersionedInputSerializer
from anju.core.workflow_api import AllowedActionSerializer
from anju.customers.selectors import customers_in_scope
from anju.properties.api.serializers import ScopedPrimaryKeyField
from anju.properties.scope import colleagues, visible_project_ids
from anju.properties.selectors import find_unit, list_buildings, list_projects, list_units
from anju.warranty.models import Contractor
from anju.warranty.rules import WarrantyItem
from anju.workorders.choices import (
    AttachmentStage,
    CallMode,
    Channel,
    CostKind,
    FollowUpMethod,
    OrderType,
    Priority,
    SkillLevel,
    TechnicianStatus,
)
from anju.workorders.models import (
    Attachment,
    Category,
    CostLine,
    ServiceSettings,
    Team,
    Technician,
    WorkOrder,
    WorkOrderFollowUp,
)
from anju.workorders.selectors import (
    category_warranty_item,
    find_active_category,
    list_categories,
    list_technicians,
    order_values,
)
from anju.workorders.services.orders import mask_phone, mask_phone_value


def _active_categories(actor: Any) -> Any:  # a company-wide table: the same for everyone
    return list_categories()


def _customers(actor: Any) -> Any:
    return customers_in_scope(actor=actor)


def _name(user: Any) -> str | None:
    return (user.display_name or user.username) if user else None


# --- Categories ---------------------------------------------------------------


class CategorySerializer(serializers.ModelSerializer):
    effective_warranty_item = serializers.SerializerMethodField()

    class Meta:
        model = Category
        fields = [
            "id",
            "parent",
            "code",
            "name",
            "warranty_item",
            "effective_warranty_item",
            "department",
            "position",
            "is_active",
        ]
        read_only_fields = fields

    def get_effective_warranty_item(self, obj: Category) -> str:
        return category_warranty_item(obj)


class CategoryInputSerializer(InputSerializer):
    parent: Any = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.all(), required=False, allow_null=True, default=None
    )
    code = serializers.SlugField(max_length=40)
    name = serializers.CharField(max_length=50)
    warranty_item = serializers.ChoiceField(choices=WarrantyItem.choices, required=False, allow_blank=True, default="")
    department: Any = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False, default=0)
    is_active = serializers.BooleanField(required=False, default=True)


class CategoryUpdateSerializer(InputSerializer):
    parent: Any = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(), required=False, allow_null=True)
    name = serializers.CharField(max_length=50, required=False)
    warranty_item = serializers.ChoiceField(choices=WarrantyItem.choices, required=False, allow_blank=True)
    department: Any = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), required=False, allow_null=True
    )
    position = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    is_active = serializers.BooleanField(required=False)


# --- Work orders --------------------------------------------------------------


class WorkOrderSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    building_name = serializers.CharField(source="building.name", read_only=True, allow_null=True, default=None)
    unit_label = serializers.SerializerMethodField()
    customer_name = serializers.CharField(source="customer.name", read_only=True, allow_null=True, default=None)
    category_name = serializers.CharField(source="category.name", read_only=True, allow_null=True, default=None)
    assignee_name = serializers.SerializerMethodField()
    contact_phone = serializers.SerializerMethodField()
    complaint_stage = serializers.SerializerMethodField()

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "type",
            "status",
            "complaint_stage",
            "priority",
            "channel",
            "title",
            "description",
            "project",
            "project_name",
            "building",
            "building_name",
            "unit",
            "unit_label",
            "customer",
            "customer_name",
            "category",
            "category_name",
            "contact_name",
            "contact_phone",
            "assignee",
            "assignee_name",
            "in_warranty",
            "is_paid",
            "appointment_start",
            "appointment_end",
            "sla_due_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_unit_label(self, obj: WorkOrder) -> str | None:
        if not obj.unit_id or obj.unit is None:
            return None
        building = obj.building.name if obj.building_id and obj.building else ""
        return f"{building}-{obj.unit.room_number}"

    def get_assignee_name(self, obj: WorkOrder) -> str | None:
        return _name(obj.assignee)

    def get_contact_phone(self, obj: WorkOrder) -> str:
        return mask_phone(obj)

    @extend_schema_field(serializers.CharField(allow_null=True, help_text="a complaint order's stage (its status)"))
    def get_complaint_stage(self, obj: WorkOrder) -> str | None:
        return getattr(obj, "complaint_stage", None)


def list_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """One list row from a ``selectors.list_values`` mapping (``selectors.order_values`` for an instance): exactly what
    ``WorkOrderSerializer`` gives, without DRF's per-field machinery (a test compares the two on every kind of order)."""
    building_name = row["building__name"]
    return {
        "id": row["id"],
        "number": row["number"],
        "type": row["type"],
        "status": row["status"],
        "complaint_stage": row.get("complaint_stage"),
        "priority": row["priority"],
        "channel": row["channel"],
        "title": row["title"],
        "description": row["description"],
        "project": row["project_id"],
        "project_name": row["project_name"],
        "building": row["building_id"],
        "building_name": building_name,
        "unit": row["unit_id"],
        "unit_label": f"{building_name or ''}-{row['unit__room_number']}" if row["unit_id"] else None,
        "customer": row["customer_id"],
        "customer_name": row["customer__name"],
        "category": row["category_id"],
        "category_name": row["category_name"],
        "contact_name": row["contact_name"],
        "contact_phone": mask_phone_value(row["contact_phone"]),
        "assignee": row["assignee_id"],
        "assignee_name": (row["assignee_display_name"] or row["assignee_username"]) if row["assignee_id"] else None,
        "in_warranty": row["in_warranty"],
        "is_paid": row["is_paid"],
        "appointment_start": iso_datetime(row["appointment_start"]),
        "appointment_end": iso_datetime(row["appointment_end"]),
        "sla_due_at": iso_datetime(row["sla_due_at"]),
        "created_at": iso_datetime(row["created_at"]),
        "updated_at": iso_datetime(row["updated_at"]),
    }


class CostLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = CostLine
        fields = ["id", "kind", "name", "quantity", "unit", "unit_price", "amount"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "stage", "original_name", "content_type", "size", "url", "thumbnail_url", "created_at"]
        read_only_fields = fields

    def get_url(self, obj: Attachment) -> str:
        return f"/api/v1/work-order-files/{obj.pk}/"

    def get_thumbnail_url(self, obj: Attachment) -> str | None:
        return f"/api/v1/work-order-files/{obj.pk}/thumbnail/" if obj.thumbnail else None


class WorkOrderDetailSerializer(WorkOrderSerializer):
    warranty_expires_on = serializers.DateField(read_only=True, allow_null=True)
    responsible_contractor_name = serializers.CharField(
        source="responsible_contractor.name", read_only=True, allow_null=True, default=None
    )
    created_by_name = serializers.SerializerMethodField()
    cost_lines = CostLineSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta(WorkOrderSerializer.Meta):
        fields = [
            *WorkOrderSerializer.Meta.fields,
            "warranty_item",
            "warranty_expires_on",
            "responsible_party",
            "responsible_contractor",
            "responsible_contractor_name",
            "charge_amount",
            "free_reason",
            "work_done",
            "owner_confirmed_name",
            "owner_confirmed_at",
            "hold_reason",
            "last_reason",
            "reopen_count",
            "dispatched_at",
            "accepted_at",
            "started_at",
            "completed_at",
            "closed_at",
            "cancelled_at",
            "created_by_name",
            "version",
            "cost_lines",
            "attachments",
            "allowed_actions",
        ]
        read_only_fields = fields

    def get_created_by_name(self, obj: WorkOrder) -> str | None:
        return _name(obj.created_by)

    @extend_schema_field(AllowedActionSerializer(many=True))
    def get_allowed_actions(self, obj: WorkOrder) -> list[dict[str, Any]]:
        return list(self.context.get("allowed_actions", []))


_DECIMAL_2 = serializers.DecimalField(max_digits=12, decimal_places=2)


def _money(value: Any) -> str | None:
    return None if value is None else _DECIMAL_2.to_representation(value)


def cost_line_row(line: CostLine) -> dict[str, Any]:
    """``CostLineSerializer`` without the per-field machinery (the decimals quantized the same way)."""
    return {
        "id": line.pk,
        "kind": line.kind,
        "name": line.name,
        "quantity": _money(line.quantity),
        "unit": line.unit,
        "unit_price": _money(line.unit_price),
        "amount": _money(line.amount),
    }


def attachment_row(attachment: Attachment) -> dict[str, Any]:
    """``AttachmentSerializer`` without the per-field machinery."""
    return {
        "id": attachment.pk,
        "stage": attachment.stage,
        "original_name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "url": f"/api/v1/work-order-files/{attachment.pk}/",
        "thumbnail_url": f"/api/v1/work-order-files/{attachment.pk}/thumbnail/" if attachment.thumbnail else None,
        "created_at": iso_datetime(attachment.created_at),
    }


def detail_row(order: WorkOrder, allowed_actions: list[dict[str, Any]]) -> dict[str, Any]:
    """The detail, exactly what ``WorkOrderDetailSerializer`` gives (a test compares the two on every kind of
    order), mapped plainly: it is built on every detail screen and inside the create's transaction."""
    contractor = order.responsible_contractor if order.responsible_contractor_id else None
    creator = order.created_by if order.created_by_id else None
    return {
        **list_row(order_values(order)),
        "warranty_item": order.warranty_item,
        "warranty_expires_on": order.warranty_expires_on.isoformat() if order.warranty_expires_on else None,
        "responsible_party": order.responsible_party,
        "responsible_contractor": order.responsible_contractor_id,
        "responsible_contractor_name": contractor.name if contractor else None,
        "charge_amount": _money(order.charge_amount),
        "free_reason": order.free_reason,
        "work_done": order.work_done,
        "owner_confirmed_name": order.owner_confirmed_name,
        "owner_confirmed_at": iso_datetime(order.owner_confirmed_at),
        "hold_reason": order.hold_reason,
        "last_reason": order.last_reason,
        "reopen_count": order.reopen_count,
        "dispatched_at": iso_datetime(order.dispatched_at),
        "accepted_at": iso_datetime(order.accepted_at),
        "started_at": iso_datetime(order.started_at),
        "completed_at": iso_datetime(order.completed_at),
        "closed_at": iso_datetime(order.closed_at),
        "cancelled_at": iso_datetime(order.cancelled_at),
        "created_by_name": _name(creator),
        "version": order.version,
        "cost_lines": [cost_line_row(line) for line in order.cost_lines.all()],
        "attachments": [attachment_row(attachment) for attachment in order.attachments.all()],
        "allowed_actions": list(allowed_actions),
    }


class WorkOrderCreateSerializer(InputSerializer):
    type = serializers.ChoiceField(choices=OrderType.choices)
    # unit and category: read on every create by statements compiled once per connection (``find``)
    unit = ScopedPrimaryKeyField(selector=list_units, find=find_unit, required=False, allow_null=True, default=None)
    building = ScopedPrimaryKeyField(selector=list_buildings, required=False, allow_null=True, default=None)
    project = ScopedPrimaryKeyField(selector=list_projects, required=False, allow_null=True, default=None)
    customer = ScopedPrimaryKeyField(selector=_customers, required=False, allow_null=True, default=None)
    category = ScopedPrimaryKeyField(
        selector=_active_categories, find=find_active_category, required=False, allow_null=True, default=None
    )
    contact_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.PHONE)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, default=Priority.NORMAL)
    title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=4000)
    appointment_start = serializers.DateTimeField(required=False, allow_null=True, default=None)
    appointment_end = serializers.DateTimeField(required=False, allow_null=True, default=None)


class DispatchInputSerializer(VersionedInputSerializer):
    technician = ScopedPrimaryKeyField(selector=lambda actor: list_technicians(actor=actor))
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class CostLineInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=CostKind.choices)
    name = serializers.CharField(max_length=100)
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    unit = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)


class CompleteInputSerializer(VersionedInputSerializer):
    work_done = serializers.CharField(max_length=4000)
    lines = CostLineInputSerializer(many=True, required=False, default=list)
    owner_confirmed_name = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    owner_confirmed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    free_reason = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="免费原因: required when a paid repair (is_paid) is completed with no charges (¥0.00)",
    )

    def validate_lines(self, value: list[Any]) -> list[Any]:
        if len(value) > 50:
            raise serializers.ValidationError(_("At most 50 lines."))
        return value


class BatchDispatchInputSerializer(InputSerializer):
    orders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=200)
    technicians = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list
    )


class BatchDispatchResultSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    number = serializers.CharField()
    technician = serializers.IntegerField(allow_null=True)
    name = serializers.CharField(allow_null=True)
    score = serializers.IntegerField(required=False)
    reasons = serializers.ListField(child=serializers.CharField())
    error = serializers.CharField(required=False)


class SuggestionSerializer(serializers.Serializer):
    technician = serializers.IntegerField()
    user = serializers.IntegerField()
    name = serializers.CharField()
    contractor = serializers.CharField(allow_null=True)
    score = serializers.IntegerField()
    eligible = serializers.BooleanField()
    load = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()


class WorkOrderFollowUpSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = WorkOrderFollowUp
        fields = ["id", "work_order", "method", "content", "next_step", "occurred_at", "author", "author_name", "created_at"]
        read_only_fields = fields

    def get_author_name(self, obj: WorkOrderFollowUp) -> str | None:
        return _name(obj.author)


def follow_up_row(follow_up: WorkOrderFollowUp) -> dict[str, Any]:
    """``WorkOrderFollowUpSerializer`` without the per-field machinery (the detail screen and the follow-ups list;
    a test compares the two)."""
    return {
        "id": follow_up.pk,
        "work_order": follow_up.work_order_id,
        "method": follow_up.method,
        "content": follow_up.content,
        "next_step": follow_up.next_step,
        "occurred_at": iso_datetime(follow_up.occurred_at),
        "author": follow_up.author_id,
        "author_name": _name(follow_up.author) if follow_up.author_id else None,
        "created_at": iso_datetime(follow_up.created_at),
    }


class TimelineFirstPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    count_capped = serializers.BooleanField()
    results = EventSerializer(many=True)


@extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/SlaClock"}})
class _SlaClocksField(serializers.ListField):
    """The clocks as ``GET /sla/clocks/`` gives them (the SLA app answers this part)."""


class WorkOrderIncludedSerializer(serializers.Serializer):
    """The parts asked for with ``?include=`` (a part the caller may not see is absent)."""

    follow_ups = WorkOrderFollowUpSerializer(many=True, required=False, help_text="as GET /work-orders/{id}/follow-ups/")
    timeline = TimelineFirstPageSerializer(required=False, help_text="the first page (20) of GET /work-orders/{id}/timeline/")
    sla = _SlaClocksField(required=False, help_text="as GET /sla/clocks/?work_order={id}")


class WorkOrderScreenSerializer(WorkOrderDetailSerializer):
    """The detail answer; with ``?include=`` also ``included``: the screen in one request."""

    included = WorkOrderIncludedSerializer(required=False)

    class Meta(WorkOrderDetailSerializer.Meta):
        fields = [*WorkOrderDetailSerializer.Meta.fields, "included"]
        read_only_fields = WorkOrderDetailSerializer.Meta.fields


class WorkOrderFollowUpInputSerializer(InputSerializer):
    method = serializers.ChoiceField(choices=FollowUpMethod.choices)
    content = serializers.CharField(max_length=2000)
    next_step = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class AttachmentUploadSerializer(InputSerializer):
    file = serializers.FileField()
    stage = serializers.ChoiceField(choices=AttachmentStage.choices, required=False, default=AttachmentStage.REPORT)


# --- Technicians --------------------------------------------------------------


class SkillSerializer(serializers.Serializer):
    category = serializers.IntegerField(source="category_id")
    category_name = serializers.CharField(source="category.name")
    level = serializers.ChoiceField(choices=SkillLevel.choices)


class TechnicianSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    name = serializers.SerializerMethodField()
    team_name = serializers.CharField(source="team.name", read_only=True, allow_null=True, default=None)
    contractor_name = serializers.CharField(source="contractor.name", read_only=True, allow_null=True, default=None)
    skills = SkillSerializer(many=True, read_only=True)
    projects = serializers.SerializerMethodField(help_text="The projects, of those the caller sees, this technician serves.")
    buildings = serializers.SerializerMethodField(help_text="The buildings, of those the caller sees, this technician covers.")
    duty_weekdays = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    open_orders = serializers.SerializerMethodField(help_text="Open orders in the projects the caller sees.")

    class Meta:
        model = Technician
        fields = [
            "id",
            "user",
            "username",
            "name",
            "team",
            "team_name",
            "contractor",
            "contractor_name",
            "status",
            "skills",
            "projects",
            "buildings",
            "duty_weekdays",
            "shift_start",
            "shift_end",
            "notes",
            "open_orders",
            "version",
            "created_at",
        ]
        read_only_fields = fields

    def get_name(self, obj: Technician) -> str:
        return obj.user.display_name or obj.user.username

    def _visible(self) -> set[int] | None:
        request = self.context.get("request")
        return visible_project_ids(request.user if request else None)

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_projects(self, obj: Technician) -> list[int]:
        ids = self._visible()
        return [p.pk for p in obj.projects.all() if ids is None or p.pk in ids]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_buildings(self, obj: Technician) -> list[int]:
        ids = self._visible()
        return [b.pk for b in obj.buildings.all() if ids is None or b.project_id in ids]

    def get_open_orders(self, obj: Technician) -> int:
        loads: dict[int, int] = self.context.get("loads", {})
        return loads.get(obj.user_id, 0)


class SkillInputSerializer(InputSerializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    level = serializers.ChoiceField(choices=SkillLevel.choices)


def _weekdays(value: list[int]) -> list[int]:
    if any(day < 1 or day > 7 for day in value):
        raise serializers.ValidationError(_("Weekdays are 1 (Monday) to 7 (Sunday)."))
    return sorted(set(value))


class TechnicianInputSerializer(InputSerializer):
    user = ScopedPrimaryKeyField(selector=colleagues)
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all(), required=False, allow_null=True, default=None)
    contractor = serializers.PrimaryKeyRelatedField(
        queryset=Contractor.objects.all(), required=False, allow_null=True, default=None
    )
    status = serializers.ChoiceField(choices=TechnicianStatus.choices, required=False, default=TechnicianStatus.ON_DUTY)
    skills = SkillInputSerializer(many=True, required=False, default=list)
    projects = ScopedPrimaryKeyField(selector=list_projects, many=True, required=False, default=list)
    buildings = ScopedPrimaryKeyField(selector=list_buildings, many=True, required=False, default=list)
    duty_weekdays = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    shift_start = serializers.TimeField(required=False, allow_null=True, default=None)
    shift_end = serializers.TimeField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_duty_weekdays(self, value: list[int]) -> list[int]:
        return _weekdays(value)


class TechnicianUpdateSerializer(VersionedInputSerializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all(), required=False, allow_null=True)
    contractor = serializers.PrimaryKeyRelatedField(queryset=Contractor.objects.all(), required=False, allow_null=True)
    status = serializers.ChoiceField(choices=TechnicianStatus.choices, required=False)
    skills = SkillInputSerializer(many=True, required=False)
    projects = ScopedPrimaryKeyField(selector=list_projects, many=True, required=False)
    buildings = ScopedPrimaryKeyField(selector=list_buildings, many=True, required=False)
    duty_weekdays = serializers.ListField(child=serializers.IntegerField(), required=False)
    shift_start = serializers.TimeField(required=False, allow_null=True)
    shift_end = serializers.TimeField(required=False, allow_null=True)
    notes = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def validate_duty_weekdays(self, value: list[int]) -> list[int]:
        return _weekdays(value)


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "department"]
        read_only_fields = fields


class TeamInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=50)


class CandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()


class ServiceSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceSettings
        fields = [
            "project",
            "auto_dispatch",
            "auto_dispatch_threshold",
            "reopen_days",
            "visit_after_working_days",
            "low_score_threshold",
            "low_score_reopens",
            "low_score_opens_complaint",
            "call_mode",
        ]
        read_only_fields = fields


class ServiceSettingsInputSerializer(InputSerializer):
    auto_dispatch = serializers.BooleanField()
    auto_dispatch_threshold = serializers.IntegerField(min_value=0, max_value=200)
    reopen_days = serializers.IntegerField(min_value=0, max_value=365)
    visit_after_working_days = serializers.IntegerField(min_value=1, max_value=30, required=False)
    low_score_threshold = serializers.IntegerField(min_value=1, max_value=4, required=False)
    low_score_reopens = serializers.BooleanField(required=False)
    low_score_opens_complaint = serializers.BooleanField(required=False)
    call_mode = serializers.ChoiceField(choices=CallMode.choices, required=False)


class CallSerializer(serializers.Serializer):
    mode = serializers.ChoiceField(choices=CallMode.choices)
    dial = serializers.CharField(help_text="the number to dial (tel:) for this call only")
    expires_at = serializers.DateTimeField(allow_null=True, help_text="when a privacy number stops forwarding")
