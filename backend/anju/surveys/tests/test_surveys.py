"""Questionnaires (rules, revisions), campaigns to a project's owners, personal no-login links and the results."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import signing
from django.utils import timezone
from django.utils.translation import override

from anju.surveys import rules
from anju.surveys.models import Answer, Campaign, Recipient, Survey
from anju.surveys.selectors import SALT, link_token
from anju.surveys.tests import factories
from anju.surveys.tests.factories import QUESTIONS

pytestmark = pytest.mark.django_db


@override("en")
def test_question_rules() -> None:
    cleaned, errors = rules.clean_questions(QUESTIONS)
    assert errors == {} and [q["key"] for q in cleaned] == ["overall", "nps", "fixed", "why", "comment"]
    _, errors = rules.clean_questions(
        [
            {"key": "a", "type": "single", "title": "x", "options": ["only one"]},
            {"key": "a", "type": "stars", "title": ""},
            {"key": "b", "type": "text", "title": "y", "show_if": {"question": "later", "equals": 1}},
        ]
    )
    assert set(errors) == {
        "questions.0.options",
        "questions.1.key",
        "questions.1.type",
        "questions.1.title",
        "questions.2.show_if",
    }
    assert rules.clean_questions([])[1] == {"questions": ["Add at least one question."]}
    same = [{"key": "a", "type": "single", "title": "x", "options": ["a", "a "]}]
    assert set(rules.clean_questions(same)[1]) == {"questions.0.options"}


@override("en")
def test_answers_follow_the_show_if_rule() -> None:
    kept, errors = rules.clean_answers(QUESTIONS, {"overall": 4, "nps": 9, "fixed": "已解决", "comment": " 好 "})
    assert errors == {} and kept == {"overall": 4, "nps": 9, "fixed": "已解决", "comment": "好"}
    # "why" is asked (and required) only when the problem is not solved
    _, errors = rules.clean_answers(QUESTIONS, {"overall": 2, "nps": 3, "fixed": "未解决"})
    assert errors == {"answers.why": ["This question needs an answer."]}
    kept, errors = rules.clean_answers(QUESTIONS, {"overall": 2, "nps": 3, "fixed": "未解决", "why": ["响应速度"]})
    assert errors == {} and kept["why"] == ["响应速度"]
    _, errors = rules.clean_answers(QUESTIONS, {"overall": 6, "nps": True, "fixed": "也许", "moon": 1})
    assert set(errors) == {"answers.overall", "answers.nps", "answers.fixed", "answers.moon"}
    for hostile in ([{"a": 1}], [["响应速度"]], ["响应速度", "响应速度"], [], "响应速度", [1]):
        _, errors = rules.clean_answers(QUESTIONS, {"overall": 2, "nps": 3, "fixed": "未解决", "why": hostile})
        assert set(errors) == {"answers.why"}, hostile  # a field error, never a crash (unhashable items)


def test_a_published_questionnaire_never_changes_a_revision_does(world: Any, client_for: Any) -> None:
    client = client_for(world.admin, language="en")
    created = client.post("/api/v1/surveys/", {"title": "入住回访", "questions": QUESTIONS}, format="json")
    assert created.status_code == 201 and created.json()["status"] == "draft" and created.json()["revision"] == 1
    survey_id = created.json()["id"]
    edited = client.patch(f"/api/v1/surveys/{survey_id}/", {"title": "入住一周回访", "version": 1}, format="json")
    assert edited.status_code == 200 and edited.json()["version"] == 2
    published = client.post(f"/api/v1/surveys/{survey_id}/publish/", {"version": 2}, format="json")
    assert published.status_code == 200 and published.json()["status"] == "published"
    refused = client.patch(f"/api/v1/surveys/{survey_id}/", {"title": "改", "version": 3}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "survey.published"
    assert [a["action"] for a in published.json()["allowed_actions"]] == ["revise", "archive"]
    revised = client.post(f"/api/v1/surveys/{survey_id}/revise/", {"version": 3}, format="json")
    assert revised.status_code == 200
    assert (revised.json()["revision"], revised.json()["status"], revised.json()["code"]) == (2, "draft", created.json()["code"])
    again = client.post(f"/api/v1/surveys/{survey_id}/revise/", {"version": 4}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "survey.draft_exists"  # one draft at a time
    assert Survey.objects.get(pk=survey_id).title == "入住一周回访"
    bad = client_for(world.admin, language="zh-hans").post("/api/v1/surveys/", {"title": "x", "questions": []}, format="json")
    assert bad.status_code == 400 and bad.json()["fields"] == {"questions": ["请至少添加一个问题。"]}
    assert Survey.objects.count() == 2  # nothing half-written


def test_a_campaign_asks_the_projects_owners_once_each_through_a_signed_link(world: Any, client_for: Any, anon: Any) -> None:
    campaign = factories.campaign(world)
    recipient = campaign.recipients.get()
    assert recipient.customer == world.customer_a  # project A's owner, not project B's
    token = link_token(recipient)
    page = anon.get(f"/api/v1/public/surveys/{token}/")
    assert page.status_code == 200 and page.json()["project"] == "项目A" and len(page.json()["questions"]) == 5
    bad = anon.post(f"/api/v1/public/surveys/{token}/", {"answers": {"overall": 9}}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"answers.overall", "answers.nps", "answers.fixed"}
    assert Recipient.objects.get(pk=recipient.pk).answered_at is None  # nothing half-written
    answers = {"overall": 2, "nps": 6, "fixed": "未解决", "why": ["维修质量", "响应速度"], "comment": "还在漏水"}
    assert anon.post(f"/api/v1/public/surveys/{token}/", {"answers": answers}, format="json").status_code == 201
    again = anon.post(f"/api/v1/public/surveys/{token}/", {"answers": answers}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "survey.answered"
    assert anon.get(f"/api/v1/public/surveys/{token}/").status_code == 409
    answer = Answer.objects.get()
    assert answer.recipient == recipient and answer.survey == campaign.survey

    results = client_for(world.admin).get(f"/api/v1/survey-campaigns/{campaign.id}/results/").json()
    assert (results["recipients"], results["answered"], results["response_rate"]) == (1, 1, 100.0)
    by_key = {q["key"]: q for q in results["questions"]}
    assert by_key["overall"]["average"] == 2.0 and by_key["nps"]["nps"] == -100.0
    assert by_key["why"]["distribution"] == {"响应速度": 1, "维修质量": 1, "服务态度": 0}
    assert by_key["comment"]["texts"] == ["还在漏水"]
    listed = client_for(world.admin).get("/api/v1/survey-campaigns/").json()["results"]
    assert [(c["recipient_count"], c["answered_count"]) for c in listed] == [(1, 1)]


def test_tampered_expired_and_foreign_links_are_refused(world: Any, anon: Any) -> None:
    campaign = factories.campaign(world)
    recipient = campaign.recipients.get()
    token = link_token(recipient)
    assert anon.get(f"/api/v1/public/surveys/{token[:-2]}xx/").status_code == 404
    forged = signing.dumps({"r": recipient.pk, "c": campaign.pk}, salt="another.salt", compress=True)
    assert anon.get(f"/api/v1/public/surveys/{forged}/").status_code == 404
    # another campaign's recipient id under this campaign's id: not a link we issued
    other = factories.campaign(world, project=world.project_b).recipients.get()
    mixed = signing.dumps({"r": other.pk, "c": campaign.pk}, salt=SALT, compress=True)
    assert anon.get(f"/api/v1/public/surveys/{mixed}/").status_code == 404
    Campaign.objects.filter(pk=campaign.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert anon.get(f"/api/v1/public/surveys/{token}/").status_code == 404
    posted = anon.post(
        f"/api/v1/public/surveys/{token}/", {"answers": {"overall": 5, "nps": 9, "fixed": "已解决"}}, format="json"
    )
    assert posted.status_code == 404 and not Answer.objects.exists()


def test_an_anonymous_campaign_keeps_no_link_from_answer_to_person(world: Any, anon: Any) -> None:
    campaign = factories.campaign(world, anonymous=True)
    token = link_token(campaign.recipients.get())
    assert (
        anon.post(
            f"/api/v1/public/surveys/{token}/", {"answers": {"overall": 5, "nps": 10, "fixed": "已解决"}}, format="json"
        ).status_code
        == 201
    )
    assert Answer.objects.get().recipient is None
    assert campaign.recipients.get().answered_at is not None  # still only once


def test_campaign_rules_and_scope(world: Any, client_for: Any) -> None:
    draft = factories.survey(world, published=False)
    client = client_for(world.admin, language="en")
    body = {
        "name": "x",
        "survey": draft.id,
        "project": world.project_a.id,
        "expires_at": (timezone.now() + datetime.timedelta(days=3)).isoformat(),
    }
    refused = client.post("/api/v1/survey-campaigns/", body, format="json")
    assert refused.status_code == 400 and "survey" in refused.json()["fields"]
    published = factories.survey(world)
    late = client.post(
        "/api/v1/survey-campaigns/", {**body, "survey": published.id, "expires_at": "2020-01-01T00:00:00Z"}, format="json"
    )
    assert late.status_code == 400 and "expires_at" in late.json()["fields"]
    wrong = client.post(
        "/api/v1/survey-campaigns/", {**body, "survey": published.id, "building": world.building_b.id}, format="json"
    )
    assert wrong.status_code == 400 and "building" in wrong.json()["fields"]
    assert not Campaign.objects.exists()
    campaign = factories.campaign(world)
    supervisor_b = world.user("supervisor_b", role="service_supervisor", projects=[world.project_b])
    assert client_for(supervisor_b).get(f"/api/v1/survey-campaigns/{campaign.id}/links/").status_code == 404
    assert client_for(supervisor_b).get("/api/v1/survey-campaigns/").json()["count"] == 0
    links = client_for(world.admin).get(f"/api/v1/survey-campaigns/{campaign.id}/links/").json()
    assert [(row["customer"], row["answered"]) for row in links] == [(world.customer_a.id, False)]


def test_answers_are_part_of_the_persons_data_copy_and_erasure(world: Any, anon: Any) -> None:
    from anju.privacy.services import erase_customer, personal_data

    campaign = factories.campaign(world)
    token = link_token(campaign.recipients.get())
    answers = {"overall": 4, "nps": 8, "fixed": "已解决", "comment": "张三说挺好"}
    assert anon.post(f"/api/v1/public/surveys/{token}/", {"answers": answers}, format="json").status_code == 201
    copy = personal_data(world.customer_a, actor=world.admin)["survey_answers"]
    assert [(a["campaign"], a["revision"], a["answers"]) for a in copy] == [("2026 年度满意度调查", 1, answers)]
    assert personal_data(world.customer_b, actor=world.admin)["survey_answers"] == []
    world.ownership_a.delete()  # erasure waits until the person owns no home here
    erase_customer(actor=world.admin, customer=world.customer_a, reason="本人申请删除")
    kept = Answer.objects.get()
    assert kept.recipient is None and kept.values == {"overall": 4, "nps": 8, "fixed": "已解决"}
