"""The certificate clocks as pure functions, with the worked example of domain rules §5.3."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from anju.certificates import rules
from anju.certificates.choices import SaleKind
from anju.core import national_calendar

D = datetime.date


@pytest.fixture(autouse=True)
def _weekends_only() -> Iterator[None]:
    saved = list(national_calendar._readers)
    national_calendar._readers.clear()  # plain weekends unless a test registers its holidays
    yield
    national_calendar._readers[:] = saved


def test_the_worked_example_developer_documents_60_days_after_delivery() -> None:
    assert rules.developer_documents_due(D(2024, 5, 20)) == D(2024, 7, 19)


def test_the_worked_example_transfer_day_90_on_a_sunday_moves_to_monday() -> None:
    assert rules.transfer_registration_due(sale_kind=SaleKind.PRESALE, delivered_on=D(2024, 5, 20), signed_on=D(2023, 1, 5)) == D(
        2024, 8, 19
    )


def test_a_presale_transfer_clock_waits_for_delivery() -> None:
    assert rules.transfer_registration_due(sale_kind=SaleKind.PRESALE, delivered_on=None, signed_on=D(2024, 3, 1)) is None


def test_a_completed_home_sale_counts_90_days_from_signing_not_delivery() -> None:
    # signed Monday 2024-03-04: day 90 is Sunday 2024-06-02 → Monday 06-03, whatever the delivery date
    due = rules.transfer_registration_due(sale_kind=SaleKind.COMPLETED, delivered_on=D(2024, 5, 20), signed_on=D(2024, 3, 4))
    assert due == D(2024, 6, 3)


def test_a_deadline_in_the_national_day_holiday_moves_past_it() -> None:
    holiday = {D(2024, 10, d): True for d in range(1, 8)}
    national_calendar.register(lambda first, last: {d: v for d, v in holiday.items() if first <= d <= last})
    # delivered 2024-07-03: day 90 is 2024-10-01 (国庆, rest until 10-07) → the first working day 2024-10-08
    assert rules.transfer_registration_due(sale_kind=SaleKind.PRESALE, delivered_on=D(2024, 7, 3), signed_on=D(2024, 1, 1)) == D(
        2024, 10, 8
    )


def test_pre_registration_lapses_90_days_after_the_initial_registration() -> None:
    assert rules.pre_registration_lapses(D(2024, 9, 2)) == D(2024, 12, 2)
    assert rules.pre_registration_lapses(None) is None


@pytest.mark.parametrize(("measured", "kind"), [(True, SaleKind.COMPLETED), (False, SaleKind.PRESALE)])
def test_the_sale_kind_follows_the_measured_area_at_signing(measured: bool, kind: str) -> None:
    assert rules.sale_kind(measured_at_signing=measured) == kind


def test_days_left_is_negative_once_missed() -> None:
    assert rules.days_left(D(2024, 8, 19), D(2024, 8, 19)) == 0
    assert rules.days_left(D(2024, 8, 19), D(2024, 8, 21)) == -2
