"""A contract's settled difference is the latest binding batch's line; drafts and reviews do not bind."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from anju.mortgage.tests.factories import contract as make_contract
from anju.settlement import rules
from anju.settlement.models import SettlementBatch, SettlementLine
from anju.settlement.selectors import settled_difference


def _line(world, contract, status, measured, number):
    batch = SettlementBatch.objects.create(
        number=number, project=world.project_a, building=world.building_a, status=status, approved_at=timezone.now()
    )
    figures = rules.settle(contract_area=Decimal("100.00"), measured_area=Decimal(measured), unit_price=Decimal("10000"))
    return SettlementLine.objects.create(
        batch=batch,
        project=world.project_a,
        contract=contract,
        unit=contract.unit,
        pricing_basis="building_area",
        area_clause="statutory",
        contract_area=Decimal("100.00"),
        measured_area=Decimal(measured),
        unit_price=Decimal("10000"),
        ratio=figures.ratio,
        withdrawal_right=figures.withdrawal_right,
        buyer_pays=figures.buyer_pays,
        developer_refunds=figures.developer_refunds,
        developer_absorbs=figures.developer_absorbs,
        charged_area=figures.charged_area,
        single_refund_area=figures.single_refund_area,
        double_refund_area=figures.double_refund_area,
        absorbed_area=figures.absorbed_area,
    )


def test_only_a_binding_batch_counts_and_the_latest_wins(world):
    contract = make_contract(world, plan="full_payment", loan=Decimal("0"))
    assert settled_difference(contract.pk) is None
    _line(world, contract, "reviewed", "102.00", "BC1")
    assert settled_difference(contract.pk) is None
    approved = _line(world, contract, "approved", "101.00", "BC2")
    found = settled_difference(contract.pk)
    assert found is not None and found.settlement_id == approved.pk
    assert (found.buyer_pays, found.developer_refunds, found.withdrawal_right) == (Decimal("10000.00"), Decimal("0.00"), False)
    later = _line(world, contract, "posted", "96.00", "BC3")
    found = settled_difference(contract.pk)
    assert found is not None and found.settlement_id == later.pk
    assert found.developer_refunds == Decimal("50000.00") and found.withdrawal_right is True  # 3 m² + 1 m² × 2
