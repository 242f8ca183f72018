"""One contract's settlement line: its inputs (the contract, the unit's measured areas, the fee schedule) and its
figures from the engine, as the field values of a ``SettlementLine``. No writes here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from anju.properties.models import Unit
from anju.sales.choices import AreaClause, PricingBasis
from anju.sales.models import Contract
from anju.sales.selectors import sales_settings
from anju.settlement import rules
from anju.settlement.choices import PriceSource, Regime
from anju.settlement.models import SettlementLine

ZERO = Decimal("0.00")
INPUTS = [
    "pricing_basis",
    "area_clause",
    "contract_area",
    "measured_area",
    "contract_inner_area",
    "measured_inner_area",
    "unit_price",
    "price_source",
    "threshold_percent",
    "excess_multiplier",
]
FIGURES = [
    "ratio",
    "inner_ratio",
    "withdrawal_right",
    "buyer_pays",
    "developer_refunds",
    "developer_absorbs",
    "charged_area",
    "single_refund_area",
    "double_refund_area",
    "absorbed_area",
    "deed_tax",
    "registration_fee",
]


def is_measured(unit: Unit) -> bool:
    return unit.measured_gross_area is not None and unit.measured_internal_area is not None


def regime_of(line: SettlementLine) -> str:
    """The regime that settled ``line`` (derived from its stored inputs, so the 结算单 of an old line stays right)."""
    if not line.settles:
        return Regime.WHOLE_UNIT
    if line.area_clause == AreaClause.CUSTOM:
        return Regime.CUSTOM
    if line.area_clause == AreaClause.STATUTORY:
        return Regime.STATUTORY
    return Regime.MODEL_INNER if line.pricing_basis == PricingBasis.INNER_AREA else Regime.MODEL_GROSS


def reason_not_settled(line: SettlementLine) -> str:
    if line.settles:
        return ""
    return _("Priced per unit: the total price stands, no area settlement (Order No. 88 art. 19).")


def compute(contract: Contract, unit: Unit) -> dict[str, Any]:
    """The line's inputs and figures for ``contract`` on its (measured) ``unit``, as stored."""
    return stored(_compute(contract, unit))


def _compute(contract: Contract, unit: Unit) -> dict[str, Any]:
    fees = sales_settings(contract.project_id)
    measured_gross = unit.measured_gross_area or contract.gross_area
    measured_internal = unit.measured_internal_area or contract.internal_area
    terms = rules.terms_for(
        basis=contract.pricing_basis,
        clause=contract.area_clause,
        gross_area=contract.gross_area,
        internal_area=contract.internal_area,
        measured_gross_area=measured_gross,
        measured_internal_area=measured_internal,
        threshold_percent=contract.area_threshold_percent,
        excess_multiplier=contract.excess_refund_multiplier,
    )
    if terms is None:  # 按套: listed, zero figures
        deed_tax, registration = rules.certificate_fees(
            total_price=contract.total_price,
            net=ZERO,
            deed_tax_percent=fees.deed_tax_percent,
            registration_fee=fees.registration_fee,
        )
        return {
            "pricing_basis": contract.pricing_basis,
            "area_clause": contract.area_clause,
            "contract_area": contract.gross_area,
            "measured_area": measured_gross,
            "contract_inner_area": contract.internal_area,
            "measured_inner_area": measured_internal,
            "unit_price": ZERO,
            "price_source": PriceSource.NONE,
            "threshold_percent": rules.STATUTORY_THRESHOLD,
            "excess_multiplier": rules.STATUTORY_MULTIPLIER,
            "settles": False,
            "ratio": (measured_gross - contract.gross_area) / contract.gross_area,
            "inner_ratio": None,
            "withdrawal_right": False,
            **dict.fromkeys(["buyer_pays", "developer_refunds", "developer_absorbs"], ZERO),
            **dict.fromkeys(["charged_area", "single_refund_area", "double_refund_area", "absorbed_area"], ZERO),
            "deed_tax": deed_tax,
            "registration_fee": registration,
        }
    price, source = rules.price_per_m2(
        unit_price=contract.unit_price, total_price=contract.total_price, priced_area=terms.contract_area
    )
    result = rules.settle(
        contract_area=terms.contract_area,
        measured_area=terms.measured_area,
        unit_price=price,
        contract_inner_area=terms.contract_inner_area,
        measured_inner_area=terms.measured_inner_area,
        threshold_percent=terms.threshold_percent,
        excess_multiplier=terms.excess_multiplier,
    )
    deed_tax, registration = rules.certificate_fees(
        total_price=contract.total_price,
        net=result.net,
        deed_tax_percent=fees.deed_tax_percent,
        registration_fee=fees.registration_fee,
    )
    # Both 套内 areas are kept for the record (R1.5: the contract states them) even where they do not decide.
    return {
        "pricing_basis": contract.pricing_basis,
        "area_clause": contract.area_clause,
        "contract_area": terms.contract_area,
        "measured_area": terms.measured_area,
        "contract_inner_area": contract.internal_area if contract.pricing_basis == PricingBasis.BUILDING_AREA else None,
        "measured_inner_area": measured_internal if contract.pricing_basis == PricingBasis.BUILDING_AREA else None,
        "unit_price": price,
        "price_source": source,
        "threshold_percent": terms.threshold_percent,
        "excess_multiplier": terms.excess_multiplier,
        "settles": True,
        "ratio": result.ratio,
        "inner_ratio": result.inner_ratio,
        "withdrawal_right": result.withdrawal_right,
        "buyer_pays": result.buyer_pays,
        "developer_refunds": result.developer_refunds,
        "developer_absorbs": result.developer_absorbs,
        "charged_area": result.charged_area,
        "single_refund_area": result.single_refund_area,
        "double_refund_area": result.double_refund_area,
        "absorbed_area": result.absorbed_area,
        "deed_tax": deed_tax,
        "registration_fee": registration,
    }


RATIO_PLACES = Decimal("1E-10")
AREA_PLACES = Decimal("0.0001")


def stored(values: dict[str, Any]) -> dict[str, Any]:
    """The values as the columns hold them: ratios to 10 places, the area splits to 0.0001 m² (display only: the
    money was computed from the exact figures)."""
    result = dict(values)
    for name in ("ratio", "inner_ratio"):
        if result.get(name) is not None:
            result[name] = result[name].quantize(RATIO_PLACES)
    for name in ("charged_area", "single_refund_area", "double_refund_area", "absorbed_area"):
        result[name] = result[name].quantize(AREA_PLACES)
    return result


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def snapshot(line: SettlementLine) -> dict[str, Any]:
    """The line's inputs and figures as JSON (what ``previous`` keeps)."""
    return {name: _plain(getattr(line, name)) for name in [*INPUTS, *FIGURES]}


def differences(line: SettlementLine, values: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every input or figure that ``values`` changes (Decimals compared by value)."""
    changed = {}
    for name in [*INPUTS, *FIGURES]:
        old, new = getattr(line, name), values.get(name)
        same = old == new if not (isinstance(old, Decimal) and isinstance(new, Decimal)) else old.compare(new) == 0
        if not same:
            changed[name] = [_plain(old), _plain(new)]
    return changed


def percent_text(ratio: Decimal) -> str:
    """A ratio as a signed percentage with two places (+5.00, -5.00)."""
    value = rules.percent(ratio)
    return f"+{value}" if value > 0 else str(value)
