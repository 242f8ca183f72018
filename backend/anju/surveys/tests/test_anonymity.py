"""Anonymous surveys stay anonymous however they are read (the attacker check of 2026-12-05): timelines of the
campaign and the trigger, a trigger switched to named afterwards, agent entry, results and exports below five
answers, and NUL characters in questionnaires and answers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from anju.surveys.models import Answer, Campaign, Invitation, Recipient
from anju.surveys.selectors import link_token
from anju.surveys.tests import factories
from anju.surveys.tests.test_automatic import ANSWERS, _closed, _sweep

pytestmark = pytest.mark.django_db


def _anonymous_invitation_sent(desk: Any, capture: Any) -> tuple[Any, Any, Any]:
    trigger = factories.trigger(desk.world, anonymous=True)
    order = _closed(desk)
    assert _sweep(Invitation.objects.get().due_at, capture) == 1
    return trigger, order, Recipient.objects.get()


def test_given_an_anonymous_automatic_survey_when_its_timelines_are_read_then_no_order_is_named(
    desk: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    trigger, order, recipient = _anonymous_invitation_sent(desk, django_capture_on_commit_callbacks)
    client = client_for(desk.world.admin)
    paths = (f"/api/v1/survey-campaigns/{recipient.campaign_id}/timeline/", f"/api/v1/survey-triggers/{trigger.pk}/timeline/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200
        assert f"order:{order.pk}" not in response.content.decode(), path
    invited = client.get(f"/api/v1/survey-campaigns/{recipient.campaign_id}/timeline/").json()["results"]
    assert any(e["type"] == "survey.invitation_sent" and e["data"]["source"] == "order" for e in invited)


def test_given_a_sent_anonymous_invitation_when_the_trigger_is_made_named_then_its_row_still_names_nobody(
    desk: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    trigger, _order, _recipient = _anonymous_invitation_sent(desk, django_capture_on_commit_callbacks)
    client = client_for(desk.world.admin)
    body = {"anonymous": False, "version": trigger.version}
    changed = client.patch(f"/api/v1/survey-triggers/{trigger.pk}/", body, format="json")
    assert changed.status_code == 200, changed.content
    row = client.get(f"/api/v1/survey-triggers/{trigger.pk}/invitations/").json()["results"][0]
    named = (row["customer"], row["customer_name"], row["work_order"], row["unit"], row["event"])
    assert named == (None, None, None, None, "order")


def test_given_an_anonymous_campaign_when_an_agent_enters_answers_then_it_is_refused_and_nothing_told(
    world: Any, client_for: Any
) -> None:
    campaign = factories.campaign(world, anonymous=True)
    client = client_for(world.admin)
    recipient = campaign.recipients.order_by("id").first()
    for answered in (False, True):  # the same answer whether the person has answered or not: nothing to learn
        if answered:
            Recipient.objects.filter(pk=recipient.pk).update(answered_at=recipient.expires_at)
        response = client.post(
            f"/api/v1/survey-campaigns/{campaign.pk}/answer/", {"recipient": recipient.pk, "answers": ANSWERS}, format="json"
        )
        assert (response.status_code, response.json()["code"]) == (409, "survey.anonymous")
    assert Answer.objects.count() == 0


def test_given_an_anonymous_call_campaign_when_created_then_it_is_a_400_in_both_languages(world: Any, client_for: Any) -> None:
    survey = factories.survey(world)
    body = {
        "survey": survey.pk,
        "project": world.project_a.pk,
        "name": "匿名电话调查",
        "anonymous": True,
        "channel": "call",
        "expires_at": "2099-01-01T00:00:00+08:00",
    }
    for language, words in (("zh-hans", "匿名"), ("en", "anonymous")):
        response = client_for(world.admin, language=language).post("/api/v1/survey-campaigns/", body, format="json")
        assert response.status_code == 400
        assert words in response.json()["fields"]["anonymous"][0].lower()
    assert not Campaign.objects.exists()


def test_given_an_anonymous_campaign_with_fewer_than_five_answers_when_read_then_only_counts_show(
    world: Any, anon: Any, client_for: Any
) -> None:
    campaign = factories.campaign(world, anonymous=True)
    recipient = campaign.recipients.order_by("id").first()
    answers = {"overall": 1, "nps": 2, "fixed": "未解决", "why": ["服务态度"], "comment": "师傅态度差"}
    assert anon.post(f"/api/v1/public/surveys/{link_token(recipient)}/", {"answers": answers}, format="json").status_code == 201
    client = client_for(world.admin)
    results = client.get(f"/api/v1/survey-campaigns/{campaign.pk}/results/").json()
    # the audience is smaller than the minimum group: not even how many answered (it would point at someone)
    assert results["recipients"] < 5
    assert (results["answered"], results["response_rate"], results["hidden"], results["min_answers"]) == (None, None, True, 5)
    assert client.get(f"/api/v1/survey-campaigns/{campaign.pk}/").json()["answered_count"] is None
    for question in results["questions"]:
        assert question["answers"] == 0 and not question.get("texts") and question.get("average") is None
    assert all(row["answered"] is None for row in results["by_building"])
    exported = client.get(f"/api/v1/survey-campaigns/{campaign.pk}/export/")
    assert exported.status_code == 200
    book = load_workbook(io.BytesIO(exported.content))
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "师傅态度差" not in cells and "未解决" not in cells


@pytest.mark.parametrize("where", ["title", "option", "answer"])
def test_given_a_nul_character_in_survey_json_when_sent_then_it_is_a_400(
    world: Any, anon: Any, client_for: Any, where: str
) -> None:
    client = client_for(world.admin)
    if where == "answer":
        campaign = factories.campaign(world)
        token = link_token(campaign.recipients.order_by("id").first())
        answers = {"overall": 4, "nps": 9, "fixed": "已解决", "comment": "a\u0000b"}
        response = anon.post(f"/api/v1/public/surveys/{token}/", {"answers": answers}, format="json")
        assert response.status_code == 400 and "answers" in response.json()["fields"]
        assert Answer.objects.count() == 0
        return
    questions = [dict(q) for q in factories.QUESTIONS]
    if where == "title":
        questions[0]["title"] = "总体\u0000满意度"
    else:
        questions[2]["options"] = ["已解决\u0000", "未解决"]
    response = client.post("/api/v1/surveys/", {"title": "问卷", "questions": questions}, format="json")
    assert response.status_code == 400 and "questions" in response.json()["fields"]


def test_answers_stay_usable(world: Any) -> None:
    """The fixture answers still satisfy the questionnaire (guards the tests above against a changed fixture)."""
    from anju.surveys import rules

    kept, errors = rules.clean_answers(factories.QUESTIONS, ANSWERS)
    assert errors == {} and kept["overall"] == 4


def test_given_an_anonymous_campaign_reminder_when_fatigue_is_judged_then_only_the_first_text_counts(world: Any) -> None:
    """Reminders of an anonymous campaign go only to those who have not answered: if they counted for survey fatigue,
    an automatic survey skipping one person and asking another would tell who had answered."""
    import datetime

    from django.utils import timezone

    from anju.surveys.automatic import invited_recently

    campaign = factories.campaign(world, anonymous=True)
    recipient = campaign.recipients.get()
    now = timezone.now()
    first = now - datetime.timedelta(days=10)
    reminded = now - datetime.timedelta(days=1)
    Recipient.objects.filter(pk=recipient.pk).update(sent_count=2, first_sent_at=first, last_sent_at=reminded)
    assert not invited_recently(recipient.customer_id, 5, now)  # the reminder 1 day ago does not count
    assert invited_recently(recipient.customer_id, 15, now)  # the first text 10 days ago does
    Campaign.objects.filter(pk=campaign.pk).update(anonymous=False)
    assert invited_recently(recipient.customer_id, 5, now)  # a named campaign's reminder counts as before


def test_given_an_anonymous_invitation_row_when_listed_then_its_times_are_the_day_only(
    desk: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    trigger, _order, _recipient = _anonymous_invitation_sent(desk, django_capture_on_commit_callbacks)
    row = client_for(desk.world.admin).get(f"/api/v1/survey-triggers/{trigger.pk}/invitations/").json()["results"][0]
    for key in ("due_at", "decided_at"):
        assert row[key].split("T")[1].startswith("00:00:00"), row[key]


def test_given_an_anonymous_campaign_with_enough_answers_when_read_then_texts_are_not_in_answer_order(
    world: Any, monkeypatch: Any
) -> None:
    from anju.surveys import selectors
    from anju.surveys.models import Answer

    campaign = factories.campaign(world, anonymous=True)
    monkeypatch.setattr(selectors, "ANONYMOUS_MIN_GROUP", 1)
    for text in ("乙：电梯很干净", "甲：物业很负责"):
        values = {"overall": 4, "nps": 9, "fixed": "已解决", "comment": text}
        Answer.objects.create(campaign=campaign, survey=campaign.survey, values=values)
    texts = next(q["texts"] for q in selectors.results(campaign)["questions"] if q["key"] == "comment")
    assert texts == sorted(["乙：电梯很干净", "甲：物业很负责"])
