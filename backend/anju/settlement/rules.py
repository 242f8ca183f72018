"""The area-difference engine (面积补差): domain rules §1, as pure functions on ``Decimal`` (no database).

面积误差比 = (measured - contract) ÷ contract, compared exactly (never rounded first: 125.50 → 129.27 is +3.0040 %
and grants the withdrawal right; with floats 80.00 → 82.40 would wrongly exceed 3 %). Within the threshold (3 % by
88号令 第二十条 and GF-2014; inclusive) the price is settled at the measured area. Beyond it the buyer may withdraw
(退房); a buyer who keeps the home pays for the extra area only up to the threshold (the developer absorbs the rest)
and is refunded the missing area up to the threshold once and beyond it twice (the multiplier).

Under 建筑面积 pricing with the 套内 areas agreed too (GF-2014 第十三条 option 2), the withdrawal right arises when
either ratio exceeds the threshold, and the money follows the 建筑面积 ratio only. 按套 pricing has no settlement
(R1.3). Money is rounded once, at the end, to the fen, half up.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")
STATUTORY_THRESHOLD = Decimal("3")  # per cent (88号令 第二十条, GF-2014 第十三条)
STATUTORY_MULTIPLIER = Decimal("2")  # the missing area beyond the threshold is refunded at twice the price


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent(ratio: Decimal) -> Decimal:
    """A ratio as a percentage with two places, for display only."""
    return (ratio * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Settlement:
    """The figures of one contract's settlement, with the areas behind each amount (the audit trail)."""

    ratio: Decimal  # exact (measured - contract) / contract of the priced area
    inner_ratio: Decimal | None  # the 套内 ratio when both areas are agreed under 建筑面积 pricing
    withdrawal_right: bool
    buyer_pays: Decimal  # money the buyer owes for extra area
    developer_refunds: Decimal  # money the developer returns for missing area
    developer_absorbs: Decimal  # value of extra area beyond the threshold, not charged
    charged_area: Decimal  # extra area the buyer pays for
    single_refund_area: Decimal  # missing area refunded at the price
    double_refund_area: Decimal  # missing area beyond the threshold refunded at the multiplier
    absorbed_area: Decimal  # extra area beyond the threshold

    @property
    def ratio_percent(self) -> Decimal:
        return percent(self.ratio)

    @property
    def net(self) -> Decimal:
        """What changes hands: positive when the buyer pays, negative when the developer refunds."""
        return self.buyer_pays - self.developer_refunds


def _check_positive(**values: Decimal | None) -> None:
    for name, value in values.items():
        if value is not None and value <= ZERO:
            raise ValueError(f"{name} must be positive")


def settle(
    *,
    contract_area: Decimal,
    measured_area: Decimal,
    unit_price: Decimal,
    contract_inner_area: Decimal | None = None,
    measured_inner_area: Decimal | None = None,
    threshold_percent: Decimal = STATUTORY_THRESHOLD,
    excess_multiplier: Decimal = STATUTORY_MULTIPLIER,
) -> Settlement:
    """Settle one contract priced per area. ``contract_area``/``measured_area`` are the priced areas (套内 under
    套内 pricing, 建筑面积 under 建筑面积 pricing) and ``unit_price`` is per m² of that area; the optional 套内
    pair applies only under 建筑面积 pricing and only to the withdrawal right."""
    _check_positive(
        contract_area=contract_area,
        measured_area=measured_area,
        unit_price=unit_price,
        contract_inner_area=contract_inner_area,
        measured_inner_area=measured_inner_area,
        threshold_percent=threshold_percent,
    )
    if (contract_inner_area is None) != (measured_inner_area is None):
        raise ValueError("the internal areas come in pairs")
    if excess_multiplier < 1:
        raise ValueError("excess_multiplier must be at least 1")
    limit = threshold_percent / HUNDRED
    diff = measured_area - contract_area
    ratio = diff / contract_area
    band = contract_area * limit  # the area equivalent of the threshold
    inner_ratio = None
    if contract_inner_area is not None and measured_inner_area is not None:
        inner_ratio = (measured_inner_area - contract_inner_area) / contract_inner_area
    withdrawal = abs(ratio) > limit or (inner_ratio is not None and abs(inner_ratio) > limit)
    charged = single = double = absorbed = ZERO
    if diff > 0:
        charged = min(diff, band)
        absorbed = diff - charged
    elif diff < 0:
        single = min(-diff, band)
        double = -diff - single
    return Settlement(
        ratio=ratio,
        inner_ratio=inner_ratio,
        withdrawal_right=withdrawal,
        buyer_pays=money(charged * unit_price),
        developer_refunds=money(single * unit_price + double * unit_price * excess_multiplier),
        developer_absorbs=money(absorbed * unit_price),
        charged_area=charged,
        single_refund_area=single,
        double_refund_area=double,
        absorbed_area=absorbed,
    )


# --- Which rule applies to a contract ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Terms:
    """The engine's inputs for one contract: the priced areas, the 套内 pair when it decides the withdrawal right too,
    and the threshold and multiplier of the regime that applies."""

    regime: str  # settlement.choices.Regime
    contract_area: Decimal
    measured_area: Decimal
    contract_inner_area: Decimal | None
    measured_inner_area: Decimal | None
    threshold_percent: Decimal
    excess_multiplier: Decimal


def terms_for(
    *,
    basis: str,
    clause: str,
    gross_area: Decimal,
    internal_area: Decimal,
    measured_gross_area: Decimal,
    measured_internal_area: Decimal,
    threshold_percent: Decimal = STATUTORY_THRESHOLD,
    excess_multiplier: Decimal = STATUTORY_MULTIPLIER,
) -> Terms | None:
    """The terms under the contract's pricing basis and area clause; ``None`` under 按套 pricing (R1.3: no 3 %
    mechanism — the agreed total stands within the plan's tolerance).

    - 套内 basis: the 套内 areas alone (GF-2014 option 1, and 88号令 第二十条 on the priced area).
    - 建筑面积 basis, statutory clause: 88号令 第二十条 compares the registered with the contract area of the priced
      area only, so the 建筑面积 ratio decides both the right and the money (R1.4a).
    - 建筑面积 basis, model contract (GF-2014 option 2) or the contract's own clause: the withdrawal right arises when
      either the 建筑面积 or the 套内 ratio exceeds the threshold (R1.5, R1.7); the money follows the 建筑面积 ratio.
    - Only a ``custom`` clause uses the contract's own threshold and multiplier; the others are 3 % and twice.
    """
    if basis == "whole_unit":
        return None
    custom = clause == "custom"
    threshold = threshold_percent if custom else STATUTORY_THRESHOLD
    multiplier = excess_multiplier if custom else STATUTORY_MULTIPLIER
    if basis == "inner_area":
        regime = "custom" if custom else ("model_inner" if clause == "model_contract" else "statutory")
        return Terms(regime, internal_area, measured_internal_area, None, None, threshold, multiplier)
    if clause == "statutory":
        return Terms("statutory", gross_area, measured_gross_area, None, None, threshold, multiplier)
    return Terms(
        "custom" if custom else "model_gross",
        gross_area,
        measured_gross_area,
        internal_area,
        measured_internal_area,
        threshold,
        multiplier,
    )


def price_per_m2(*, unit_price: Decimal | None, total_price: Decimal, priced_area: Decimal) -> tuple[Decimal, str]:
    """The price per m² of the priced area: the contract's unit price when it states one; otherwise the total price
    divided by the contract's priced area, to the fen, half up (what the contract would have printed), with the
    source (``contract`` or ``derived``) kept on the line so the 结算单 says which one it was."""
    if unit_price is not None and unit_price > ZERO:
        return unit_price, "contract"
    return money(total_price / priced_area), "derived"


def certificate_fees(
    *, total_price: Decimal, net: Decimal, deed_tax_percent: Decimal, registration_fee: Decimal
) -> tuple[Decimal, Decimal]:
    """契税 on the settled price (the contract's total plus what the buyer pays, less what is refunded) and the
    registration fee, each to the fen — the fees the project may collect with the difference (R3.9, practice)."""
    return money((total_price + net) * deed_tax_percent / HUNDRED), money(registration_fee)


# --- Rescission: the refund and its interest (R1.8, E11) ---------------------------------------------------------

DAYS_IN_YEAR = Decimal("365")


@dataclass(frozen=True)
class InterestLine:
    paid_on: datetime.date
    amount: Decimal
    days: int
    interest: Decimal


@dataclass(frozen=True)
class RescissionRefund:
    principal: Decimal
    interest: Decimal
    lines: tuple[InterestLine, ...]

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


def rescission_refund(
    *, payments: Sequence[tuple[datetime.date, Decimal]], refund_on: datetime.date, annual_rate_percent: Decimal
) -> RescissionRefund:
    """Everything paid (the loan-funded part too) is refunded with simple interest at the agreed annual rate,
    actual/365, from each payment's date to the refund date; each payment's interest is rounded to the fen, half up
    (E11: 600,000 from 2023-01-10 and 400,000 from 2023-02-15 at 4.35 % refunded 2024-03-10 → 30,390.41 + 18,544.11).
    The rate and day count are contractual [D]; the rate may not be below the PBOC benchmark (the contract's concern).
    A payment dated on or after the refund date earns nothing."""
    if annual_rate_percent < ZERO:
        raise ValueError("the rate cannot be negative")
    lines = []
    for paid_on, amount in payments:
        days = max((refund_on - paid_on).days, 0)
        interest = money(amount * annual_rate_percent / HUNDRED * Decimal(days) / DAYS_IN_YEAR)
        lines.append(InterestLine(paid_on=paid_on, amount=amount, days=days, interest=interest))
    return RescissionRefund(
        principal=sum((a for _d, a in payments), ZERO),
        interest=sum((line.interest for line in lines), ZERO),
        lines=tuple(lines),
    )


# --- The tax preference threshold (R1.9) -------------------------------------------------------------------------


def crosses_tax_threshold(*, contract_area: Decimal, measured_area: Decimal, threshold: Decimal) -> bool:
    """The measured area puts the home on the other side of a 契税 area threshold (e.g. 90 m²: ≤ 90 is taxed at the
    lower rate) than the contract area did — the contract names who bears the extra tax (R1.9)."""
    return (contract_area <= threshold) != (measured_area <= threshold)
