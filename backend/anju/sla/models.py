"""SLA policies, the business calendar (holidays and 调休 days) and the clocks running on work orders."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.properties.models import Project
from anju.workorders.choices import OrderType, Priority
from anju.workorders.models import WorkOrder


class DayKind(models.TextChoices):
    REST = "rest", _("Statutory rest day")
    MAKE_UP = "make_up", _("Make-up working day")


class CalendarSource(models.TextChoices):
    """Where a day of the combined calendar comes from (the values of ``core.national_calendar.Source``)."""

    COMPUTED = "computed", _("Computed by the rules")
    OFFICIAL = "official", _("Official arrangement")
    ENTERED = "entered", _("Entered")


class CalendarDay(models.Model):
    """An exception to the weekly pattern: a statutory rest day (法定节假日/调休休息) or a make-up working day (调休上班)."""

    date = models.DateField(unique=True)
    kind = models.CharField(max_length=10, choices=DayKind.choices)
    name = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.name}"


class CalendarYear(models.Model):
    """Whether a year's calendar is the State Council's arrangement as entered (official) or the rules' (computed).

    An official year is exactly its ``CalendarDay`` rows (plus weekends); any other year is the holidays computed by
    ``core.national_calendar`` with its rows on top (a row wins on its date). A year without a row is computed.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    official = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True, help_text="The notice it follows, e.g. 国办发明电〔2025〕7号")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year} {'official' if self.official else 'computed'}"


def _weekend() -> list[int]:
    return [6, 7]


class WorkingHours(models.Model):
    """The working day (one row): morning and afternoon periods — the gap between them is the lunch break."""

    morning_start = models.TimeField(default=datetime.time(9, 0))
    morning_end = models.TimeField(default=datetime.time(12, 0))
    afternoon_start = models.TimeField(default=datetime.time(13, 0))
    afternoon_end = models.TimeField(default=datetime.time(18, 0))
    weekend_days = models.JSONField(default=_weekend, help_text="ISO weekdays off, 6 = Saturday, 7 = Sunday")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.morning_start}-{self.morning_end}, {self.afternoon_start}-{self.afternoon_end}"


class SlaTarget(models.TextChoices):
    RESPOND = "respond", _("First response")
    ONSITE = "onsite", _("On site")
    RESOLVE = "resolve", _("Resolution")


class ClockState(models.TextChoices):
    RUNNING = "running", _("Running")
    WARNING = "warning", _("Nearly due")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")
    MET_LATE = "met_late", _("Met late")
    STOPPED = "stopped", _("Stopped")


class SlaPolicy(models.Model):
    """Targets for one work-order type and priority, for every project or for one. Practice, not law."""

    order_type = models.CharField(max_length=16, choices=OrderType.choices)
    priority = models.CharField(max_length=10, choices=Priority.choices)
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    respond_minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    onsite_minutes = models.PositiveIntegerField(null=True, blank=True)
    resolve_minutes = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    around_the_clock = models.BooleanField(_("24×7"), default=False)
    warn_percent = models.PositiveSmallIntegerField(default=80, validators=[MinValueValidator(1), MaxValueValidator(100)])
    is_practice = models.BooleanField(default=True, help_text="A practice figure (not set by law)")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["order_type", "priority", "project"], name="uniq_sla_policy_project"),
            models.UniqueConstraint(
                fields=["order_type", "priority"], condition=models.Q(project__isnull=True), name="uniq_sla_policy_default"
            ),
        ]
        ordering = ["order_type", "priority", "project_id"]
        permissions = [("change_company_policy", "Can change the company-wide SLA policies (no project)")]

    def __str__(self) -> str:
        return f"{self.order_type}/{self.priority}/{self.project_id or '*'}"

    def minutes_for(self, target: str) -> int | None:
        return {
            SlaTarget.RESPOND: self.respond_minutes,
            SlaTarget.ONSITE: self.onsite_minutes,
            SlaTarget.RESOLVE: self.resolve_minutes,
        }[SlaTarget(target)]


class SlaClock(models.Model):
    """One target running on one order. ``due_at`` moves when the order is paused (on hold) and resumed."""

    # db_index=False: uniq_sla_clock begins with it
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="sla_clocks", db_index=False)
    target = models.CharField(max_length=10, choices=SlaTarget.choices)
    policy = models.ForeignKey(SlaPolicy, null=True, on_delete=models.SET_NULL, related_name="+")
    minutes = models.PositiveIntegerField()
    around_the_clock = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    # No index of its own: every query on it asks for running clocks too (``sla_open_due`` ends with it).
    due_at = models.DateTimeField()
    paused_minutes = models.PositiveIntegerField(default=0)
    paused_since = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    # Who held the order when the target was met: the roll-ups credit them, even after a reopen or a reassignment.
    met_assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["work_order", "target"], name="uniq_sla_clock")]
        indexes = [models.Index(fields=["met_at", "stopped_at", "due_at"], name="sla_open_due")]

    def __str__(self) -> str:
        return f"{self.work_order_id}:{self.target} due {self.due_at}"

    @property
    def is_running(self) -> bool:
        return self.met_at is None and self.stopped_at is None


class Audience(models.TextChoices):
    ASSIGNEE = "assignee", _("The assignee")
    SUPERVISORS = "service_supervisor", _("Customer service supervisors")
    MANAGEMENT = "management", _("Management")


class EscalationStep(models.Model):
    """One rung of a policy's ladder: at ``at_percent`` of the target, or ``after_breach_minutes`` past it, tell someone."""

    policy = models.ForeignKey(SlaPolicy, on_delete=models.CASCADE, related_name="ladder")
    at_percent = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    after_breach_minutes = models.PositiveIntegerField(null=True, blank=True)
    notify = models.CharField(max_length=20, choices=Audience.choices)

    class Meta:
        ordering = ["policy_id", "id"]

    def __str__(self) -> str:
        return f"{self.policy_id}: {self.at_percent or ''}% +{self.after_breach_minutes or 0} → {self.notify}"


class EscalationLog(models.Model):
    """A step that has fired for a clock; the unique pair makes the sweep idempotent."""

    clock = models.ForeignKey(SlaClock, on_delete=models.CASCADE, related_name="escalations")
    step = models.ForeignKey(EscalationStep, on_delete=models.CASCADE, related_name="+")
    fired_at = models.DateTimeField(auto_now_add=True)
    notified = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["clock", "step"], name="uniq_escalation_once")]

    def __str__(self) -> str:
        return f"{self.clock_id} step {self.step_id}"
