"""The sale's legal clocks and arithmetic as pure functions, with worked examples (domain rules §5.1, §1.1)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest

from anju.core import national_calendar
from anju.sales import rules


@pytest.fixture(autouse=True)
def _weekends_only() -> Iterator[None]:
    saved = list(national_calendar._readers)
    national_calendar.register(lambda first, last: {})  # plain weekends: these examples do not depend on holidays
    yield
    national_calendar._readers[:] = saved


@pytest.mark.parametrize(
    ("signed", "due"),
    [
        # day 1 is the day after signing; day 30 a Wednesday → that day
        (datetime.date(2026, 3, 2), datetime.date(2026, 4, 1)),
        # day 30 is Saturday 2026-05-30 → Monday 2026-06-01 (民法典 第二百零三条)
        (datetime.date(2026, 4, 30), datetime.date(2026, 6, 1)),
        # day 30 is Sunday 2024-08-18 → Monday 2024-08-19
        (datetime.date(2024, 7, 19), datetime.date(2024, 8, 19)),
        # across a year end: 2026-12-15 + 30 = 2027-01-14 (Thursday)
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 14)),
    ],
)
def test_given_a_signing_date_when_the_filing_deadline_is_computed_then_day_30_counts_from_the_next_day(
    signed: datetime.date, due: datetime.date
) -> None:
    assert rules.filing_due_on(signed) == due


def test_given_a_statutory_holiday_on_day_30_when_computed_then_the_deadline_moves_past_it() -> None:
    # 2026-10-01..07 national day holiday (rest days) in the table: signed 2026-09-01 → day 30 = 2026-10-01 → 10-08
    holiday = {datetime.date(2026, 10, d): True for d in range(1, 8)}
    national_calendar.register(lambda first, last: {d: v for d, v in holiday.items() if first <= d <= last})
    assert rules.filing_due_on(datetime.date(2026, 9, 1)) == datetime.date(2026, 10, 8)


@pytest.mark.parametrize(
    ("shares", "ok"),
    [
        ([Decimal("100.00")], True),
        ([Decimal("60.00"), Decimal("40.00")], True),
        ([Decimal("33.33"), Decimal("33.33"), Decimal("33.34")], True),
        ([Decimal("33.33"), Decimal("33.33"), Decimal("33.33")], False),
        ([Decimal("100.00"), Decimal("0.00")], False),
        ([], False),
    ],
)
def test_given_buyer_shares_when_checked_then_they_must_add_up_to_exactly_100(shares: list[Decimal], ok: bool) -> None:
    assert rules.shares_complete(shares) is ok


def test_given_a_price_per_area_when_totalled_then_it_is_rounded_half_up_to_the_fen() -> None:
    assert rules.agreed_total("building_area", Decimal("28888.88"), Decimal("89.37"), None) == Decimal("2581799.21")
    assert rules.agreed_total("whole_unit", None, None, Decimal("3000000")) == Decimal("3000000.00")
    assert rules.discount_percent(Decimal("3000000.00"), Decimal("2880000.00")) == Decimal("4.00")
    assert rules.discount_percent(None, Decimal("1.00")) == Decimal("0.00")


def test_handover_fees_per_square_metre():
    fees = rules.handover_fees(
        gross_area=Decimal("98.50"),
        total_price=Decimal("1970000.00"),
        fund_basis="per_m2",
        fund_rate=Decimal("80.00"),
        deed_tax_percent=Decimal("3.00"),
        registration_fee=Decimal("80"),
        property_fee_rate=Decimal("2.50"),
        property_fee_months=3,
    )
    assert fees.maintenance_fund == Decimal("7880.00")  # 98.50 m² × 80 元
    assert fees.deed_tax == Decimal("59100.00")  # 3 % of 1,970,000
    assert fees.registration_fee == Decimal("80.00")
    assert fees.property_fee == Decimal("738.75")  # 2.50 × 98.50 × 3
    assert fees.total == Decimal("67798.75")


def test_handover_fees_fund_as_share_of_price_rounds_half_up():
    fees = rules.handover_fees(
        gross_area=Decimal("88.33"),
        total_price=Decimal("1234567.25"),
        fund_basis="percent",
        fund_rate=Decimal("2.00"),
        deed_tax_percent=Decimal("1.00"),
        registration_fee=Decimal("80.00"),
        property_fee_rate=Decimal("1.85"),
        property_fee_months=12,
    )
    assert fees.maintenance_fund == Decimal("24691.35")  # 24,691.345 → half up
    assert fees.deed_tax == Decimal("12345.67")  # 12,345.6725
    assert fees.property_fee == Decimal("1960.93")  # 1.85 × 88.33 × 12 = 1,960.926
