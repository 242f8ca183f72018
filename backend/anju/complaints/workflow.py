"""The complaint stages as one table (customer-service practice): record → apologise/first reply → investigate →
reply → customer confirms → close; escalate (上报) from any open stage; reopen a closed one."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from anju.complaints.models import Stage
from anju.core.errors import ConflictError

OPEN = frozenset({Stage.RECEIVED, Stage.APOLOGISED, Stage.INVESTIGATING, Stage.REPLIED, Stage.CONFIRMED})


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str | None  # None: the stage does not change (escalate)
    needs_text: bool = False


STEPS: dict[str, Step] = {
    "apologise": Step(frozenset({Stage.RECEIVED}), Stage.APOLOGISED, needs_text=True),
    "investigate": Step(frozenset({Stage.APOLOGISED}), Stage.INVESTIGATING),
    "reply": Step(frozenset({Stage.INVESTIGATING}), Stage.REPLIED, needs_text=True),
    "confirm": Step(frozenset({Stage.REPLIED}), Stage.CONFIRMED),
    "close": Step(frozenset({Stage.CONFIRMED}), Stage.CLOSED),
    "escalate": Step(OPEN, None, needs_text=True),
    "reopen": Step(frozenset({Stage.CLOSED}), Stage.INVESTIGATING, needs_text=True),
}


def allowed(stage: str) -> list[str]:
    return [name for name, step in STEPS.items() if stage in step.sources]


def ensure(stage: str, action: str) -> Step:
    step = STEPS.get(action)
    if step is None or stage not in step.sources:
        raise ConflictError(
            "complaint.step_not_allowed",
            _("This complaint is now “%(stage)s”; that step is not possible. Reload it.") % {"stage": Stage(stage).label},
        )
    return step
