"""The report centre keeps no rows of its own: every figure is counted from the list endpoints' rows. The one model
is unmanaged (no table) and only carries the permission to open the report centre."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_report", "Can view the statistics reports")]
        verbose_name = _("report")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
