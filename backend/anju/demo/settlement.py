"""Demo area settlements (面积补差): the survey report's measured areas for two buildings of 安居·滨江花园, then

- building A: an approved, notified and posted batch with a mix — most homes within ±3 % (small payments and
  refunds), one beyond +3 % (the buyer pays up to 3 %, the developer absorbs the rest), one beyond -3 % (withdrawal
  right; the buyer kept the home: single and double refund), and one contract priced per unit (listed, not settled);
- building B: a draft batch (some homes not measured yet, listed as missing).

Every step goes through the services the screens use (events on the batches, lines, contracts and units): drawn up by
the supervisor, reviewed by management (营销), approved, notified and posted by finance.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from anju.accounts.models import User
from anju.properties.models import Building, Project, Unit
from anju.properties.services import update_unit
from anju.sales.choices import LIVE_CONTRACT, EntryKind, EntryStatus, MoneyMethod, PricingBasis
from anju.sales.models import Contract, LedgerEntry
from anju.sales.services import ledger
from anju.settlement.services import batches

# Measured 建筑面积 as a per-mille change of the contract area, by the order of the building's contracts: the first
# two stories are the withdrawal-right cases, the rest stay within ±3 % (a few exactly on the contract area).
STORY = [Decimal("45"), Decimal("-42")]
WITHIN = [Decimal("8"), Decimal("-12"), Decimal("0"), Decimal("21"), Decimal("-5"), Decimal("30"), Decimal("-30"), Decimal("14")]
INTERNAL_SHARE = Decimal("0.80")


def _buildings(project: Project) -> list[Building]:
    """The project's buildings with the most live contracts first (the demo settles the busiest)."""
    ranked = []
    for building in Building.objects.filter(project=project).order_by("code"):
        count = Contract.objects.filter(unit__building=building, status__in=LIVE_CONTRACT).count()
        ranked.append((-count, building.code, building))
    return [b for _count, _code, b in sorted(ranked, key=lambda r: (r[0], r[1]))]


def _measure(admin: User, unit: Unit, gross: Decimal, per_mille: Decimal) -> None:
    measured = (gross * (1000 + per_mille) / 1000).quantize(Decimal("0.01"))
    internal = (unit.predicted_internal_area * (1000 + per_mille) / 1000).quantize(Decimal("0.01"))
    update_unit(actor=admin, unit=unit, measured_gross_area=measured, measured_internal_area=min(internal, measured))


def _survey(admin: User, building: Building, *, skip_every: int = 0) -> list[Contract]:
    contracts = list(
        Contract.objects.filter(unit__building=building, status__in=LIVE_CONTRACT)
        .select_related("unit")
        .order_by("unit__floor", "unit__stack")
    )
    for index, contract in enumerate(contracts):
        if skip_every and index % skip_every == 0:
            # not measured yet (the demo's units may carry areas from the project import: the survey replaces them)
            update_unit(actor=admin, unit=contract.unit, measured_gross_area=None, measured_internal_area=None)
            continue
        change = STORY[index] if index < len(STORY) and not skip_every else WITHIN[index % len(WITHIN)]
        _measure(admin, contract.unit, contract.gross_area, change)
    return contracts


def _settle_money(manager: User, finance: User, contracts: list[Contract]) -> None:
    """The homes were handed over long ago: the buyers paid what they owed and the refunds were approved."""
    today = timezone.localdate()
    for contract in contracts:
        for entry in LedgerEntry.objects.filter(contract=contract, kind=EntryKind.REFUND, status=EntryStatus.PENDING):
            ledger.decide_refund(actor=manager, entry=entry, action="approve")
        owed = ledger.balance_of(contract)
        if owed > 0:
            ledger.record_receipt(
                actor=finance,
                contract=contract,
                amount=owed,
                occurred_on=today,
                method=MoneyMethod.TRANSFER,
                note="面积补差及办证费用",
            )


def seed_settlement(users: dict[str, User], projects: dict[str, Project]) -> None:
    admin, supervisor, manager, finance = users["admin"], users["supervisor"], users["manager"], users["finance"]
    busiest = _buildings(projects["P001"])
    if len(busiest) < 2:
        return
    posted_building, draft_building = busiest[0], busiest[1]
    contracts = _survey(admin, posted_building)
    if len(contracts) > len(STORY):
        # One home of the building was sold per unit (按套): listed in the batch, not settled (R1.3).
        per_unit = contracts[len(STORY)]
        Contract.objects.filter(pk=per_unit.pk).update(pricing_basis=PricingBasis.WHOLE_UNIT, unit_price=None)
    batch = batches.create_batch(actor=supervisor, building=posted_building, note="2024年实测报告（沪测字第0630号）")
    for actor, action in ((manager, "review"), (finance, "approve"), (finance, "notify"), (finance, "post")):
        batch = batches.step(actor=actor, batch=batch, action=action)
    _settle_money(manager, finance, contracts)
    _survey(admin, draft_building, skip_every=3)
    batches.create_batch(actor=supervisor, building=draft_building, note="实测报告第二批，部分房屋待测")
