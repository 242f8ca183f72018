"""Permission-matrix rows of the surveys API (collected by ``tests.matrix.app_rows``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from anju.surveys.models import Survey
from anju.surveys.selectors import link_token
from anju.surveys.tests import factories
from conftest import World
from tests.matrix import OWNER, PUBLIC, Op, WorkflowCase


def _survey(w: World, published: bool = False) -> dict[str, Any]:
    made = factories.survey(w, published=published)
    return {"id": made.id, "version": made.version, "body": {"title": "改过的标题"}}


def _campaign(w: World) -> dict[str, Any]:
    return {"id": factories.campaign(w).id}


def _new_campaign(w: World) -> dict[str, Any]:
    published = factories.survey(w)
    expires = (timezone.now() + datetime.timedelta(days=7)).isoformat()
    return {"body": {"name": "交付回访", "survey": published.id, "project": w.project_a.id, "expires_at": expires}}


def _link(w: World, answer: bool = False) -> dict[str, Any]:
    recipient = factories.campaign(w).recipients.get()
    body = {"answers": {"overall": 5, "nps": 10, "fixed": "已解决"}} if answer else None
    return {"id": link_token(recipient), "body": body}


def _agent_answer(w: World) -> dict[str, Any]:
    campaign = factories.campaign(w)
    return {"id": campaign.id, "body": {"recipient": campaign.recipients.get().pk, "answers": ANSWERS}}


def _invitation(w: World, answer: bool = False) -> dict[str, Any]:
    recipient = factories.campaign(w).recipients.get(customer=w.customer_a)
    return {"id": recipient.pk, "body": {"answers": ANSWERS} if answer else None}


def _wf_survey(w: World, state: str, action: str) -> Any:
    made = factories.survey(w, published=False)
    Survey.objects.filter(pk=made.pk).update(status=state)
    made.refresh_from_db()
    return made


def _trigger(w: World) -> dict[str, Any]:
    made = factories.trigger(w)
    return {"id": made.id, "body": {"delay_days": 3, "version": made.version}}


def _new_trigger(w: World) -> dict[str, Any]:
    return {"body": {"project": w.project_a.id, "kind": "order_closed", "survey": factories.survey(w).id}}


ANSWERS = {"overall": 5, "nps": 10, "fixed": "已解决"}
WORKFLOW_CASES = {"survey": WorkflowCase("/api/v1/surveys/{id}/", _wf_survey, lambda w, a, o: {}, scoped=False)}

OPS = [
    Op("GET", "/api/v1/surveys/", "surveys.view_survey"),
    Op(
        "POST",
        "/api/v1/surveys/",
        "surveys.add_survey",
        ok=201,
        prepare=lambda w: {"body": {"title": "问卷", "questions": factories.QUESTIONS}},
    ),
    Op("GET", "/api/v1/surveys/{id}/", "surveys.view_survey", prepare=_survey),
    Op("PATCH", "/api/v1/surveys/{id}/", "surveys.change_survey", prepare=_survey),
    Op("GET", "/api/v1/survey-campaigns/", "surveys.view_campaign"),
    Op("POST", "/api/v1/survey-campaigns/", "surveys.add_campaign", ok=201, prepare=_new_campaign, fk_into_a=True),
    Op("GET", "/api/v1/survey-campaigns/{id}/", "surveys.view_campaign", prepare=_campaign, scoped=True),
    Op("GET", "/api/v1/survey-campaigns/{id}/results/", "surveys.view_campaign", prepare=_campaign, scoped=True),
    Op("GET", "/api/v1/survey-campaigns/{id}/links/", "surveys.add_campaign", prepare=_campaign, scoped=True),
    Op("POST", "/api/v1/survey-campaigns/{id}/send/", "surveys.send_campaign", prepare=_campaign, scoped=True),
    Op("GET", "/api/v1/survey-campaigns/{id}/recipients/", "surveys.enter_answer", prepare=_campaign, scoped=True),
    Op("POST", "/api/v1/survey-campaigns/{id}/answer/", "surveys.enter_answer", ok=201, prepare=_agent_answer, scoped=True),
    Op("GET", "/api/v1/survey-campaigns/{id}/export/", "surveys.view_campaign", prepare=_campaign, scoped=True),
    Op("GET", "/api/v1/survey-campaigns/{id}/timeline/", "surveys.view_campaign", prepare=_campaign, scoped=True),
    Op("GET", "/api/v1/survey-triggers/", "surveys.view_surveytrigger"),
    Op("POST", "/api/v1/survey-triggers/", "surveys.add_surveytrigger", ok=201, prepare=_new_trigger, fk_into_a=True),
    Op("GET", "/api/v1/survey-triggers/{id}/", "surveys.view_surveytrigger", prepare=_trigger, scoped=True),
    Op("PATCH", "/api/v1/survey-triggers/{id}/", "surveys.change_surveytrigger", prepare=_trigger, scoped=True),
    Op("GET", "/api/v1/survey-triggers/{id}/invitations/", "surveys.view_surveytrigger", prepare=_trigger, scoped=True),
    Op("GET", "/api/v1/survey-triggers/{id}/timeline/", "surveys.view_surveytrigger", prepare=_trigger, scoped=True),
    Op(
        "GET",
        "/api/v1/survey-settings/{project_id}/",
        "surveys.view_surveysettings",
        prepare=lambda w: {"id": w.project_a.id},
        scoped=True,
    ),
    Op(
        "PUT",
        "/api/v1/survey-settings/{project_id}/",
        "surveys.change_surveysettings",
        prepare=lambda w: {"id": w.project_a.id, "body": {"fatigue_days": 60, "version": 1}},
        scoped=True,
    ),
    Op("GET", "/api/v1/owner/surveys/", OWNER),
    Op("GET", "/api/v1/owner/surveys/{id}/", OWNER, prepare=_invitation, scoped=True),
    Op("POST", "/api/v1/owner/surveys/{id}/answer/", OWNER, ok=201, prepare=lambda w: _invitation(w, answer=True), scoped=True),
    Op("GET", "/api/v1/public/surveys/{token}/", PUBLIC, prepare=_link),
    Op("POST", "/api/v1/public/surveys/{token}/", PUBLIC, ok=201, prepare=lambda w: _link(w, answer=True)),
]
