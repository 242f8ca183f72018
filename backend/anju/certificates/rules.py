"""The certificate clocks of domain rules §5.3 as pure functions. Every period runs through ``sales.rules.period_end``:
day 1 is the day after the start, and a last day on a rest day moves to the next working day (民法典 第201、203条).

Worked example (domain rules §5.3): delivered 2024-05-20 → developer documents due 2024-07-19; transfer registration
due 2024-08-19 (day 90 is Sunday 2024-08-18, moved to Monday)."""

from __future__ import annotations

import datetime

from anju.certificates.choices import SaleKind
from anju.sales.rules import period_end

DEVELOPER_DOCUMENTS_DAYS = 60  # S14 第34条: the developer submits the registration documents ≤ 60 days after delivery
TRANSFER_REGISTRATION_DAYS = 90  # S2 第32条: presale ≤ 90 days after delivery; 现售 ≤ 90 days after signing
PRE_REGISTRATION_DAYS = 90  # 民法典 第221条: 预告登记 lapses 90 days after registration becomes possible


def developer_documents_due(delivered_on: datetime.date) -> datetime.date:
    return period_end(delivered_on, DEVELOPER_DOCUMENTS_DAYS)


def transfer_registration_due(
    *, sale_kind: str, delivered_on: datetime.date | None, signed_on: datetime.date
) -> datetime.date | None:
    """From delivery for a presale (``None`` until delivered), from signing for a 现售."""
    if sale_kind == SaleKind.COMPLETED:
        return period_end(signed_on, TRANSFER_REGISTRATION_DAYS)
    return period_end(delivered_on, TRANSFER_REGISTRATION_DAYS) if delivered_on else None


def pre_registration_lapses(first_registration_on: datetime.date | None) -> datetime.date | None:
    """The 首次登记 makes registration possible (R5.10): the pre-registration lapses 90 days later."""
    return period_end(first_registration_on, PRE_REGISTRATION_DAYS) if first_registration_on else None


def sale_kind(*, measured_at_signing: bool) -> str:
    """As sales decides 现房: a unit with a measured area sells without a presale permit (deals._check_unit_sellable)."""
    return SaleKind.COMPLETED if measured_at_signing else SaleKind.PRESALE


def days_left(due_on: datetime.date, today: datetime.date) -> int:
    """Whole days until the deadline (0 on the day, negative once missed)."""
    return (due_on - today).days
