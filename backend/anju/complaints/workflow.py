"""The complaint stages as one table (customer-service practice) on the core workflow engine: record →
apologise/first reply → investigate → reply → customer confirms → close; escalate (上报) from any open stage; reopen
a closed one. Every step needs ``complaints.change_complaint``; the text said or done is its reason."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from anju.complaints.errors import ErrorCode
from anju.complaints.models import Complaint, Stage
from anju.core.workflow import Tone, Transition, Workflow

OPEN = frozenset({Stage.RECEIVED, Stage.APOLOGISED, Stage.INVESTIGATING, Stage.REPLIED, Stage.CONFIRMED})
_CHANGE = "complaints.change_complaint"


class ComplaintAction(StrEnum):
    APOLOGISE = "apologise"
    INVESTIGATE = "investigate"
    REPLY = "reply"
    CONFIRM = "confirm"
    CLOSE = "close"
    ESCALATE = "escalate"
    REOPEN = "reopen"


A = ComplaintAction

TRANSITIONS: dict[StrEnum, Transition] = {
    A.APOLOGISE: Transition(
        frozenset({Stage.RECEIVED}),
        Stage.APOLOGISED,
        _CHANGE,
        _("Apologise and reply"),
        needs_reason=True,
        tone=Tone.PRIMARY,
        event="complaint.apologised",
    ),
    A.INVESTIGATE: Transition(
        frozenset({Stage.APOLOGISED}),
        Stage.INVESTIGATING,
        _CHANGE,
        _("Investigate"),
        tone=Tone.PRIMARY,
        event="complaint.investigated",
    ),
    A.REPLY: Transition(
        frozenset({Stage.INVESTIGATING}),
        Stage.REPLIED,
        _CHANGE,
        _("Reply to the customer"),
        needs_reason=True,
        tone=Tone.PRIMARY,
        event="complaint.replied",
    ),
    A.CONFIRM: Transition(
        frozenset({Stage.REPLIED}),
        Stage.CONFIRMED,
        _CHANGE,
        _("Customer confirms"),
        tone=Tone.PRIMARY,
        event="complaint.confirmed",
    ),
    A.CLOSE: Transition(
        frozenset({Stage.CONFIRMED}),
        Stage.CLOSED,
        _CHANGE,
        _("Close the complaint"),
        needs_reason=True,
        tone=Tone.SUCCESS,
        event="complaint.closed",
    ),
    A.ESCALATE: Transition(OPEN, None, _CHANGE, _("Escalate"), needs_reason=True, tone=Tone.WARNING, event="complaint.escalated"),
    A.REOPEN: Transition(
        frozenset({Stage.CLOSED}),
        Stage.INVESTIGATING,
        _CHANGE,
        _("Reopen the complaint"),
        needs_reason=True,
        tone=Tone.WARNING,
        event="complaint.reopened",
    ),
}

WORKFLOW: Workflow[Complaint] = Workflow(
    name="complaint",
    model=Complaint,
    states=Stage,
    actions=ComplaintAction,
    transitions=TRANSITIONS,
    initial=Stage.RECEIVED,
    state_field="stage",
    event_target=lambda complaint: complaint.work_order,
    also_on=lambda complaint, action: (complaint.work_order.customer,),
    not_allowed_code=ErrorCode.COMPLAINT_STEP_NOT_ALLOWED,
    not_allowed_message=_("This complaint is now “%(stage)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.COMPLAINT_TEXT_REQUIRED,
    reason_message=_("Write what was said or done."),
    reason_field="text",
    description="投诉 Complaint case (escalate keeps the stage and notifies 客服主管, then 管理层)",
)
