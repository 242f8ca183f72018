"""The sales state machines as tables on the core workflow engine: subscriptions (认购), contracts (签约 → 备案,
解约), contract changes (换房 / 更名 / 退房, with approval), price-list versions (approval by 管理层) and refunds
(approval before they count on the ledger)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Guard, Tone, Transition, Workflow
from anju.sales.choices import (
    ChangeStatus,
    ContractStatus,
    EntryKind,
    EntryStatus,
    PriceListStatus,
    SubscriptionStatus,
)
from anju.sales.errors import ErrorCode
from anju.sales.models import Contract, ContractChange, LedgerEntry, PriceList, Subscription

S = SubscriptionStatus


def not_own(field: str, what: str | Promise) -> Guard:
    """Four eyes: whoever asked for something (``field``) does not approve or reject it themself."""

    def check(obj: Any, actor: Any) -> bool:
        return actor is None or getattr(obj, f"{field}_id") != actor.pk

    def message(obj: Any) -> str:  # translated when refused, in the caller's language
        return str(_("You cannot decide on %(what)s you asked for yourself: another approver must.")) % {"what": what}

    return Guard("not_own", check, ErrorCode.WORKFLOW_OWN_REQUEST, message, status=403)


class SubscriptionAction(StrEnum):
    APPROVE = "approve"
    RECORD_DEPOSIT = "record_deposit"
    CONVERT = "convert"
    CANCEL = "cancel"
    EXPIRE = "expire"
    REFUND_DEPOSIT = "refund_deposit"


def _deposit_open(obj: Subscription, actor: Any) -> bool:
    return obj.deposit_received_on is None


def _deposit_in(obj: Subscription, actor: Any) -> bool:
    return obj.deposit_received_on is not None or obj.deposit_amount == 0


def _refund_due(obj: Subscription, actor: Any) -> bool:
    return obj.deposit_received_on is not None and obj.refund_amount is None


def _deadline_passed(obj: Subscription, actor: Any) -> bool:
    return obj.sign_by < timezone.localdate()


SUBSCRIPTION = Workflow[Subscription](
    name="subscription",
    model=Subscription,
    states=SubscriptionStatus,
    actions=SubscriptionAction,
    transitions={
        SubscriptionAction.APPROVE: Transition(
            frozenset({S.PENDING_APPROVAL}),
            S.ACTIVE,
            "sales.approve_discount",
            _("Approve the discount"),
            guards=(not_own("created_by", _("a discount")),),
            tone=Tone.SUCCESS,
            event="subscription.approved",
        ),
        SubscriptionAction.RECORD_DEPOSIT: Transition(
            frozenset({S.PENDING_APPROVAL, S.ACTIVE}),
            None,
            "sales.record_deposit",
            _("Record the deposit"),
            guards=(
                Guard(
                    "deposit_open",
                    _deposit_open,
                    ErrorCode.SUBSCRIPTION_DEPOSIT_ALREADY_RECEIVED,
                    _("The deposit is already recorded."),
                ),
            ),
            tone=Tone.PRIMARY,
            event="subscription.deposit_recorded",
        ),
        SubscriptionAction.CONVERT: Transition(
            frozenset({S.ACTIVE}),
            S.CONVERTED,
            "sales.add_contract",
            _("Sign the contract"),
            guards=(
                Guard(
                    "deposit_received",
                    _deposit_in,
                    ErrorCode.SUBSCRIPTION_DEPOSIT_NOT_RECEIVED,
                    _("The deposit has not been received yet."),
                ),
            ),
            tone=Tone.PRIMARY,
            event="subscription.converted",
        ),
        SubscriptionAction.CANCEL: Transition(
            frozenset({S.PENDING_APPROVAL, S.ACTIVE}),
            S.CANCELLED,
            "sales.cancel_subscription",
            _("Cancel the subscription"),
            needs_reason=True,
            confirm=True,
            tone=Tone.DANGER,
            event="subscription.cancelled",
        ),
        SubscriptionAction.EXPIRE: Transition(
            frozenset({S.PENDING_APPROVAL, S.ACTIVE}),
            S.EXPIRED,
            "sales.change_subscription",
            _("Mark as expired"),
            guards=(
                Guard(
                    "deadline_passed",
                    _deadline_passed,
                    ErrorCode.SUBSCRIPTION_NOT_YET_EXPIRED,
                    _("The signing deadline has not passed."),
                ),
            ),
            confirm=True,
            tone=Tone.WARNING,
            event="subscription.expired",
        ),
        SubscriptionAction.REFUND_DEPOSIT: Transition(
            frozenset({S.CANCELLED, S.EXPIRED}),
            None,
            "sales.record_deposit",
            _("Record the deposit refund"),
            guards=(
                Guard(
                    "refund_due",
                    _refund_due,
                    ErrorCode.SUBSCRIPTION_NO_REFUND_DUE,
                    _("No deposit was received or it is already refunded."),
                ),
            ),
            tone=Tone.PRIMARY,
            event="subscription.deposit_refunded",
        ),
    },
    initial=S.ACTIVE,
    also_on=lambda obj, action: _subscription_audience(obj),
    not_allowed_code=ErrorCode.SUBSCRIPTION_STEP_NOT_ALLOWED,
    not_allowed_message=_("This subscription is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.SUBSCRIPTION_REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="认购 Subscription: reserves a unit until the signing deadline (a large discount waits for approval)",
)


class ContractAction(StrEnum):
    FILE = "file"
    CANCEL = "cancel"


C = ContractStatus

CONTRACT = Workflow[Contract](
    name="contract",
    model=Contract,
    states=ContractStatus,
    actions=ContractAction,
    transitions={
        ContractAction.FILE: Transition(
            frozenset({C.SIGNED}),
            C.FILED,
            "sales.file_contract",
            _("Record the filing"),
            tone=Tone.PRIMARY,
            event="contract.filed",
        ),
        ContractAction.CANCEL: Transition(
            frozenset({C.SIGNED, C.FILED}),
            C.CANCELLED,
            "sales.approve_contractchange",
            _("Cancel the contract"),
            needs_reason=True,
            confirm=True,
            tone=Tone.DANGER,
            event="contract.cancelled",
        ),
    },
    initial=C.SIGNED,
    also_on=lambda obj, action: _contract_audience(obj),
    not_allowed_code=ErrorCode.CONTRACT_STEP_NOT_ALLOWED,
    not_allowed_message=_("This contract is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.CONTRACT_REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="商品房买卖合同 Contract: signed → filed (网签备案); cancellation (退房/解约) returns the unit",
)


class ChangeAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


def _contract_live(obj: ContractChange, actor: Any) -> bool:
    return obj.contract.status != ContractStatus.CANCELLED


CHANGE = Workflow[ContractChange](
    name="contract_change",
    model=ContractChange,
    states=ChangeStatus,
    actions=ChangeAction,
    transitions={
        ChangeAction.APPROVE: Transition(
            frozenset({ChangeStatus.PENDING}),
            ChangeStatus.APPROVED,
            "sales.approve_contractchange",
            _("Approve and apply"),
            guards=(
                Guard("contract_live", _contract_live, ErrorCode.CONTRACT_NOT_LIVE, _("This contract has been cancelled.")),
                not_own("requested_by", _("a change")),
            ),
            confirm=True,
            tone=Tone.SUCCESS,
            event="contract_change.approved",
        ),
        ChangeAction.REJECT: Transition(
            frozenset({ChangeStatus.PENDING}),
            ChangeStatus.REJECTED,
            "sales.approve_contractchange",
            _("Reject"),
            guards=(not_own("requested_by", _("a change")),),
            needs_reason=True,
            tone=Tone.DANGER,
            event="contract_change.rejected",
        ),
    },
    initial=ChangeStatus.PENDING,
    event_target=lambda change: change.contract,
    also_on=lambda obj, action: _contract_audience(obj.contract),
    not_allowed_code=ErrorCode.CONTRACT_CHANGE_STEP_NOT_ALLOWED,
    not_allowed_message=_("This change is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.CONTRACT_CHANGE_REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="合同变更 Contract change (换房, 更名/增减共有人, 退房): applied when 客服主管 or 管理层 approve",
)


class PriceListAction(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"


P = PriceListStatus

PRICE_LIST = Workflow[PriceList](
    name="price_list",
    model=PriceList,
    states=PriceListStatus,
    actions=PriceListAction,
    transitions={
        PriceListAction.SUBMIT: Transition(
            frozenset({P.DRAFT}),
            P.PENDING,
            "sales.change_pricelist",
            _("Submit for approval"),
            tone=Tone.PRIMARY,
            event="price_list.submitted",
        ),
        PriceListAction.APPROVE: Transition(
            frozenset({P.PENDING}),
            P.APPROVED,
            "sales.approve_pricelist",
            _("Approve"),
            guards=(not_own("created_by", _("a price list")),),
            sets={"decided_at": lambda obj: timezone.now()},
            tone=Tone.SUCCESS,
            event="price_list.approved",
        ),
        PriceListAction.REJECT: Transition(
            frozenset({P.PENDING}),
            P.REJECTED,
            "sales.approve_pricelist",
            _("Reject"),
            guards=(not_own("created_by", _("a price list")),),
            needs_reason=True,
            sets={"decided_at": lambda obj: timezone.now()},
            tone=Tone.DANGER,
            event="price_list.rejected",
        ),
    },
    initial=P.DRAFT,
    not_allowed_code=ErrorCode.PRICE_LIST_STEP_NOT_ALLOWED,
    not_allowed_message=_("This price list is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.PRICE_LIST_REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="价格表 Price list version (一房一价): takes effect from its date once 管理层 approve it",
)


class RefundAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


def _is_refund(obj: LedgerEntry) -> bool:
    return obj.kind == EntryKind.REFUND


REFUND = Workflow[LedgerEntry](
    name="refund",
    model=LedgerEntry,
    states=EntryStatus,
    actions=RefundAction,
    transitions={
        RefundAction.APPROVE: Transition(
            frozenset({EntryStatus.PENDING}),
            EntryStatus.POSTED,
            "sales.approve_refund",
            _("Approve the refund"),
            guards=(not_own("recorded_by", _("a refund")),),
            applies=_is_refund,
            confirm=True,
            tone=Tone.SUCCESS,
            event="refund.approved",
        ),
        RefundAction.REJECT: Transition(
            frozenset({EntryStatus.PENDING}),
            EntryStatus.REJECTED,
            "sales.approve_refund",
            _("Reject the refund"),
            guards=(not_own("recorded_by", _("a refund")),),
            applies=_is_refund,
            needs_reason=True,
            tone=Tone.DANGER,
            event="refund.rejected",
        ),
    },
    initial=EntryStatus.PENDING,
    event_target=lambda entry: entry.contract,
    also_on=lambda obj, action: _contract_audience(obj.contract),
    not_allowed_code=ErrorCode.REFUND_STEP_NOT_ALLOWED,
    not_allowed_message=_("This refund is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.REFUND_REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="退款 Refund on the contract ledger: counts once 客服主管 or 管理层 (not who asked) approve it",
)


def _subscription_audience(obj: Subscription) -> list[Any]:
    from anju.sales.selectors import subscription_audience

    return subscription_audience(obj)


def _contract_audience(obj: Contract) -> list[Any]:
    from anju.sales.selectors import contract_audience

    return contract_audience(obj)
