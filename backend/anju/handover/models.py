"""入伙 (handover batches): a batch of units of one project handed over in a date range, its preparation team and
tasks, the 入伙通知书 of each unit (fees as computed when generated), the booked time slots, the inspections (验房)
whose defects are repair work orders, and the owner's acceptance that delivers the unit (domain rules §3)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.handover.choices import (
    ACTIVE_SLOT,
    DEFAULT_CHECKLIST,
    BatchStatus,
    InspectionStatus,
    MemberRole,
    NoticeStatus,
    SlotStatus,
    TaskCode,
)
from anju.properties.models import Building, Project, Unit
from anju.sales.models import Contract
from anju.workorders.models import Category, WorkOrder


class _DecimalOptions(TypedDict, total=False):
    """Shared ``DecimalField`` options, typed so that ``**MONEY`` checks against the field's parameters."""

    max_digits: int
    decimal_places: int
    default: Decimal
    null: bool
    blank: bool


MONEY: _DecimalOptions = {"max_digits": 14, "decimal_places": 2, "default": Decimal("0.00")}
READING: _DecimalOptions = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}


def _private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=str(settings.PRIVATE_MEDIA_ROOT), base_url=None)


def _signature_path(instance: Inspection, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"handover/signatures/{instance.pk}/{uuid.uuid4().hex}.{extension}"


def _default_checklist() -> list[dict[str, object]]:
    return [dict(room) for room in DEFAULT_CHECKLIST]


def _default_windows() -> list[str]:
    return ["09:00-12:00", "13:30-17:30"]


class HandoverBatch(models.Model):
    """入伙批次: the units of some buildings handed over between two dates, a number of owners per time window."""

    number = models.CharField(_("batch number"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    buildings = models.ManyToManyField(Building, related_name="+")
    starts_on = models.DateField(_("first handover day"))
    ends_on = models.DateField(_("last handover day"))
    windows = models.JSONField(default=_default_windows, help_text="time windows of a day, 'HH:MM-HH:MM'")
    capacity_per_window = models.PositiveSmallIntegerField(_("owners per time window"), default=10)
    place = models.CharField(_("place"), max_length=200)
    documents_to_bring = models.CharField(
        _("documents to bring"), max_length=500, default="购房合同原件、全体买受人身份证原件、付款凭证、入伙通知书"
    )
    checklist = models.JSONField(default=_default_checklist, help_text="inspection rooms × items")
    status = models.CharField(max_length=16, choices=BatchStatus.choices, default=BatchStatus.PREPARING)
    list_prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    list_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    list_approved_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("handover batch")
        permissions = [
            ("approve_handoverbatch", "Can approve a handover list (入伙名单)"),
            ("override_notice_lead", "Can send a handover notice later than the contract's lead time"),
        ]
        indexes = [models.Index(fields=["project", "status", "-starts_on"], name="handover_batch_project")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="handover_batch_dates"),
            models.CheckConstraint(condition=Q(capacity_per_window__gte=1), name="handover_batch_capacity"),
        ]

    def __str__(self) -> str:
        return self.number


class BatchMember(models.Model):
    """One member of the preparation team (入伙准备工作小组)."""

    batch = models.ForeignKey(HandoverBatch, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=16, choices=MemberRole.choices)

    class Meta:
        ordering = ["batch_id", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "user"], name="handover_member_unique")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.user_id}={self.role}"


class BatchTask(models.Model):
    """One preparation task of a batch, from the template (``choices.TASK_TEMPLATE``)."""

    batch = models.ForeignKey(HandoverBatch, on_delete=models.CASCADE, related_name="tasks")
    code = models.CharField(max_length=24, choices=TaskCode.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["batch_id", "due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "code"], name="handover_task_unique")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.code}"


class HandoverNotice(models.Model):
    """入伙通知书 of one unit: the handover day and window, and the fees as computed when it was generated."""

    batch = models.ForeignKey(HandoverBatch, on_delete=models.PROTECT, related_name="notices")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="+")
    handover_on = models.DateField(_("handover date"))
    window = models.CharField(_("time window"), max_length=11)
    area = models.DecimalField(_("gross floor area"), max_digits=10, decimal_places=2)
    area_measured = models.BooleanField(default=False)
    price_balance = models.DecimalField(**MONEY)
    area_buyer_pays = models.DecimalField(**MONEY)
    area_developer_refunds = models.DecimalField(**MONEY)
    has_area_settlement = models.BooleanField(default=False)
    maintenance_fund = models.DecimalField(**MONEY)
    deed_tax = models.DecimalField(**MONEY)
    registration_fee = models.DecimalField(**MONEY)
    property_fee = models.DecimalField(**MONEY)
    property_fee_months = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=8, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT)
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    channels = models.JSONField(default=list, blank=True)
    tracking_number = models.CharField(_("tracking number"), max_length=40, blank=True)
    override_reason = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["handover_on", "window", "id"]
        verbose_name = _("handover notice")
        constraints = [models.UniqueConstraint(fields=["batch", "unit"], name="handover_notice_unique")]
        indexes = [models.Index(fields=["project", "batch"], name="handover_notice_batch")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.unit_id}"


class HandoverSlot(models.Model):
    """A booked time window of a handover day for one unit (within the batch's capacity)."""

    batch = models.ForeignKey(HandoverBatch, on_delete=models.PROTECT, related_name="slots")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(HandoverNotice, on_delete=models.PROTECT, related_name="slots")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("handover day"))
    window = models.CharField(_("time window"), max_length=11)
    status = models.CharField(max_length=12, choices=SlotStatus.choices, default=SlotStatus.BOOKED)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checked_in_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day", "window", "id"]
        verbose_name = _("handover slot")
        indexes = [models.Index(fields=["batch", "day", "window", "status"], name="handover_slot_day")]
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "unit"], condition=Q(status__in=sorted(ACTIVE_SLOT)), name="handover_slot_one_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.window} {self.unit}"  # the unit as people say it (1号楼-1201), not its id


class Inspection(models.Model):
    """验房: one round of inspection of a unit with its owner; a re-inspection after fixes follows the first round."""

    number = models.CharField(_("inspection number"), max_length=30, unique=True)
    batch = models.ForeignKey(HandoverBatch, on_delete=models.PROTECT, related_name="inspections")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    notice = models.ForeignKey(HandoverNotice, on_delete=models.PROTECT, related_name="inspections")
    slot = models.ForeignKey(HandoverSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="inspections")
    round = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_round")
    status = models.CharField(max_length=12, choices=InspectionStatus.choices, default=InspectionStatus.IN_PROGRESS)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    results = models.JSONField(default=dict, blank=True, help_text="'room/item' → ok | defect")
    keys_count = models.PositiveSmallIntegerField(_("keys handed over"), null=True, blank=True)
    water_reading = models.DecimalField(_("water meter"), **READING)
    electricity_reading = models.DecimalField(_("electricity meter"), **READING)
    gas_reading = models.DecimalField(_("gas meter"), **READING)
    accepted_on = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=200, blank=True)  # why the owner deferred
    signature = models.FileField(upload_to=_signature_path, storage=_private_storage, max_length=200, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("handover inspection")
        indexes = [models.Index(fields=["project", "batch", "status"], name="handover_inspection_batch")]

    def __str__(self) -> str:
        return self.number


class Defect(models.Model):
    """One defect found at inspection; it is its own repair work order (channel ``handover_inspection``)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="defects")
    room = models.CharField(_("room"), max_length=20)
    item = models.CharField(_("item"), max_length=20, blank=True)
    location = models.CharField(_("location"), max_length=100, blank=True)
    description = models.CharField(_("description"), max_length=500)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    work_order = models.OneToOneField(WorkOrder, on_delete=models.PROTECT, related_name="handover_defect")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["inspection_id", "id"]
        verbose_name = _("handover defect")

    def __str__(self) -> str:
        return f"{self.inspection_id}:{self.room}/{self.item}"
