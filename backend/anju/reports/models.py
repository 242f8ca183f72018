"""The report centre counts every figure from the list endpoints' rows. Its tables: ``OrderWorkTime``, each completed
order's working-time durations (response, arrival, resolution on the business calendar), computed when the order is
saved so that a report over a year of orders does not redo the calendar arithmetic (``anju.reports.worktimes``); a
``ReportSubscription``, a user's standing order for one report with its filters on a schedule; and a
``ScheduledSend`` for each period sent (a subscription's report or a project's 工作总结) so a restarted worker never
sends it twice. ``Report`` is unmanaged (no table) and only carries the permission to open the report centre."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.workorders.models import WorkOrder


class Report(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_report", "Can view the statistics reports")]
        verbose_name = _("report")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class OrderWorkTime(models.Model):
    """A completed order's working minutes, with the inputs they were computed from (the order's five moments and
    the calendar's stamp): a report uses a row only while all of them still match, and computes the others."""

    work_order = models.OneToOneField(WorkOrder, primary_key=True, on_delete=models.CASCADE, related_name="work_time")
    created_at = models.DateTimeField()
    dispatched_at = models.DateTimeField(null=True)
    accepted_at = models.DateTimeField(null=True)
    started_at = models.DateTimeField(null=True)
    completed_at = models.DateTimeField(db_index=True)
    calendar = models.CharField(max_length=16, help_text="stamp of the working hours and the holiday table used")
    respond = models.PositiveIntegerField(null=True, help_text="working minutes from dispatch to acceptance")
    arrive = models.PositiveIntegerField(null=True, help_text="working minutes from dispatch to the start of work")
    resolve = models.PositiveIntegerField(null=True, help_text="working minutes from creation to completion")

    class Meta:
        default_permissions = ()
        verbose_name = _("order working time")

    def __str__(self) -> str:
        return f"{self.work_order_id}: {self.respond}/{self.arrive}/{self.resolve}"


class Schedule(models.TextChoices):
    """When a subscription is sent (08:00 Asia/Shanghai) and which period it covers."""

    DAILY = "daily", _("Daily at 08:00 (yesterday)")
    WEEKLY = "weekly", _("Mondays at 08:00 (last week)")
    MONTHLY = "monthly", _("The 1st at 08:00 (last month)")


class ReportSubscription(models.Model):
    """A user's subscription to one report with its filters (project, building, grouping). The filters are checked
    against the user's scope when it is saved and again at every send: a user who lost a project no longer gets it."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_subscriptions")
    report_key = models.CharField(max_length=40)
    project = models.ForeignKey("properties.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    building = models.ForeignKey("properties.Building", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    by = models.CharField(max_length=20, blank=True)
    schedule = models.CharField(max_length=10, choices=Schedule.choices)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report subscription")
        indexes = [models.Index(fields=["active", "schedule"], name="report_sub_due")]

    def __str__(self) -> str:
        return f"{self.owner_id}: {self.report_key} ({self.schedule})"


class ScheduledSend(models.Model):
    """One period of one scheduled report, sent (or skipped because the user may no longer see it). The unique key —
    ``sub:<id>:<first day>`` or ``summary:<project>:<week|month>:<first day>`` — is written in the same transaction as
    the inbox entries and the e-mail outbox rows, so a worker that restarts mid-run cannot send a period twice."""

    key = models.CharField(max_length=80, unique=True)
    subscription = models.ForeignKey(ReportSubscription, null=True, blank=True, on_delete=models.CASCADE, related_name="sends")
    date_from = models.DateField()
    date_to = models.DateField()
    outcome = models.CharField(max_length=10)  # sent | skipped
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        default_permissions = ()

    def __str__(self) -> str:
        return self.key
