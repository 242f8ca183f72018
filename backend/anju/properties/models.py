"""The property tree every record hangs on, and each user's data scope over it.

CityCompany 城市公司 → Project 项目 → Building 楼栋 → Unit 房屋.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.properties.choices import UnitStatus


class _AreaOptions(TypedDict):
    """``DecimalField`` options of an area, typed so that ``**AREA`` checks against the field's parameters."""

    max_digits: int
    decimal_places: int
    validators: list[MinValueValidator]


AREA: _AreaOptions = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0.01"))]}


class CityCompany(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("city company")

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    city_company = models.ForeignKey(CityCompany, on_delete=models.PROTECT, related_name="projects")
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["code"]
        verbose_name = _("project")

    def __str__(self) -> str:
        return self.name


class Building(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="buildings")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=50)
    floors_above = models.PositiveSmallIntegerField(_("floors above ground"), default=1)
    floors_below = models.PositiveSmallIntegerField(_("floors below ground"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project_id", "code"]
        verbose_name = _("building")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="properties_building_code_unique")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A home or shop. ``project`` repeats ``building.project`` so every scope filter is one column."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="units")
    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="units")
    room_number = models.CharField(_("room number"), max_length=20)
    floor = models.SmallIntegerField(_("floor"))
    stack = models.CharField(_("stack"), max_length=10, help_text=_("Position on the floor, e.g. 01"))
    layout = models.CharField(_("layout"), max_length=50, blank=True)
    predicted_gross_area = models.DecimalField(_("predicted gross floor area"), **AREA)
    predicted_internal_area = models.DecimalField(_("predicted internal area"), **AREA)
    measured_gross_area = models.DecimalField(_("measured gross floor area"), null=True, blank=True, **AREA)
    measured_internal_area = models.DecimalField(_("measured internal area"), null=True, blank=True, **AREA)
    status = models.CharField(_("status"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.AVAILABLE)
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["building_id", "-floor", "stack"]
        verbose_name = _("unit")
        permissions = [("import_unit", "Can import buildings and units"), ("export_unit", "Can export units")]
        constraints = [
            models.UniqueConstraint(fields=["building", "room_number"], name="properties_unit_room_unique"),
            models.CheckConstraint(
                condition=Q(predicted_internal_area__lte=models.F("predicted_gross_area")),
                name="properties_unit_predicted_internal_lte_gross",
            ),
        ]

    def __str__(self) -> str:
        building_name = self.building.name if self.building_id else ""
        return f"{building_name}-{self.room_number}"


class UserScope(models.Model):
    """Which projects a user may see: every project, or listed city companies and projects."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_scope")
    all_projects = models.BooleanField(default=False)
    city_companies = models.ManyToManyField(CityCompany, blank=True, related_name="+")
    projects = models.ManyToManyField(Project, blank=True, related_name="+")

    class Meta:
        verbose_name = _("data scope")

    def __str__(self) -> str:
        return f"scope of user {self.user_id}"
