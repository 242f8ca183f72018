"""The report centre counts every figure from the list endpoints' rows. It keeps one table of derived values:
``OrderWorkTime``, each completed order's working-time durations (response, arrival, resolution on the business
calendar), computed when the order is saved so that a report over a year of orders does not redo the calendar
arithmetic for each of them (``anju.reports.worktimes``). The ``Report`` model is unmanaged (no table) and only
carries the permission to open the report centre."""

from __future__ import annotations

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
