"""Return visits (回访): a call to the owner after a repair or complaint is finished (service visits), or on a
care plan's schedule: T+7 and T+30 after handover, every year, or for a customer group (planned care visits 定期回访)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.customers.models import Customer, Tag
from anju.properties.models import Project, Unit
from anju.workorders.models import WorkOrder

MAX_ATTEMPTS = 3


class VisitStatus(models.TextChoices):
    PENDING = "pending", _("To call")
    DONE = "done", _("Done")
    UNREACHABLE = "unreachable", _("Unreachable")
    CANCELLED = "cancelled", _("Cancelled")


class VisitKind(models.TextChoices):
    SERVICE = "service", _("Service visit")
    CARE = "care", _("Care visit")


class CareBasis(models.TextChoices):
    HANDOVER = "handover", _("Handover date")
    GROUP = "group", _("Customer group")


class CarePlan(models.Model):
    """定期回访计划: when to call whom.

    ``handover``: every unit of the project with a handover (delivery) date and an owner, at delivery + each offset
    (days) and, with ``repeat_months``, on every such anniversary. ``group``: every customer of the project in the
    tag, at ``starts_on`` + each offset and every ``repeat_months`` after ``starts_on``. Nothing dated before
    ``starts_on`` is ever generated.
    """

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    basis = models.CharField(_("basis"), max_length=10, choices=CareBasis.choices)
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    offsets = models.JSONField(_("days after the start"), default=list)
    repeat_months = models.PositiveSmallIntegerField(_("repeat every (months)"), null=True, blank=True)
    starts_on = models.DateField(_("starts on"))
    script = models.TextField(_("call script"), blank=True, max_length=2000)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project_id", "name", "id"]
        verbose_name = _("care plan")

    def __str__(self) -> str:
        return self.name


class ReturnVisit(models.Model):
    kind = models.CharField(max_length=10, choices=VisitKind.choices, default=VisitKind.SERVICE)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    work_order = models.ForeignKey(WorkOrder, null=True, blank=True, on_delete=models.CASCADE, related_name="return_visits")
    plan = models.ForeignKey(CarePlan, null=True, blank=True, on_delete=models.PROTECT, related_name="visits")
    customer = models.ForeignKey(Customer, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    occurs_on = models.DateField(null=True, blank=True)
    # care visits: one per plan, unit (or customer) and date, however often the generator runs
    dedupe_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The technician who did the work the visit rates (the order's assignee at completion), for the roll-ups.
    technician = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=VisitStatus.choices, default=VisitStatus.PENDING)
    due_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    reached = models.BooleanField(null=True)
    resolved = models.BooleanField(null=True)
    satisfaction = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True, max_length=2000)
    outcome_action = models.CharField(max_length=20, blank=True)  # closed / reopened / recorded
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "assignee", "due_at"], name="visit_todo"),
            models.Index(fields=["project", "status", "due_at"], name="visit_project_todo"),
        ]

    def __str__(self) -> str:
        return f"visit {self.kind} {self.work_order_id or self.plan_id} {self.status}"
