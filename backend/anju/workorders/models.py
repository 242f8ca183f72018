"""Work orders (工单), their categories, technicians (维修人员) and everything recorded on an order."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.models import CiphertextField
from anju.customers.models import Customer
from anju.properties.models import Building, Project, Unit
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
    ResponsibleParty,
    SkillLevel,
    Status,
    TechnicianStatus,
)


class Category(models.Model):
    """An editable tree of service categories (水电 → 给水管道 …), each mapped to a warranty item."""

    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=50)
    warranty_item = models.CharField(_("warranty item"), max_length=30, choices=WarrantyItem.choices, blank=True)
    department = models.ForeignKey(
        "accounts.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # the responsible department (reports go to its contacts)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("category")

    def __str__(self) -> str:
        return self.name


class ServiceSettings(models.Model):
    """Per-project practice settings of the service desk (not law)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="service_settings")
    auto_dispatch = models.BooleanField(default=False)
    auto_dispatch_threshold = models.PositiveSmallIntegerField(default=60)
    reopen_days = models.PositiveSmallIntegerField(default=15)
    # Return visits (回访): how many working days after completion, and what a poor result does.
    visit_after_working_days = models.PositiveSmallIntegerField(default=1)
    low_score_threshold = models.PositiveSmallIntegerField(default=2)
    low_score_reopens = models.BooleanField(default=True)
    low_score_opens_complaint = models.BooleanField(default=False)
    # How a technician calls the owner from a job: the number itself, or a privacy number (虚拟号) that forwards.
    call_mode = models.CharField(max_length=16, choices=CallMode.choices, default=CallMode.DIRECT)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"service settings of project {self.project_id}"


class Team(models.Model):
    name = models.CharField(_("team"), max_length=50, unique=True)
    department = models.ForeignKey("accounts.Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Technician(models.Model):
    """A user who repairs: skills per category, areas, status and duty days; staff or a contractor's."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="technician")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    contractor = models.ForeignKey(Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="technicians")
    status = models.CharField(max_length=12, choices=TechnicianStatus.choices, default=TechnicianStatus.ON_DUTY)
    projects = models.ManyToManyField(Project, blank=True, related_name="+")
    buildings = models.ManyToManyField(Building, blank=True, related_name="+")
    duty_weekdays = models.JSONField(default=list, blank=True, help_text="ISO weekdays on duty, 1 = Monday")
    shift_start = models.TimeField(null=True, blank=True)
    shift_end = models.TimeField(null=True, blank=True)
    notes = models.CharField(max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        permissions = [("manage_technician", "Manage technicians")]

    def __str__(self) -> str:
        return str(self.user)


class TechnicianSkill(models.Model):
    technician = models.ForeignKey(Technician, on_delete=models.CASCADE, related_name="skills")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=12, choices=SkillLevel.choices, default=SkillLevel.INTERMEDIATE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["technician", "category"], name="uniq_technician_skill")]

    def __str__(self) -> str:
        return f"{self.technician_id}:{self.category_id}:{self.level}"


class WorkOrder(models.Model):
    number = models.CharField(_("number"), max_length=24, unique=True)
    type = models.CharField(_("type"), max_length=16, choices=OrderType.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING_DISPATCH)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+", db_index=False)  # wo_project_*
    building = models.ForeignKey(Building, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="work_orders", db_index=False
    )  # wo_unit_created
    customer = models.ForeignKey(
        Customer, null=True, blank=True, on_delete=models.PROTECT, related_name="work_orders", db_index=False
    )  # wo_customer_created
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    contact_phone = CiphertextField(blank=True)
    channel = models.CharField(_("channel"), max_length=24, choices=Channel.choices, default=Channel.PHONE)
    category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    title = models.CharField(_("title"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=4000)
    appointment_start = models.DateTimeField(null=True, blank=True)
    appointment_end = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )  # wo_assignee_status
    # Warranty decided when the order is created (repairs only).
    in_warranty = models.BooleanField(null=True)
    warranty_item = models.CharField(max_length=30, choices=WarrantyItem.choices, blank=True)
    warranty_expires_on = models.DateField(null=True, blank=True)
    responsible_party = models.CharField(max_length=12, choices=ResponsibleParty.choices, blank=True)
    responsible_contractor = models.ForeignKey(Contractor, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_paid = models.BooleanField(_("paid repair"), default=False)
    charge_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    # Why a paid repair (有偿维修) was completed at ¥0.00 (required then, see ``services.transitions.complete``).
    free_reason = models.CharField(_("reason it is free"), max_length=200, blank=True, default="")
    # Completion and the owner's confirmation.
    work_done = models.TextField(blank=True, max_length=4000)
    owner_confirmed_name = models.CharField(max_length=50, blank=True)
    owner_confirmed_at = models.DateTimeField(null=True, blank=True)
    hold_reason = models.CharField(max_length=200, blank=True)
    last_reason = models.CharField(max_length=200, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The soonest due time of the order's running SLA targets (none while paused or when all are met), kept by the
    # sla app so that lists can sort by urgency without joining the clocks.
    sla_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The moment the order was received (set by the service before its transaction, so the SLA clocks start at it).
    created_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Lists sort by (-created_at, -id) and page by LIMIT: the indexes end with the same order.
            models.Index(fields=["project", "status", "-created_at", "-id"], name="wo_project_status_created"),
            models.Index(fields=["project", "-created_at", "-id"], name="wo_project_created"),
            models.Index(fields=["project", "sla_due_at", "-id"], name="wo_project_sla_due"),
            models.Index(fields=["assignee", "status"], name="wo_assignee_status"),
            models.Index(fields=["customer", "-created_at"], name="wo_customer_created"),
            models.Index(fields=["unit", "-created_at"], name="wo_unit_created"),
            # The reports' "completed in the period" (technician efficiency): a range, not a scan of every order.
            models.Index(fields=["completed_at"], name="wo_completed"),
        ]
        permissions = [
            ("view_all_workorders", "See every work order in scope, not only one's own"),
            ("dispatch_workorder", "Dispatch and reassign work orders"),
            ("work_workorder", "Accept, start, hold, complete or return assigned orders"),
            ("cancel_workorder", "Cancel work orders"),
            ("close_workorder", "Verify, resolve and close work orders"),
            ("reopen_workorder", "Reopen completed or closed work orders"),
        ]

    def __str__(self) -> str:
        return self.number


class WorkOrderFollowUp(models.Model):
    """跟进记录 on an order."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="follow_ups")
    method = models.CharField(max_length=12, choices=FollowUpMethod.choices)
    content = models.TextField(max_length=2000)
    next_step = models.CharField(max_length=200, blank=True)
    occurred_at = models.DateTimeField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.work_order_id}: {self.content[:30]}"


class CostLine(models.Model):
    """Labour and material on a completed order; charged to the owner only for paid (out-of-warranty) repairs."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="cost_lines")
    kind = models.CharField(max_length=10, choices=CostKind.choices)
    name = models.CharField(max_length=100)
    quantity = models.DecimalField(max_digits=10, decimal_places=2)
    unit = models.CharField(max_length=10, blank=True)
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    amount = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} {self.amount}"


def _private_storage() -> FileSystemStorage:
    return FileSystemStorage(location=str(settings.PRIVATE_MEDIA_ROOT), base_url=None)


def _upload_to(instance: Attachment, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"workorders/{instance.work_order_id}/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """A photo or PDF on an order. Stored outside the static root under a random name; served only by a checked view."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="attachments")
    stage = models.CharField(max_length=12, choices=AttachmentStage.choices, default=AttachmentStage.REPORT)
    file = models.FileField(upload_to=_upload_to, storage=_private_storage, max_length=200)
    thumbnail = models.FileField(upload_to=_upload_to, storage=_private_storage, max_length=200, blank=True)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class TechnicianLoad(models.Model):
    """Open orders (dispatched … on hold) assigned to one user, kept by the workflow (``anju.workorders.load``) so
    dispatch suggestions read one row per candidate instead of counting orders; the nightly reconciliation repairs and
    reports drift."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+")
    open_orders = models.IntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.open_orders}"


class WorkOrderTally(models.Model):
    """How many orders each project has in each status, kept by database triggers on the orders table
    (``anju.workorders.tally``): the home page's figures read a few rows instead of counting every order of the scope,
    so they cost the same at 1,000,000 orders as at 1,000 (issue 14 §5)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20)
    orders = models.IntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "status"], name="wo_tally_project_status")]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.status}: {self.orders}"
