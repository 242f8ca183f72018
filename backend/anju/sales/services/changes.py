"""Contract changes (换房 / 更名·增减共有人 / 退房·解约): a consultant asks, a 客服主管 or 管理层 approves, and the
approval applies the change in the same transaction (or a rejection leaves the contract as it was)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from anju.accounts.models import User
from anju.core.errors import ApplicationError
from anju.core.events import record_event
from anju.customers.models import Customer
from anju.notifications.services import notify
from anju.properties.choices import UnitStatus
from anju.properties.models import Unit
from anju.properties.scope import active_users_in_role
from anju.sales import rules, selectors, signals
from anju.sales.choices import ChangeKind, ContractStatus, ReceivableKind
from anju.sales.errors import ErrorCode
from anju.sales.events import SalesEvent
from anju.sales.models import Contract, ContractBuyer, ContractChange, Receivable
from anju.sales.rules import money
from anju.sales.services import deals
from anju.sales.services.common import ensure_live, lock_contract
from anju.sales.workflow import CHANGE, ChangeAction


def _invalid(field: str, message: str, code: StrEnum = ErrorCode.CONTRACT_CHANGE_INVALID) -> ApplicationError:
    return ApplicationError(code, message, fields={field: [message]})


@transaction.atomic
def request_change(
    *,
    actor: User,
    contract: Contract,
    kind: str,
    reason: str,
    new_unit: Unit | None = None,
    new_total_price: Decimal | None = None,
    new_buyers: Sequence[deals.Buyer] = (),
) -> ContractChange:
    contract = lock_contract(contract)
    ensure_live(contract)
    if ContractChange.objects.filter(contract=contract, status="pending").exists():
        raise ApplicationError(
            ErrorCode.CONTRACT_CHANGE_ALREADY_PENDING,
            _("A change of this contract is already waiting for approval."),
            status_code=409,
        )
    payload: dict[str, Any] = {}
    if kind == ChangeKind.UNIT:
        if new_unit is None:
            raise _invalid("new_unit", _("Choose the new unit."))
        if new_unit.pk == contract.unit_id or new_unit.project_id != contract.project_id:
            raise _invalid("new_unit", _("Choose another unit of the same project."))
        if new_unit.status != UnitStatus.AVAILABLE:
            raise _invalid("new_unit", _("That unit is not available."), code=ErrorCode.UNIT_NOT_AVAILABLE)
        payload["new_unit"] = str(new_unit)
    elif kind == ChangeKind.BUYERS:
        deals._check_buyers(actor, new_buyers)
        payload["new_buyers"] = [b.customer.code for b in new_buyers]
    elif new_unit is not None or new_buyers:
        raise _invalid("kind", _("A cancellation names no new unit or buyers."))
    change = ContractChange.objects.create(
        contract=contract,
        kind=kind,
        reason=reason[:200],
        new_unit=new_unit if kind == ChangeKind.UNIT else None,
        new_total_price=money(new_total_price) if new_total_price is not None else None,
        new_buyers=[{"customer": b.customer.pk, "role": b.role, "share": str(b.share)} for b in new_buyers],
        requested_by=actor,
    )
    record_event(
        target=contract,
        type=SalesEvent.CHANGE_REQUESTED,
        actor=actor,
        note=reason[:200],
        data={"kind": kind, **payload},
        also_on=selectors.contract_audience(contract),
    )
    notify(
        [
            *active_users_in_role("service_supervisor", contract.project_id),
            *active_users_in_role("management", contract.project_id),
        ],
        kind="contract_change.requested",
        title=_("Contract %(number)s: a change waits for your approval") % {"number": contract.number},
        link=f"/sales/contracts/{contract.pk}",
    )
    return change


def _apply_unit_change(actor: User, change: ContractChange) -> dict[str, Any]:
    contract = lock_contract(change.contract)
    assert change.new_unit is not None
    new_unit = deals._lock_unit(change.new_unit)
    if new_unit.status != UnitStatus.AVAILABLE:
        raise deals._unit_taken()
    deals._check_unit_sellable(new_unit, timezone.localdate())
    old_unit = deals._lock_unit(contract.unit)
    buyers = [deals.Buyer(b.customer, b.role, b.share) for b in contract.buyers.select_related("customer")]
    deals._remove_owners(actor, contract)
    deals._set_unit_status(old_unit, UnitStatus.AVAILABLE)
    new_total = change.new_total_price or contract.total_price
    difference = new_total - contract.total_price
    contract.unit = new_unit
    contract.gross_area = new_unit.predicted_gross_area
    contract.internal_area = new_unit.predicted_internal_area
    contract.total_price = new_total
    if contract.status == ContractStatus.FILED:  # another unit: the contract is filed again (网签 changes need both parties)
        contract.status = ContractStatus.SIGNED
        contract.filing_number, contract.filed_on = "", None
        contract.filing_due_on = rules.filing_due_on(timezone.localdate())
    contract.version += 1
    contract.save()
    if difference:
        Receivable.objects.create(
            contract=contract, kind=ReceivableKind.OTHER, amount=difference, note=_("Price difference of the change of unit")
        )
    deals._make_owners(actor, contract, buyers, timezone.localdate())
    deals._set_unit_status(new_unit, UnitStatus.CONTRACTED)
    return {"from_unit": str(old_unit), "to_unit": str(new_unit), "price_difference": str(difference)}


def _apply_buyer_change(actor: User, change: ContractChange) -> dict[str, Any]:
    contract = lock_contract(change.contract)
    customers = {c.pk: c for c in Customer.objects.filter(pk__in=[b["customer"] for b in change.new_buyers])}
    buyers = [deals.Buyer(customers[b["customer"]], b["role"], Decimal(b["share"])) for b in change.new_buyers]
    deals._remove_owners(actor, contract)
    ContractBuyer.objects.filter(contract=contract).delete()
    ContractBuyer.objects.bulk_create(
        [ContractBuyer(contract=contract, customer=b.customer, role=b.role, share=b.share) for b in buyers]
    )
    deals._make_owners(actor, contract, buyers, timezone.localdate())
    contract.version += 1
    contract.save(update_fields=["version", "updated_at"])
    return {"buyers": [b.customer.code for b in buyers]}


def decide(*, actor: User, change: ContractChange, action: str, reason: str = "", version: int | None = None) -> ContractChange:
    def apply(current: ContractChange) -> dict[str, Any]:
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.decision_note = reason[:200]
        if action != ChangeAction.APPROVE:
            return {"kind": current.kind}
        if current.kind == ChangeKind.UNIT:
            result = _apply_unit_change(actor, current)
        elif current.kind == ChangeKind.BUYERS:
            result = _apply_buyer_change(actor, current)
        else:
            deals.cancel_contract(actor=actor, contract=current.contract, reason=current.reason, check_permission=False)
            result = {}
        if current.kind != ChangeKind.CANCELLATION:
            contract = Contract.objects.get(pk=current.contract_id)
            signals.contract_changed.send(sender=Contract, contract=contract, actor=actor, kind=current.kind)
        return {"kind": current.kind, **result}

    return CHANGE.perform(action, change, actor, version=version, reason=reason, change=apply)
