"""The return-visit (回访) state machine on the core workflow engine: a pending call is answered (``outcome`` →
done) or not (``attempt``: it stays pending, and the third unanswered call ends it as unreachable). Cancelling is
the system's doing when the order is cancelled, so it is no action here."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Tone, Transition, Workflow
from anju.visits.errors import ErrorCode
from anju.visits.models import ReturnVisit, VisitStatus

_CHANGE = "visits.change_returnvisit"
_PENDING = frozenset({VisitStatus.PENDING})


class VisitAction(StrEnum):
    ATTEMPT = "attempt"
    OUTCOME = "outcome"


A = VisitAction


def _target(visit: ReturnVisit) -> models.Model:
    """A service visit belongs on its order's timeline; a care visit on its own."""
    return visit.work_order if visit.work_order is not None else visit


def _also_on(visit: ReturnVisit, action: str) -> tuple[models.Model | None, ...]:
    order = visit.work_order
    if order is None:
        return (visit.customer, visit.unit)
    return (order.customer, order.unit) if action == A.OUTCOME else (order.customer,)


WORKFLOW: Workflow[ReturnVisit] = Workflow(
    name="return_visit",
    model=ReturnVisit,
    states=VisitStatus,
    actions=VisitAction,
    transitions={
        # the target of an attempt is decided by the count: pending, or unreachable at the third
        A.ATTEMPT: Transition(_PENDING, None, _CHANGE, _("No answer"), tone=Tone.WARNING, event="return_visit.attempted"),
        A.OUTCOME: Transition(
            _PENDING, VisitStatus.DONE, _CHANGE, _("Record the outcome"), tone=Tone.PRIMARY, event="return_visit.outcome_recorded"
        ),
    },
    initial=VisitStatus.PENDING,
    event_target=_target,
    also_on=_also_on,
    not_allowed_code=ErrorCode.VISIT_ALREADY_DONE,
    not_allowed_message=_("This return visit is already finished."),
    description="回访 Return visit (after a completed order, or a planned care call)",
)
