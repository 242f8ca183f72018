"""A building's area-settlement batch (面积补差) as one table on the core workflow engine.

draft → reviewed (营销: 管理层 or 客服主管, never the creator) → approved (财务, who issues the
面积补差结算单; never the creator or the reviewer) → notified (the buyers are told: SMS and the consultant's
inbox) → posted (each contract's ledger receives its difference). A reviewed batch can be sent back to draft with a
reason. A corrected survey report sends a batch whose figures change back to draft (``services.batches.recalculate_units``).

The side effects (who reviewed and approved, the notices, the ledger) are in ``services.batches``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Guard, Tone, Transition, Workflow
from anju.settlement.choices import SettlementStatus
from anju.settlement.errors import ErrorCode
from anju.settlement.models import SettlementBatch

_REVIEW = "settlement.review_settlementbatch"
_APPROVE = "settlement.approve_settlementbatch"
_POST = "settlement.post_settlementbatch"


class SettlementAction(StrEnum):
    REVIEW = "review"
    SEND_BACK = "send_back"
    APPROVE = "approve"
    NOTIFY = "notify"
    POST = "post"


A = SettlementAction
S = SettlementStatus


def _has_lines(batch: SettlementBatch, actor: Any) -> bool:
    return batch.lines.exists()


def _other_eyes(batch: SettlementBatch, actor: Any) -> bool:
    """The approver is never the batch's creator or its reviewer (the system acting passes)."""
    return actor is None or actor.pk not in {batch.created_by_id, batch.reviewed_by_id}


def _not_preparer(batch: SettlementBatch, actor: Any) -> bool:
    """The reviewer is not the person who drew the batch up (the system acting passes)."""
    return actor is None or actor.pk != batch.created_by_id


HAS_LINES = Guard("has_lines", _has_lines, ErrorCode.NO_LINES, _("The batch has no contract to settle (no measured areas yet)."))
NOT_PREPARER = Guard(
    "not_preparer",
    _not_preparer,
    ErrorCode.FOUR_EYES,
    _("The batch must be reviewed by someone other than the person who drew it up."),
    status=403,
)
OTHER_EYES = Guard(
    "other_eyes",
    _other_eyes,
    ErrorCode.FOUR_EYES,
    _("The batch must be approved by someone other than the person who drew it up or reviewed it."),
    status=403,
)

TRANSITIONS: dict[StrEnum, Transition] = {
    A.REVIEW: Transition(
        frozenset({S.DRAFT}),
        S.REVIEWED,
        _REVIEW,
        _("Review"),
        guards=(HAS_LINES, NOT_PREPARER),
        stamp="reviewed_at",
        confirm=True,
        tone=Tone.PRIMARY,
        event="settlement_batch.reviewed",
    ),
    A.SEND_BACK: Transition(
        frozenset({S.REVIEWED}),
        S.DRAFT,
        _APPROVE,
        _("Send back"),
        needs_reason=True,
        tone=Tone.WARNING,
        event="settlement_batch.sent_back",
    ),
    A.APPROVE: Transition(
        frozenset({S.REVIEWED}),
        S.APPROVED,
        _APPROVE,
        _("Approve and issue the statements"),
        guards=(OTHER_EYES,),
        stamp="approved_at",
        confirm=True,
        tone=Tone.SUCCESS,
        event="settlement_batch.approved",
    ),
    A.NOTIFY: Transition(
        frozenset({S.APPROVED}),
        S.NOTIFIED,
        _APPROVE,
        _("Notify the buyers"),
        stamp="notified_at",
        confirm=True,
        tone=Tone.PRIMARY,
        event="settlement_batch.notified",
    ),
    A.POST: Transition(
        frozenset({S.NOTIFIED}),
        S.POSTED,
        _POST,
        _("Post to the ledgers"),
        stamp="posted_at",
        confirm=True,
        tone=Tone.DANGER,
        event="settlement_batch.posted",
    ),
}


def _audience(batch: SettlementBatch, action: str) -> list[Any]:
    return [batch.building]


WORKFLOW: Workflow[SettlementBatch] = Workflow(
    name="settlement_batch",
    model=SettlementBatch,
    states=SettlementStatus,
    actions=SettlementAction,
    transitions=TRANSITIONS,
    initial=S.DRAFT,
    also_on=_audience,
    not_allowed_code=ErrorCode.STEP_NOT_ALLOWED,
    not_allowed_message=_("This settlement batch is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="面积补差 Area settlement batch: draft → 营销 review → 财务 approval (结算单) → buyers notified → posted",
)
