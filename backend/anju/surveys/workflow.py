"""A questionnaire revision's life as one table on the core workflow engine: a draft is edited and published; a
published revision never changes — "new version" (revise) makes the next draft from it, and archiving retires it (no
new campaigns; the answers and running campaigns keep it). An archived revision can be brought back."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from anju.core.workflow import Tone, Transition, Workflow
from anju.surveys.errors import ErrorCode
from anju.surveys.events import SurveyEvent
from anju.surveys.models import Survey, SurveyStatus


class SurveyAction(StrEnum):
    PUBLISH = "publish"
    REVISE = "revise"
    ARCHIVE = "archive"
    RESTORE = "restore"


A = SurveyAction
S = SurveyStatus

TRANSITIONS: dict[StrEnum, Transition] = {
    A.PUBLISH: Transition(
        frozenset({S.DRAFT}),
        S.PUBLISHED,
        "surveys.publish_survey",
        _("Publish"),
        confirm=True,
        tone=Tone.PRIMARY,
        stamp="published_at",
        event=SurveyEvent.PUBLISHED,
    ),
    # The revision itself stays published; the service makes the next draft (the event goes on the new draft).
    A.REVISE: Transition(
        frozenset({S.PUBLISHED}), None, "surveys.change_survey", _("New version"), tone=Tone.DEFAULT, event=SurveyEvent.REVISED
    ),
    A.ARCHIVE: Transition(
        frozenset({S.PUBLISHED}),
        S.ARCHIVED,
        "surveys.publish_survey",
        _("Archive"),
        confirm=True,
        tone=Tone.WARNING,
        event=SurveyEvent.ARCHIVED,
    ),
    A.RESTORE: Transition(
        frozenset({S.ARCHIVED}),
        S.PUBLISHED,
        "surveys.publish_survey",
        _("Restore"),
        tone=Tone.DEFAULT,
        event=SurveyEvent.RESTORED,
    ),
}

WORKFLOW: Workflow[Survey] = Workflow(
    name="survey",
    model=Survey,
    states=SurveyStatus,
    actions=SurveyAction,
    transitions=TRANSITIONS,
    initial=S.DRAFT,
    not_allowed_code=ErrorCode.SURVEY_STEP_NOT_ALLOWED,
    not_allowed_message=_("This questionnaire is now “%(status)s”; that step is not possible. Reload it."),
    description="满意度调查问卷 Questionnaire revision (published revisions never change; revise makes the next draft)",
)
