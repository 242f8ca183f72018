"""The 3 % engine over the worked examples of domain rules §1.4, the float traps of §1.3 and properties that hold
for every input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anju.settlement import rules

D = Decimal


@pytest.mark.parametrize(
    ("name", "contract", "measured", "price", "ratio", "withdraw", "pays", "refunds", "absorbs"),
    [
        ("E1", "100.00", "102.00", "20000", "2.00", False, "40000.00", "0.00", "0.00"),
        ("E2", "100.00", "98.50", "20000", "-1.50", False, "0.00", "30000.00", "0.00"),
        ("E3", "100.00", "105.00", "20000", "5.00", True, "60000.00", "0.00", "40000.00"),
        ("E4", "100.00", "95.00", "20000", "-5.00", True, "0.00", "140000.00", "0.00"),
        ("E5", "120.00", "123.60", "15000", "3.00", False, "54000.00", "0.00", "0.00"),
        ("E6", "120.00", "116.40", "15000", "-3.00", False, "0.00", "54000.00", "0.00"),
        ("E9", "80.00", "82.00", "25000", "2.50", False, "50000.00", "0.00", "0.00"),  # 套内 pricing, GF-2014 opt. 1
    ],
)
def test_worked_examples(name, contract, measured, price, ratio, withdraw, pays, refunds, absorbs):  # noqa: PLR0917
    result = rules.settle(contract_area=D(contract), measured_area=D(measured), unit_price=D(price))
    assert result.ratio_percent == D(ratio), name
    assert result.withdrawal_right is withdraw, name
    assert (result.buyer_pays, result.developer_refunds, result.developer_absorbs) == (D(pays), D(refunds), D(absorbs))


def test_e4_splits_the_refund_into_single_and_double_area():
    result = rules.settle(contract_area=D("100.00"), measured_area=D("95.00"), unit_price=D("20000"))
    assert (result.single_refund_area, result.double_refund_area) == (D("3.0000"), D("2.0000"))
    assert result.net == D("-140000.00")


@pytest.mark.parametrize(
    ("contract", "measured"), [("80.00", "82.40"), ("88.00", "90.64"), ("90.00", "92.70"), ("130.00", "133.90")]
)
def test_an_exact_three_percent_never_grants_withdrawal(contract, measured):
    """With floats these come out a hair above 3 % (§1.3); in Decimal they are exactly 3 %."""
    result = rules.settle(contract_area=D(contract), measured_area=D(measured), unit_price=D("10000"))
    assert result.withdrawal_right is False
    assert result.ratio_percent == D("3.00")
    assert result.developer_absorbs == D("0.00")


def test_the_ratio_is_compared_before_rounding():
    """125.50 → 129.27 is +3.0040 %: shown as 3.00 but beyond 3 %, so the buyer may withdraw."""
    result = rules.settle(contract_area=D("125.50"), measured_area=D("129.27"), unit_price=D("10000"))
    assert result.ratio_percent == D("3.00")
    assert result.withdrawal_right is True
    assert result.charged_area == D("3.7650") and result.absorbed_area == D("0.0050")
    assert result.buyer_pays == D("37650.00") and result.developer_absorbs == D("50.00")


def test_gross_pricing_with_the_internal_area_beyond_three_percent_grants_withdrawal_but_pays_on_gross():
    """GF-2014 option 2: 建筑面积 +1 % but 套内 -4 %: the buyer may withdraw; a buyer who stays pays for 1 m²."""
    result = rules.settle(
        contract_area=D("100.00"),
        measured_area=D("101.00"),
        unit_price=D("20000"),
        contract_inner_area=D("80.00"),
        measured_inner_area=D("76.80"),
    )
    assert result.withdrawal_right is True
    assert result.inner_ratio == D("-0.04")
    assert (result.buyer_pays, result.developer_refunds) == (D("20000.00"), D("0.00"))


def test_a_contract_clause_with_its_own_threshold_and_multiplier():
    result = rules.settle(
        contract_area=D("100.00"),
        measured_area=D("97.00"),
        unit_price=D("10000"),
        threshold_percent=D("2"),
        excess_multiplier=D("1.5"),
    )
    assert result.withdrawal_right is True
    assert result.developer_refunds == D("35000.00")  # 2 m² × 10,000 + 1 m² × 15,000


def test_money_is_rounded_once_half_up():
    result = rules.settle(contract_area=D("89.37"), measured_area=D("89.52"), unit_price=D("18888.33"))
    assert result.buyer_pays == D("2833.25")  # 0.15 × 18,888.33 = 2,833.2495 → 2,833.25


@pytest.mark.parametrize(
    "bad",
    [
        {"contract_area": D("0")},
        {"measured_area": D("-1")},
        {"unit_price": D("0")},
        {"contract_inner_area": D("80"), "measured_inner_area": None},
    ],
)
def test_bad_input_is_refused(bad):
    values = {"contract_area": D("100"), "measured_area": D("101"), "unit_price": D("100"), **bad}
    with pytest.raises(ValueError):
        rules.settle(**values)


areas = st.decimals(min_value=D("20.00"), max_value=D("500.00"), places=2)
prices = st.decimals(min_value=D("1000.00"), max_value=D("200000.00"), places=2)


@given(contract=areas, measured=areas, price=prices)
def test_properties_of_every_settlement(contract, measured, price):
    result = rules.settle(contract_area=contract, measured_area=measured, unit_price=price)
    band = contract * D("0.03")
    assert result.developer_refunds >= 0 and result.buyer_pays >= 0 and result.developer_absorbs >= 0
    assert not (result.buyer_pays and result.developer_refunds)
    # The buyer never pays for area beyond +3 %.
    assert result.charged_area <= band
    assert result.buyer_pays <= rules.money(band * price)
    # A double refund only beyond 3 %.
    if abs(measured - contract) <= band:
        assert result.double_refund_area == 0 and result.developer_absorbs == 0
        assert result.withdrawal_right is False
    else:
        assert result.withdrawal_right is True
    # The areas add up to the difference.
    diff = measured - contract
    assert result.charged_area + result.absorbed_area - result.single_refund_area - result.double_refund_area == diff


# --- E11: the rescission refund and its interest (R1.8) ----------------------------------------------------------


@pytest.mark.django_db
def test_e11_refund_with_interest_from_each_payment_date():
    import datetime

    from anju.sales.rules import period_end

    payments = [(datetime.date(2023, 1, 10), Decimal("600000")), (datetime.date(2023, 2, 15), Decimal("400000"))]
    refund = rules.rescission_refund(payments=payments, refund_on=datetime.date(2024, 3, 10), annual_rate_percent=Decimal("4.35"))
    assert [(line.days, line.interest) for line in refund.lines] == [(425, Decimal("30390.41")), (389, Decimal("18544.11"))]
    assert refund.principal == Decimal("1000000") and refund.interest == Decimal("48934.52")
    assert refund.total == Decimal("1048934.52")
    notice = datetime.date(2024, 3, 1)
    # 15 days under GF-2014 (day 15 is 2024-03-16), 30 under 88号令 (2024-03-31): the start day is not counted
    # (民法典 第201条); a period ending on a rest day ends on the next working day (第203条: 03-16 is a Saturday).
    assert notice + datetime.timedelta(days=15) == datetime.date(2024, 3, 16)
    assert period_end(notice, 15) == datetime.date(2024, 3, 18)
    assert period_end(notice, 30) == datetime.date(2024, 4, 1)  # 03-31 is a Sunday


def test_a_payment_on_or_after_the_refund_date_earns_no_interest():
    import datetime

    day = datetime.date(2024, 3, 10)
    refund = rules.rescission_refund(
        payments=[(day, Decimal("100")), (day + datetime.timedelta(days=3), Decimal("50"))],
        refund_on=day,
        annual_rate_percent=Decimal("5"),
    )
    assert refund.interest == Decimal("0.00") and refund.principal == Decimal("150")


@pytest.mark.parametrize(
    ("contract", "measured", "crosses"),
    [
        ("89.50", "90.00", False),
        ("89.50", "90.01", True),
        ("90.00", "92.00", True),
        ("92.00", "89.99", True),
        ("95.00", "96.00", False),
    ],
)
def test_the_tax_threshold_is_crossed_only_when_the_measured_area_changes_side(contract, measured, crosses):
    assert (
        rules.crosses_tax_threshold(contract_area=Decimal(contract), measured_area=Decimal(measured), threshold=Decimal("90"))
        is crosses
    )
