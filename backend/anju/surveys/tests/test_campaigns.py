"""The questionnaire workflow (archive/restore), sending links through the text outbox and resending to
non-responders, follow-ups opened by low scores, agent entry during a call, the owner app, the cross-tab and export."""

from __future__ import annotations

import datetime
import io
import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import override
from openpyxl import load_workbook

from anju.core.models import Event
from anju.customers.models import FollowUp, Tag
from anju.notifications.models import OutboxMessage
from anju.surveys import rules, services
from anju.surveys.models import Answer, Survey
from anju.surveys.tests import factories
from anju.surveys.tests.factories import QUESTIONS

pytestmark = pytest.mark.django_db

FOLLOWED = [
    {**QUESTIONS[0], "follow_up": {"below": 3}},
    QUESTIONS[1],
    {**QUESTIONS[2], "follow_up": {"chosen": ["未解决"]}},
    *QUESTIONS[3:],
]


def _owner_client(customer: Any) -> Any:
    from rest_framework.test import APIClient

    from anju.owners.signin import COOKIE_NAME, open_session

    client = APIClient()
    client.cookies[COOKIE_NAME] = open_session(customer=customer).key
    return client


def _types(target: Any) -> list[str]:
    """The event types on ``target``'s timeline (its own events and those put on it with ``also_on``)."""
    from django.db.models import Q

    kind = ContentType.objects.get_for_model(target)
    mine = Q(target_type=kind, target_id=target.pk) | Q(links__content_type=kind, links__object_id=target.pk)
    return list(Event.objects.filter(mine).distinct().order_by("id").values_list("type", flat=True))


@override("en")
def test_follow_up_rules_worked_examples() -> None:
    cleaned, errors = rules.clean_questions(FOLLOWED)
    assert errors == {} and cleaned[0]["follow_up"] == {"below": 3} and cleaned[2]["follow_up"] == {"chosen": ["未解决"]}
    bad = [
        {"key": "a", "type": "rating", "title": "x", "follow_up": {"below": 6}},  # a rating is 1..5
        {"key": "b", "type": "single", "title": "y", "options": ["是", "否"], "follow_up": {"chosen": ["也许"]}},
        {"key": "c", "type": "text", "title": "z", "follow_up": {"below": 2}},  # free text has no score
        {"key": "d", "type": "nps", "title": "w", "follow_up": {"below": 7, "chosen": ["x"]}},
    ]
    assert set(rules.clean_questions(bad)[1]) == {f"questions.{i}.follow_up" for i in range(4)}
    # a score of 2 is below 3; 3 is not; "未解决" is a chosen answer; a multiple choice matches any picked option
    assert rules.needs_follow_up(cleaned, {"overall": 2, "fixed": "已解决"}) == ["overall"]
    assert rules.needs_follow_up(cleaned, {"overall": 3, "fixed": "已解决"}) == []
    assert rules.needs_follow_up(cleaned, {"overall": 5, "fixed": "未解决"}) == ["fixed"]
    multi = [{"key": "m", "type": "multiple", "title": "m", "options": ["a", "b", "c"], "follow_up": {"chosen": ["c"]}}]
    cleaned_multi = rules.clean_questions(multi)[0]
    assert rules.needs_follow_up(cleaned_multi, {"m": ["a", "c"]}) == ["m"]
    assert rules.needs_follow_up(cleaned_multi, {"m": ["a", "b"]}) == []


def test_archive_and_restore_and_no_campaign_from_an_archived_revision(world: Any, client_for: Any) -> None:
    survey = factories.survey(world)
    client = client_for(world.admin, language="en")
    archived = client.post(f"/api/v1/surveys/{survey.id}/archive/", {"version": survey.version}, format="json")
    assert archived.status_code == 200 and archived.json()["status"] == "archived"
    assert [a["action"] for a in archived.json()["allowed_actions"]] == ["restore"]
    assert (
        client.post(f"/api/v1/surveys/{survey.id}/archive/", {"version": archived.json()["version"]}, format="json").status_code
        == 409
    )
    with pytest.raises(Exception) as refused:
        services.create_campaign(
            actor=world.admin,
            survey=Survey.objects.get(pk=survey.pk),
            project=world.project_a,
            name="x",
            expires_at=survey.created_at.replace(year=2099),
        )
    assert getattr(refused.value, "fields", {}).keys() == {"survey"}
    restored = client.post(f"/api/v1/surveys/{survey.id}/restore/", {"version": archived.json()["version"]}, format="json")
    assert restored.status_code == 200 and restored.json()["status"] == "published"
    assert _types(survey) == ["record.created", "survey.published", "survey.archived", "survey.restored"]
    agent = world.user("agent_a", role="service_agent", projects=[world.project_a])
    seen = client_for(agent).get(f"/api/v1/surveys/{survey.id}/").json()
    assert seen["allowed_actions"] == []  # an agent may read, not publish or archive


@override_settings(ANJU_SITE_URL="https://kf.anju.example")
def test_links_go_out_through_the_outbox_and_again_only_to_non_responders(
    world: Any, client_for: Any, anon: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.customers.services.contacts import add_ownership
    from anju.customers.services.customers import create_customer

    other = create_customer(actor=world.admin, name="王五", mobiles=["13700137000"], projects=[world.project_a])
    add_ownership(actor=world.admin, customer=other, unit=world.unit_a, role="joint")
    campaign = factories.campaign(world)
    client = client_for(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json")
    assert first.status_code == 200 and first.json() == {"sent": 2, "without_mobile": 0, "without_email": 0}
    texts = {m.to: m.body for m in OutboxMessage.objects.all()}
    assert set(texts) == {"13800138000", "13700137000"}
    token = re.search(r"https://kf\.anju\.example/s/(\S+)", texts["13800138000"]).group(1)  # type: ignore[union-attr]
    assert anon.get(f"/api/v1/public/surveys/{token}/").json()["title"] == "维修回访问卷"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json").json()["sent"] == 0
    assert (
        anon.post(
            f"/api/v1/public/surveys/{token}/", {"answers": {"overall": 5, "nps": 9, "fixed": "已解决"}}, format="json"
        ).status_code
        == 201
    )
    # a reminder right after the first text is not sent (at most one a day)
    too_soon = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {"resend": True}, format="json")
    assert too_soon.json() == {"sent": 0, "without_mobile": 0, "without_email": 0}
    from anju.surveys.models import Recipient

    Recipient.objects.filter(campaign=campaign).update(last_sent_at=timezone.now() - datetime.timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {"resend": True}, format="json")
    assert again.json() == {"sent": 1, "without_mobile": 0, "without_email": 0}
    assert [m.to for m in OutboxMessage.objects.order_by("id")][2:] == ["13700137000"]  # the one who has not answered
    # …and at most three texts in all to one person
    Recipient.objects.filter(campaign=campaign).update(sent_count=3, last_sent_at=timezone.now() - datetime.timedelta(days=3))
    assert client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {"resend": True}, format="json").json()["sent"] == 0
    listed = client.get("/api/v1/survey-campaigns/").json()["results"][0]
    assert (listed["sent_count"], listed["answered_count"]) == (2, 1)
    # the answer is on the campaign's timeline (and, through also_on, on the customer's)
    assert _types(campaign) == [
        "record.created",
        "survey.sent",
        "survey.sent",
        "survey.answered",
        "survey.sent",
        "survey.sent",
        "survey.sent",
    ]
    bad = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {"resend": "maybe"}, format="json")
    assert bad.status_code == 400 and "resend" in bad.json()["fields"]


def test_a_call_campaign_sends_no_links_and_an_agent_enters_the_answers(world: Any, client_for: Any) -> None:
    campaign = factories.campaign(world)
    campaign.channel = "call"
    campaign.save()
    agent = world.user("agent_a", role="service_agent", projects=[world.project_a])
    agent_b = world.user("agent_b", role="service_agent", projects=[world.project_b])
    client = client_for(agent, language="en")
    supervisor = client_for(world.admin)
    refused = supervisor.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "survey.call_campaign"
    assert client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json").status_code == 403
    people = client.get(f"/api/v1/survey-campaigns/{campaign.id}/recipients/").json()
    assert [(p["customer_name"], p["answered"]) for p in people] == [("张三", False)]
    recipient = people[0]["recipient"]
    url = f"/api/v1/survey-campaigns/{campaign.id}/answer/"
    bad = client.post(url, {"recipient": recipient, "answers": {"overall": 0}}, format="json")
    assert bad.status_code == 400 and "answers.overall" in bad.json()["fields"] and not Answer.objects.exists()
    assert client_for(agent_b).post(url, {"recipient": recipient, "answers": {}}, format="json").status_code == 404
    stranger = factories.campaign(world, project=world.project_b).recipients.get().pk
    assert client.post(url, {"recipient": stranger, "answers": {}}, format="json").status_code == 404
    ok = client.post(url, {"recipient": recipient, "answers": {"overall": 4, "nps": 8, "fixed": "已解决"}}, format="json")
    assert ok.status_code == 201 and Answer.objects.get().entered_by == agent
    again = client.post(url, {"recipient": recipient, "answers": {"overall": 4, "nps": 8, "fixed": "已解决"}}, format="json")
    assert again.status_code == 409
    assert "survey.answered" in _types(world.customer_a)


def test_a_low_score_opens_a_follow_up_for_the_projects_supervisor(world: Any, anon: Any) -> None:
    from anju.surveys.selectors import link_token

    supervisor = world.user("sup_a", role="service_supervisor", projects=[world.project_a])
    world.user("sup_b", role="service_supervisor", projects=[world.project_b])
    survey = services.create_survey(actor=world.admin, title="交付回访", questions=FOLLOWED)
    survey = services.publish_survey(actor=world.admin, survey=survey, version=survey.version)
    make = lambda anonymous: services.create_campaign(  # noqa: E731
        actor=world.admin,
        survey=survey,
        project=world.project_a,
        name="交付回访",
        anonymous=anonymous,
        expires_at=survey.created_at.replace(year=2099),
    )
    happy = {"overall": 5, "nps": 9, "fixed": "已解决"}
    assert (
        anon.post(
            f"/api/v1/public/surveys/{link_token(make(False).recipients.get())}/", {"answers": happy}, format="json"
        ).status_code
        == 201
    )
    assert not FollowUp.objects.exists()
    unhappy = {"overall": 2, "nps": 3, "fixed": "未解决", "why": ["维修质量"]}
    assert (
        anon.post(
            f"/api/v1/public/surveys/{link_token(make(False).recipients.get())}/", {"answers": unhappy}, format="json"
        ).status_code
        == 201
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.owner, follow_up.customer, follow_up.project) == (supervisor, world.customer_a, world.project_a)
    assert "总体满意度：2" in follow_up.content and "未解决" in follow_up.content
    assert follow_up.next_follow_up_on is not None
    timeline = _types(world.customer_a)
    assert timeline.count("survey.answered") == 2 and timeline.count("survey.follow_up_opened") == 1
    assert supervisor.notifications.filter(kind="survey_follow_up").count() == 1
    # anonymous: nothing links the answer to the person, so no personal follow-up and no timeline entry
    assert (
        anon.post(
            f"/api/v1/public/surveys/{link_token(make(True).recipients.get())}/", {"answers": unhappy}, format="json"
        ).status_code
        == 201
    )
    assert FollowUp.objects.count() == 1 and _types(world.customer_a).count("survey.answered") == 2


def test_the_owner_app_lists_and_answers_the_owners_surveys(world: Any) -> None:
    campaign = factories.campaign(world)
    factories.campaign(world, project=world.project_b)
    owner = _owner_client(world.customer_a)
    listed = owner.get("/api/v1/owner/surveys/").json()
    assert [(r["title"], r["answered"], r["open"]) for r in listed] == [("维修回访问卷", False, True)]
    invitation = listed[0]["id"]
    other = _owner_client(world.customer_b).get("/api/v1/owner/surveys/").json()
    assert len(other) == 1 and other[0]["id"] != invitation
    assert _owner_client(world.customer_b).get(f"/api/v1/owner/surveys/{invitation}/").status_code == 404
    detail = owner.get(f"/api/v1/owner/surveys/{invitation}/").json()
    assert [q["key"] for q in detail["questions"]] == ["overall", "nps", "fixed", "why", "comment"]
    url = f"/api/v1/owner/surveys/{invitation}/answer/"
    bad = owner.post(url, {"answers": {"overall": 2, "nps": 3, "fixed": "未解决"}}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 400 and bad.json()["fields"] == {"answers.why": ["This question needs an answer."]}
    done = owner.post(url, {"answers": {"overall": 5, "nps": 10, "fixed": "已解决"}}, format="json")
    assert done.status_code == 201 and (done.json()["answered"], done.json()["open"]) == (True, False)
    assert owner.post(url, {"answers": {"overall": 5, "nps": 10, "fixed": "已解决"}}, format="json").status_code == 409
    assert Answer.objects.get().campaign == campaign


def test_cross_tab_export_and_customer_group_target(world: Any, client_for: Any, anon: Any, monkeypatch: Any) -> None:
    from anju.surveys import selectors
    from anju.surveys.selectors import link_token

    campaign = factories.campaign(world, anonymous=True)
    token = link_token(campaign.recipients.get())
    texted = {"overall": 4, "nps": 9, "fixed": "已解决", "comment": '=HYPERLINK("http://x")'}
    assert anon.post(f"/api/v1/public/surveys/{token}/", {"answers": texted}, format="json").status_code == 201
    results = client_for(world.admin).get(f"/api/v1/survey-campaigns/{campaign.id}/results/").json()
    assert results["by_building"] == [
        {
            "building": world.building_a.id,
            "building_name": world.building_a.name,
            "recipients": 1,
            # anonymous: one answer in a building is one person's — neither its averages nor that someone there
            # answered, below ANONYMOUS_MIN_GROUP answers
            "answered": None,
            "averages": {"overall": None, "nps": None},
        }
    ]
    # …and who answered stays unknown: no list of links with their answered state
    links = client_for(world.admin).get(f"/api/v1/survey-campaigns/{campaign.id}/links/")
    assert links.status_code == 409 and links.json()["code"] == "survey.anonymous"
    exported = client_for(world.admin).get(f"/api/v1/survey-campaigns/{campaign.id}/export/")
    assert exported.status_code == 200
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(exported.content)).worksheets[0].iter_rows()]
    assert len(rows) == 1  # the header only: below the minimum, no answer leaves
    # from the minimum on (one here, to keep the fixture small): the day only, never the minute; a typed formula
    # stays text
    monkeypatch.setattr(selectors, "ANONYMOUS_MIN_GROUP", 1)
    exported = client_for(world.admin).get(f"/api/v1/survey-campaigns/{campaign.id}/export/")
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert len(cells[1][0]) == len("2026-12-04") and cells[1][2:5] == [4, 9, "已解决"]
    comment = sheet.cell(row=2, column=7)
    assert comment.value == texted["comment"] and comment.data_type == "s"  # text, never a formula
    assert not any("张三" in str(v) for row in cells for v in row)  # no person in the export
    supervisor_b = world.user("supervisor_b", role="service_supervisor", projects=[world.project_b])
    assert client_for(supervisor_b).get(f"/api/v1/survey-campaigns/{campaign.id}/export/").status_code == 404
    assert client_for(supervisor_b).get(f"/api/v1/survey-campaigns/{campaign.id}/results/").status_code == 404
    # a customer group of the project: its members in this project only
    vip = Tag.objects.create(name="VIP")
    world.customer_a.tags.add(vip)
    world.customer_b.tags.add(vip)
    survey = factories.survey(world)
    grouped = services.create_campaign(
        actor=world.admin,
        survey=survey,
        project=world.project_a,
        tag=vip,
        name="VIP 回访",
        expires_at=survey.created_at.replace(year=2099),
    )
    assert list(grouped.recipients.values_list("customer", flat=True)) == [world.customer_a.pk]
    both = client_for(world.admin, language="en").post(
        "/api/v1/survey-campaigns/",
        {
            "name": "x",
            "survey": survey.id,
            "project": world.project_a.id,
            "building": world.building_a.id,
            "tag": vip.id,
            "expires_at": "2099-01-01T00:00:00Z",
        },
        format="json",
    )
    assert both.status_code == 400 and "tag" in both.json()["fields"]
