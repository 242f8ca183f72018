"""Warranty expiry: the worked examples of the domain rules (§2.2) and the issue."""

from __future__ import annotations

import datetime as dt

import pytest

from anju.warranty.rules import DEFAULT_PERIODS, Periods, WarrantyItem, add_months, expires_on, is_covered, seasons_expiry

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2024, 2, 29), 24, D(2026, 2, 28)),  # the example: 29 Feb does not exist in 2026
        (D(2023, 12, 31), 2, D(2024, 2, 29)),  # 管道堵塞 2 months: 31 Feb → month end (leap year)
        (D(2023, 12, 31), 6, D(2024, 6, 30)),  # 灯具、电器开关 6 months
        (D(2023, 12, 31), 12, D(2024, 12, 31)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 6, 30), 60, D(2029, 6, 30)),
    ],
)
def test_corresponding_day_or_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # W-example, "Shandong-style" column = the default policy (条例 periods from delivery 2023-12-31).
        (WarrantyItem.ROOF_WATERPROOFING, D(2028, 12, 31)),
        (WarrantyItem.LEAKAGE, D(2028, 12, 31)),
        (WarrantyItem.ELECTRICAL_PLUMBING, D(2025, 12, 31)),
        (WarrantyItem.DECORATION, D(2025, 12, 31)),
        (WarrantyItem.STRUCTURE, D(2073, 12, 31)),  # design life 50 years
    ],
)
def test_domain_worked_example_default_policy(item: str, expected: dt.date) -> None:
    assert expires_on(item, D(2023, 12, 31)) == expected


def test_reported_on_the_expiry_day_is_covered_and_the_day_after_is_not() -> None:
    delivered = D(2024, 2, 29)
    assert expires_on(WarrantyItem.DECORATION, delivered) == D(2026, 2, 28)
    assert is_covered(WarrantyItem.DECORATION, delivered, D(2026, 2, 28))
    assert not is_covered(WarrantyItem.DECORATION, delivered, D(2026, 3, 1))


def test_heating_seasons_are_whole_seasons_after_delivery() -> None:
    # Season 11-15 → 03-15. Delivered in summer: seasons 2024/25 and 2025/26.
    assert expires_on(WarrantyItem.HEATING_COOLING, D(2024, 6, 30)) == D(2026, 3, 15)
    # Delivered mid-season: that season does not count.
    assert expires_on(WarrantyItem.HEATING_COOLING, D(2024, 12, 1)) == D(2027, 3, 15)
    # Delivered on the first day of a season: it counts.
    assert expires_on(WarrantyItem.HEATING_COOLING, D(2024, 11, 15)) == D(2026, 3, 15)


def test_a_cooling_season_inside_one_year() -> None:
    cooling = Periods(season_start=(6, 1), season_end=(9, 30))
    assert seasons_expiry(D(2024, 7, 1), 2, (6, 1), (9, 30)) == D(2026, 9, 30)
    assert expires_on(WarrantyItem.HEATING_COOLING, D(2024, 5, 20), cooling) == D(2025, 9, 30)


def test_a_project_may_promise_longer() -> None:
    longer = Periods(decoration_months=36, design_life_years=70)
    assert expires_on(WarrantyItem.DECORATION, D(2024, 6, 30), longer) == D(2027, 6, 30)
    assert expires_on(WarrantyItem.STRUCTURE, D(2024, 6, 30), longer) == D(2094, 6, 30)
    assert DEFAULT_PERIODS.decoration_months == 24


def test_unknown_item_is_refused() -> None:
    with pytest.raises(ValueError):
        expires_on("garden", D(2024, 6, 30))
