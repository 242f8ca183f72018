"""Warranty expiry (保修期), pure functions: no database.

The default policy is the one `docs/rules.md` §Warranty records: the 《建设工程质量管理条例》第四十条 periods,
counted from the unit's delivery date (交付之日). That meets both the 1998 developer minimums and the contractor
periods (domain rules §2.2, "recommended default"). A project may promise longer periods.

Date arithmetic follows 民法典 第二百零二条: a period in years or months ends on the corresponding day of the final
month; when that day does not exist it ends on the month's last day (delivered 2024-02-29 + 2 years → 2026-02-28).
A defect reported on or before the expiry day is covered.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db import models
from django.utils.translation import gettext_lazy as _


class WarrantyItem(models.TextChoices):
    STRUCTURE = "structure", _("Foundation and main structure")
    ROOF_WATERPROOFING = "roof_waterproofing", _("Roof waterproofing")
    LEAKAGE = "leakage", _("Leak-proofing of bathrooms, rooms with waterproofing and exterior walls")
    HEATING_COOLING = "heating_cooling", _("Heating and cooling systems")
    ELECTRICAL_PLUMBING = "electrical_plumbing", _("Electrical lines, water supply and drainage, equipment installation")
    DECORATION = "decoration", _("Decoration works")


@dataclass(frozen=True)
class Periods:
    """A policy's periods; the defaults are the national (条例) ones."""

    design_life_years: int = 50
    roof_waterproofing_months: int = 60
    leakage_months: int = 60
    electrical_plumbing_months: int = 24
    decoration_months: int = 24
    heating_cooling_seasons: int = 2
    season_start: tuple[int, int] = (11, 15)  # month, day: e.g. the local heating season 11-15 → 03-15
    season_end: tuple[int, int] = (3, 15)


DEFAULT_PERIODS = Periods()


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The corresponding day ``months`` later, or the last day of that month when it does not exist."""
    return start + relativedelta(months=months)


def _on(year: int, month_day: tuple[int, int]) -> datetime.date:
    """(month, day) in ``year``; day 29-31 falls back to the month's last day."""
    month, day = month_day
    return datetime.date(year, month, 1) + relativedelta(day=day)


def seasons_expiry(delivered: datetime.date, count: int, start: tuple[int, int], end: tuple[int, int]) -> datetime.date:
    """The last day of the ``count``-th full season that begins on or after delivery.

    A season runs from ``start`` to ``end`` (month, day) and may cross the new year (11-15 → 03-15).
    A season already running on the delivery day does not count: the owner gets ``count`` whole seasons.
    """
    if count <= 0:
        return delivered
    found = 0
    year = delivered.year - 1
    while True:
        begins = _on(year, start)
        ends = _on(year + 1 if end < start else year, end)
        if begins >= delivered:
            found += 1
            if found == count:
                return ends
        year += 1


def expires_on(item: str, delivered: datetime.date, periods: Periods = DEFAULT_PERIODS) -> datetime.date:
    if item == WarrantyItem.STRUCTURE:
        return add_months(delivered, periods.design_life_years * 12)
    if item == WarrantyItem.HEATING_COOLING:
        return seasons_expiry(delivered, periods.heating_cooling_seasons, periods.season_start, periods.season_end)
    months = {
        WarrantyItem.ROOF_WATERPROOFING: periods.roof_waterproofing_months,
        WarrantyItem.LEAKAGE: periods.leakage_months,
        WarrantyItem.ELECTRICAL_PLUMBING: periods.electrical_plumbing_months,
        WarrantyItem.DECORATION: periods.decoration_months,
    }
    if item not in months:
        raise ValueError(f"unknown warranty item {item!r}")
    return add_months(delivered, months[WarrantyItem(item)])


def is_covered(item: str, delivered: datetime.date, reported_on: datetime.date, periods: Periods = DEFAULT_PERIODS) -> bool:
    return reported_on <= expires_on(item, delivered, periods)
