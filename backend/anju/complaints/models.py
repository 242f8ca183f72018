"""Complaints (投诉): the handling of a complaint work order, and group-complaint incidents (群诉)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.properties.models import Building, Project
from anju.workorders.models import WorkOrder


class ComplaintCategory(models.TextChoices):
    QUALITY = "quality", _("Quality")
    SERVICE = "service", _("Service")
    DELIVERY = "delivery", _("Delivery")
    PROPERTY = "property_management", _("Property management")
    SALES_PROMISE = "sales_promise", _("Sales promise")
    OTHER = "other", _("Other")


class Severity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    SERIOUS = "serious", _("Serious")
    CRITICAL = "critical", _("Critical")


class Stage(models.TextChoices):
    RECEIVED = "received", _("Received and recorded")
    APOLOGISED = "apologised", _("Apologised, first reply given")
    INVESTIGATING = "investigating", _("Investigating")
    REPLIED = "replied", _("Replied to the customer")
    CONFIRMED = "confirmed", _("Confirmed by the customer")
    CLOSED = "closed", _("Closed")


class Complaint(models.Model):
    work_order = models.OneToOneField(WorkOrder, on_delete=models.CASCADE, related_name="complaint")
    category = models.CharField(max_length=24, choices=ComplaintCategory.choices, default=ComplaintCategory.OTHER)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.NORMAL)
    department = models.CharField(_("responsible department"), max_length=50, blank=True)
    # 首问负责制: whoever took the complaint stays responsible for it.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.RECEIVED)
    escalation_level = models.PositiveSmallIntegerField(default=0)
    outcome = models.TextField(blank=True, max_length=2000)
    compensation = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    linked_orders = models.ManyToManyField(WorkOrder, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"complaint {self.work_order_id}"


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


class GroupAlertSettings(models.Model):
    """群诉预警 thresholds (one row; practice): N complaints of one category about one building within T days."""

    threshold = models.PositiveSmallIntegerField(default=5)
    window_days = models.PositiveSmallIntegerField(default=7)

    def __str__(self) -> str:
        return f"{self.threshold} in {self.window_days} days"


class Incident(models.Model):
    """A group complaint: the complaints behind it, one owner, a response plan and at most five representatives."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    building = models.ForeignKey(Building, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=24, choices=ComplaintCategory.choices)
    status = models.CharField(max_length=12, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    response_plan = models.TextField(blank=True, max_length=4000)
    representatives = models.JSONField(default=list, blank=True, help_text="at most 5: [{name, unit, note}]")
    complaints = models.ManyToManyField(Complaint, related_name="incidents")
    closure_note = models.TextField(blank=True, max_length=2000)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return f"incident {self.pk} {self.category}"


class ComplaintCategoryDepartment(models.Model):
    """The department responsible for a complaint category (the categories are a fixed list, ``ComplaintCategory``)."""

    category = models.CharField(max_length=24, choices=ComplaintCategory.choices, unique=True)
    department = models.ForeignKey("accounts.Department", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["category"]

    def __str__(self) -> str:
        return f"{self.category} → {self.department_id}"
