"""The handover batch and the inspection as tables on the core workflow engine.

Batch: preparing (筹备中) → approve_list → list_approved (名单已批准) → start_notices → notifying (通知中) →
start_handover → handing_over (办理中) → complete → completed (已完成); an approved list may be reopened (with a
reason) while no notice went out. The 入伙名单 is approved by a holder of ``approve_handoverbatch`` who did not
prepare it (four eyes), and only once the list task is marked prepared.

Inspection: in_progress → accept (the owner takes the home: the unit is delivered that day) | defer (with a reason;
a re-inspection round follows after the fixes).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Guard, Tone, Transition, Workflow
from anju.handover.choices import BatchStatus, InspectionStatus, NoticeStatus
from anju.handover.errors import ErrorCode
from anju.handover.models import HandoverBatch, Inspection
from anju.handover.selectors import list_task

_CHANGE = "handover.change_handoverbatch"
_APPROVE = "handover.approve_handoverbatch"
_INSPECT = "handover.change_inspection"


class BatchAction(StrEnum):
    APPROVE_LIST = "approve_list"
    REOPEN_LIST = "reopen_list"
    START_NOTICES = "start_notices"
    START_HANDOVER = "start_handover"
    COMPLETE = "complete"


class InspectionAction(StrEnum):
    ACCEPT = "accept"
    DEFER = "defer"


def _list_prepared(batch: HandoverBatch, actor: Any) -> bool:
    task = list_task(batch)
    return task is not None and task.done_at is not None


def _not_preparer(batch: HandoverBatch, actor: Any) -> bool:
    return actor is None or batch.list_prepared_by_id != actor.pk


def _none_sent(batch: HandoverBatch, actor: Any) -> bool:
    return not batch.notices.filter(status=NoticeStatus.SENT).exists()


def _now(obj: Any) -> Any:
    return timezone.now()


LIST_PREPARED = Guard(
    "list_prepared",
    _list_prepared,
    ErrorCode.LIST_NOT_PREPARED,
    _("Mark the handover list (入伙名单) task as prepared first."),
)
FOUR_EYES = Guard(
    "four_eyes",
    _not_preparer,
    ErrorCode.OWN_LIST,
    _("The handover list must be approved by someone other than the person who prepared it."),
    status=403,
)
NONE_SENT = Guard(
    "none_sent", _none_sent, ErrorCode.NOTICES_SENT, _("Notices have already been sent; the list can no longer be reopened.")
)

B = BatchStatus
BATCH_TRANSITIONS: dict[StrEnum, Transition] = {
    BatchAction.APPROVE_LIST: Transition(
        frozenset({B.PREPARING}),
        B.LIST_APPROVED,
        _APPROVE,
        _("Approve the handover list"),
        guards=(LIST_PREPARED, FOUR_EYES),
        sets={"list_approved_at": _now},
        confirm=True,
        tone=Tone.SUCCESS,
        event="handover_batch.list_approved",
    ),
    BatchAction.REOPEN_LIST: Transition(
        frozenset({B.LIST_APPROVED, B.NOTIFYING}),
        B.PREPARING,
        _APPROVE,
        _("Reopen the handover list"),
        guards=(NONE_SENT,),
        sets={"list_approved_at": None, "list_approved_by": None},
        needs_reason=True,
        tone=Tone.WARNING,
        event="handover_batch.list_reopened",
    ),
    BatchAction.START_NOTICES: Transition(
        frozenset({B.LIST_APPROVED}),
        B.NOTIFYING,
        _CHANGE,
        _("Generate the notices"),
        tone=Tone.PRIMARY,
        event="handover_batch.notices_started",
    ),
    BatchAction.START_HANDOVER: Transition(
        frozenset({B.NOTIFYING}),
        B.HANDING_OVER,
        _CHANGE,
        _("Open the handover site"),
        tone=Tone.PRIMARY,
        event="handover_batch.handover_started",
    ),
    BatchAction.COMPLETE: Transition(
        frozenset({B.HANDING_OVER}),
        B.COMPLETED,
        _CHANGE,
        _("Complete the batch"),
        sets={"completed_at": _now},
        confirm=True,
        tone=Tone.SUCCESS,
        event="handover_batch.completed",
    ),
}

BATCH_WORKFLOW: Workflow[HandoverBatch] = Workflow(
    name="handover_batch",
    model=HandoverBatch,
    states=BatchStatus,
    actions=BatchAction,
    transitions=BATCH_TRANSITIONS,
    initial=B.PREPARING,
    not_allowed_code=ErrorCode.BATCH_STEP_NOT_ALLOWED,
    not_allowed_message=_("This handover batch is now “%(state)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="入伙 Handover batch: preparation → list approved (four eyes) → notices → handover → completed",
)


def _today(obj: Any) -> Any:
    return timezone.localdate()


IS = InspectionStatus
INSPECTION_TRANSITIONS: dict[StrEnum, Transition] = {
    InspectionAction.ACCEPT: Transition(
        frozenset({IS.IN_PROGRESS}),
        IS.ACCEPTED,
        _INSPECT,
        _("Owner accepts the home"),
        sets={"accepted_on": _today, "finished_at": _now},
        confirm=True,
        tone=Tone.SUCCESS,
        event="handover_inspection.accepted",
    ),
    InspectionAction.DEFER: Transition(
        frozenset({IS.IN_PROGRESS}),
        IS.DEFERRED,
        _INSPECT,
        _("Owner defers the handover"),
        sets={"finished_at": _now},
        needs_reason=True,
        tone=Tone.WARNING,
        event="handover_inspection.deferred",
    ),
}


def _inspection_audience(inspection: Inspection, action: str) -> list[Any]:
    from anju.handover.selectors import audience

    return audience(inspection.notice)


INSPECTION_WORKFLOW: Workflow[Inspection] = Workflow(
    name="handover_inspection",
    model=Inspection,
    states=InspectionStatus,
    actions=InspectionAction,
    transitions=INSPECTION_TRANSITIONS,
    initial=IS.IN_PROGRESS,
    also_on=_inspection_audience,
    not_allowed_code=ErrorCode.INSPECTION_STEP_NOT_ALLOWED,
    not_allowed_message=_("This inspection is now “%(state)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.REASON_REQUIRED,
    reason_message=_("Give the reason."),
    description="验房 Handover inspection: the owner accepts (the unit is delivered) or defers (re-inspection)",
)
