"""The legal clocks of a sale, as pure functions (no database): the filing deadline (R5.1, R5.2) and the shares.

A period counted in days starts on the day after the event (民法典 第二百零一条: the day of signing is not
counted, so the next day is day 1) and ends at the end of its last day; a last day on a weekend or statutory rest day
moves to the first working day after it (第二百零三条, ``core.national_calendar``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
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
