"""Warranty policy per project, contractors (外包单位) and who is responsible per building and item."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.properties.models import Building, Project
from anju.warranty.rules import Periods, WarrantyItem


class WarrantyPolicy(models.Model):
    """A project's warranty promise. Without a row the national default applies (see rules.DEFAULT_PERIODS)."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="warranty_policy")
    design_life_years = models.PositiveSmallIntegerField(_("design life (years)"), default=50, validators=[MinValueValidator(1)])
    roof_waterproofing_months = models.PositiveSmallIntegerField(default=60, validators=[MinValueValidator(60)])
    leakage_months = models.PositiveSmallIntegerField(default=60, validators=[MinValueValidator(60)])
    electrical_plumbing_months = models.PositiveSmallIntegerField(default=24, validators=[MinValueValidator(24)])
    decoration_months = models.PositiveSmallIntegerField(default=24, validators=[MinValueValidator(24)])
    heating_cooling_seasons = models.PositiveSmallIntegerField(default=2, validators=[MinValueValidator(2)])
    season_start_month = models.PositiveSmallIntegerField(default=11, validators=[MinValueValidator(1), MaxValueValidator(12)])
    season_start_day = models.PositiveSmallIntegerField(default=15, validators=[MinValueValidator(1), MaxValueValidator(31)])
    season_end_month = models.PositiveSmallIntegerField(default=3, validators=[MinValueValidator(1), MaxValueValidator(12)])
    season_end_day = models.PositiveSmallIntegerField(default=15, validators=[MinValueValidator(1), MaxValueValidator(31)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("warranty policy")

    def __str__(self) -> str:
        return f"warranty policy of project {self.project_id}"

    def periods(self) -> Periods:
        return Periods(
            design_life_years=self.design_life_years,
            roof_waterproofing_months=self.roof_waterproofing_months,
            leakage_months=self.leakage_months,
            electrical_plumbing_months=self.electrical_plumbing_months,
            decoration_months=self.decoration_months,
            heating_cooling_seasons=self.heating_cooling_seasons,
            season_start=(self.season_start_month, self.season_start_day),
            season_end=(self.season_end_month, self.season_end_day),
        )


class Contractor(models.Model):
    """外包单位: a contractor company that repairs under warranty or supplies technicians."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    qualification_number = models.CharField(_("qualification certificate"), max_length=60, blank=True)
    qualification_expires_on = models.DateField(_("qualification expires on"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def qualified_on(self, day: datetime.date) -> bool:
        return self.is_active and (self.qualification_expires_on is None or self.qualification_expires_on >= day)


class WarrantyResponsibility(models.Model):
    """The contractor that answers for one warranty item in one building; otherwise the developer does."""

    building = models.ForeignKey(Building, on_delete=models.CASCADE, related_name="warranty_responsibilities")
    item = models.CharField(max_length=30, choices=WarrantyItem.choices)
    contractor = models.ForeignKey(Contractor, on_delete=models.PROTECT, related_name="responsibilities")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["building", "item"], name="uniq_warranty_responsibility")]

    def __str__(self) -> str:
        return f"{self.building_id}:{self.item}"
