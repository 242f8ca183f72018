"""The legal clocks of a sale, as pure functions (no database): the filing deadline (R5.1, R5.2) and the shares.

A period counted in days starts on the day after the event (民法典 第二百零一条: the day of signing is not
counted, so the next day is day 1) and ends at the end of its last day; a last day on a weekend or statutory rest day
moves to the first working day after it (第二百零三条, ``core.national_calendar``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from anju.core import national_calendar

FILING_DAYS = 30  # R5.1: a presale contract is filed within 30 days of signing (GF-2014: no more than 30)
HUNDRED = Decimal("100.00")
MAX_MONEY = Decimal("999999999999.99")  # what a money column (14 digits, 2 places) holds
CENT = Decimal("0.01")


def period_end(start: datetime.date, days: int) -> datetime.date:
    """The last day of a period of ``days`` days counted from the day after ``start`` (moved past rest days)."""
    return national_calendar.last_day_of_period(start + datetime.timedelta(days=days))


def filing_due_on(signed_on: datetime.date, days: int = FILING_DAYS) -> datetime.date:
    """网签备案 deadline: signed 2026-03-02 → day 1 is 03-03, day 30 is 04-01 (a Wednesday): due 2026-04-01."""
    return period_end(signed_on, days)


def shares_complete(shares: Iterable[Decimal]) -> bool:
    """The buyers' shares add up to exactly 100.00 % and each is positive."""
    values = list(shares)
    return bool(values) and all(v > 0 for v in values) and sum(values, Decimal("0")) == HUNDRED


def money(value: Decimal) -> Decimal:
    """Rounded to the fen, half up (the way a receipt is written)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def agreed_total(basis: str, unit_price: Decimal | None, area: Decimal | None, total: Decimal | None) -> Decimal:
    """The agreed total: per unit it is the total given; per area it is unit price times area, to the fen."""
    if basis == "whole_unit":
        if total is None:
            raise ValueError("a per-unit price needs a total")
        return money(total)
    if unit_price is None or area is None:
        raise ValueError("a price per area needs the unit price and the area")
    return money(unit_price * area)


def discount_percent(list_price: Decimal | None, agreed: Decimal) -> Decimal:
    """How far below the list price the agreed total is, in percent with two places (0 without a list price)."""
    if not list_price or agreed >= list_price:
        return Decimal("0.00")
    return money((list_price - agreed) / list_price * HUNDRED)


@dataclass(frozen=True)
class HandoverFees:
    """The fees a 入伙通知书 lists for one unit besides the price balance and the area difference (R3.9).

    None of them may be a condition of inspection or handover (GF-2014 第十一条): they are listed, never enforced.
    """

    maintenance_fund: Decimal  # 专项维修资金, paid into the owners' special account
    deed_tax: Decimal  # 契税, paid to the tax office before registration
    registration_fee: Decimal  # 登记费, per case
    property_fee: Decimal  # prepaid 物业费: months × rate × 建筑面积

    @property
    def total(self) -> Decimal:
        return self.maintenance_fund + self.deed_tax + self.registration_fee + self.property_fee


def handover_fees(
    *,
    gross_area: Decimal,
    total_price: Decimal,
    fund_basis: str,
    fund_rate: Decimal,
    deed_tax_percent: Decimal,
    registration_fee: Decimal,
    property_fee_rate: Decimal,
    property_fee_months: int,
) -> HandoverFees:
    """Each fee to the fen, half up. ``gross_area`` is the measured 建筑面积 when there is one, else the contract's;
    ``fund_basis`` is ``per_m2`` (rate in 元/m²) or ``percent`` (rate in % of the price)."""
    fund = gross_area * fund_rate if fund_basis == "per_m2" else total_price * fund_rate / HUNDRED
    return HandoverFees(
        maintenance_fund=money(fund),
        deed_tax=money(total_price * deed_tax_percent / HUNDRED),
        registration_fee=money(registration_fee),
        property_fee=money(property_fee_rate * gross_area * property_fee_months),
    )
