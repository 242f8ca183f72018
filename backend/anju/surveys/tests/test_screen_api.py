"""What the staff screens read besides the basic endpoints: the questionnaire list by status, the campaign list by
project (within scope), and the campaign's timeline with the sends and the follow-ups low scores opened."""

from __future__ import annotations

from typing import Any

import pytest

from anju.surveys import services
from anju.surveys.tests import factories

pytestmark = pytest.mark.django_db


def test_questionnaires_filter_by_status(world: Any, client_for: Any) -> None:
    published = factories.survey(world)
    draft = factories.survey(world, published=False)
    client = client_for(world.admin, language="en")
    ids = lambda status: [row["id"] for row in client.get(f"/api/v1/surveys/?status={status}").json()["results"]]  # noqa: E731
    assert ids("draft") == [draft.id] and ids("published") == [published.id] and ids("archived") == []
    bad = client.get("/api/v1/surveys/?status=gone")
    assert bad.status_code == 400 and "status" in bad.json()["fields"]


def test_campaigns_filter_by_project_within_scope(world: Any, client_for: Any) -> None:
    in_a = factories.campaign(world)
    in_b = factories.campaign(world, project=world.project_b)
    admin = client_for(world.admin)
    assert [r["id"] for r in admin.get(f"/api/v1/survey-campaigns/?project={world.project_b.id}").json()["results"]] == [in_b.id]
    assert [r["id"] for r in admin.get(f"/api/v1/survey-campaigns/?survey={in_a.survey_id}").json()["results"]] == [in_a.id]
    agent = client_for(world.user("agent_a", role="service_agent", projects=[world.project_a]))
    assert agent.get(f"/api/v1/survey-campaigns/?project={world.project_b.id}").json()["results"] == []
    assert [r["id"] for r in agent.get("/api/v1/survey-campaigns/").json()["results"]] == [in_a.id]


def test_the_campaign_timeline_lists_the_follow_up_a_low_score_opened(world: Any, client_for: Any) -> None:
    world.user("sup_a", role="service_supervisor", projects=[world.project_a])
    questions = [{**factories.QUESTIONS[0], "follow_up": {"below": 3}}, *factories.QUESTIONS[1:]]
    survey = services.create_survey(actor=world.admin, title="回访", questions=questions)
    survey = services.publish_survey(actor=world.admin, survey=survey, version=survey.version)
    campaign = services.create_campaign(
        actor=world.admin, survey=survey, project=world.project_a, name="回访", expires_at=survey.created_at.replace(year=2099)
    )
    client = client_for(world.admin, language="en")
    recipient = campaign.recipients.get()
    answers = {"overall": 1, "nps": 2, "fixed": "已解决"}
    body = {"recipient": recipient.pk, "answers": answers}
    assert client.post(f"/api/v1/survey-campaigns/{campaign.id}/answer/", body, format="json").status_code == 201
    events = client.get(f"/api/v1/survey-campaigns/{campaign.id}/timeline/").json()["results"]
    follow_up = next(e for e in events if e["type"] == "survey.follow_up_opened")
    assert follow_up["data"]["questions"] == ["overall"] and follow_up["data"]["follow_up"] is not None
    assert "总体满意度: 1" in follow_up["note"]
    other = client_for(world.user("agent_b", role="service_agent", projects=[world.project_b]))
    assert other.get(f"/api/v1/survey-campaigns/{campaign.id}/timeline/").status_code == 404
