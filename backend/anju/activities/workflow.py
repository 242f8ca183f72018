"""A member activity's life as one table on the core workflow engine: it is open for sign-ups until staff cancel it
(with the reason, which goes on its timeline). Sign-ups and check-in are per registration, not states of the activity."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from anju.activities.errors import ErrorCode
from anju.activities.events import ActivityEvent
from anju.activities.models import Activity, ActivityStatus
from anju.core.workflow import Tone, Transition, Workflow


class ActivityAction(StrEnum):
    CANCEL = "cancel"


A = ActivityAction
S = ActivityStatus

TRANSITIONS: dict[StrEnum, Transition] = {
    A.CANCEL: Transition(
        frozenset({S.OPEN}),
        S.CANCELLED,
        "activities.change_activity",
        _("Cancel the activity"),
        needs_reason=True,
        tone=Tone.DANGER,
        event=ActivityEvent.CANCELLED,
    ),
}

WORKFLOW: Workflow[Activity] = Workflow(
    name="activity",
    model=Activity,
    states=ActivityStatus,
    actions=ActivityAction,
    transitions=TRANSITIONS,
    initial=S.OPEN,
    not_allowed_code=ErrorCode.ACTIVITY_NOT_OPEN,
    not_allowed_message=_("This activity is now “%(status)s”; that step is not possible. Reload it."),
    reason_code=ErrorCode.ACTIVITY_REASON_REQUIRED,
    reason_message=_("Give a reason."),
    description="会员活动 Member activity: open for sign-ups → cancelled (with the reason)",
)
