"""Automatic surveys (自动调查): after a repair order closes, after handover, yearly — invitations made by the other
apps' signals, sent once by the sweep (also across a crash), survey fatigue, anonymity and erasure, the trigger and
settings API (bad input, versions, scope), and the per-project low-score threshold."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from anju.core.models import Event
from anju.customers.models import FollowUp
from anju.notifications.models import OutboxMessage
from anju.surveys import automatic, rules, services
from anju.surveys.models import Answer, Campaign, Invitation, Recipient, SurveySettings, SurveyTrigger
from anju.surveys.selectors import link_token
from anju.surveys.tests import factories
from anju.surveys.tests.factories import QUESTIONS

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
ANSWERS = {"overall": 4, "nps": 9, "fixed": "已解决"}


def _closed(desk: Any, **overrides: Any) -> Any:
    """A repair order of project A's customer, done and closed by a happy return visit."""
    from anju.visits import services as visits
    from anju.visits.models import ReturnVisit
    from anju.workorders.services import transitions

    order = transitions.dispatch(actor=desk.supervisor, order=desk.repair(**overrides), technician=desk.plumber)
    for step in (transitions.accept, transitions.start):
        order = step(actor=desk.plumber_user, order=order)
    done = {"work_done": "修好", "lines": [], "owner_confirmed_name": "张三", "free_reason": "免费：上门检查"}
    order = transitions.complete(actor=desk.plumber_user, order=order, **done)
    visit = ReturnVisit.objects.get(work_order=order)
    visits.record_outcome(actor=desk.agent, visit=visit, resolved=True, satisfaction=5)
    order.refresh_from_db()
    assert order.status == "closed"
    return order


def _sweep(when: datetime.datetime, capture: Any) -> int:
    with capture(execute=True):
        return automatic.send_due_invitations(now=when)


def _on_customer(customer: Any, type_: str) -> bool:
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(customer)
    return Event.objects.filter(type=type_, links__content_type=kind, links__object_id=customer.pk).exists()


def _events(type_: str) -> int:
    return Event.objects.filter(type=type_).count()


# --- rules -------------------------------------------------------------------------------------------------------


def test_given_an_event_when_its_invitation_is_due_then_it_falls_in_the_sending_hours() -> None:
    at = lambda *a: datetime.datetime(*a, tzinfo=TZ)  # noqa: E731
    assert rules.invitation_due(at(2026, 12, 4, 15, 30), 1) == at(2026, 12, 5, 15, 30)  # a day later, same hour
    assert rules.invitation_due(at(2026, 12, 4, 21, 10), 0) == at(2026, 12, 5, 9, 0)  # after 20:00: next morning
    assert rules.invitation_due(at(2026, 12, 4, 6, 45), 2) == at(2026, 12, 6, 9, 0)  # before 09:00: that day's 09:00
    assert rules.invitation_due(at(2026, 12, 4, 20, 0), 0) == at(2026, 12, 5, 9, 0)  # 20:00 itself is too late
    assert rules.yearly_date(2028, 6, 30) == datetime.date(2028, 6, 30)
    assert rules.yearly_date(2028, 2, 29) is None  # not every year has it
    assert rules.yearly_date(2027, 4, 31) is None and rules.yearly_date(2027, None, 1) is None


def test_given_a_project_threshold_when_a_rating_is_low_then_the_low_score_rule_follows_it_up() -> None:
    questions, errors = rules.clean_questions([{**QUESTIONS[0], "follow_up": {"low_score": True}}])
    assert errors == {} and questions[0]["follow_up"] == {"low_score": True}
    assert rules.needs_follow_up(questions, {"overall": 2}) == ["overall"]  # default: 2 or less is low
    assert rules.needs_follow_up(questions, {"overall": 3}) == []
    assert rules.needs_follow_up(questions, {"overall": 3}, low_score=3) == ["overall"]
    assert rules.needs_follow_up(questions, {"overall": 2}, low_score=1) == []
    bad = [
        {**QUESTIONS[1], "follow_up": {"low_score": True}},  # NPS keeps "below": its scale is not the rating's
        {**QUESTIONS[0], "follow_up": {"low_score": 2}},
    ]
    assert set(rules.clean_questions(bad)[1]) == {"questions.0.follow_up", "questions.1.follow_up"}


def test_given_a_project_low_score_threshold_when_an_owner_answers_then_the_follow_up_uses_it(world: Any, anon: Any) -> None:
    world.user("sup_a", role="service_supervisor", projects=[world.project_a])
    made = services.create_survey(
        actor=world.admin, title="回访", questions=[{**QUESTIONS[0], "follow_up": {"low_score": True}}, *QUESTIONS[1:3]]
    )
    survey = services.publish_survey(actor=world.admin, survey=made, version=made.version)

    def answer(score: int) -> None:
        campaign = services.create_campaign(
            actor=world.admin, survey=survey, project=world.project_a, name="回访", expires_at=made.created_at.replace(year=2099)
        )
        token = link_token(campaign.recipients.get())
        body = {"answers": {**ANSWERS, "overall": score}}
        assert anon.post(f"/api/v1/public/surveys/{token}/", body, format="json").status_code == 201

    answer(3)
    assert not FollowUp.objects.exists()  # the default threshold: 3 is not low
    services.update_survey_settings(actor=world.admin, project=world.project_a, values={"low_score_threshold": 3}, version=1)
    answer(3)
    assert FollowUp.objects.count() == 1
    assert Event.objects.filter(type="survey_settings.changed", target_id=world.project_a.pk).count() == 1


# --- after a repair order closes -------------------------------------------------------------------------------------


def test_given_a_closed_repair_order_when_the_sweep_runs_twice_then_one_text_goes_out_when_due(
    desk: Any, anon: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = desk.world
    trigger = factories.trigger(world, delay_days=1, link_days=7)
    order = _closed(desk)
    invitation = Invitation.objects.get()
    assert (invitation.state, invitation.customer, invitation.work_order, invitation.source) == (
        "pending",
        world.customer_a,
        order,
        f"order:{order.pk}",
    )
    assert invitation.due_at == rules.invitation_due(order.closed_at, 1)
    assert _sweep(timezone.now(), django_capture_on_commit_callbacks) == 0  # not yet due
    due = invitation.due_at
    night = timezone.localtime(due).replace(hour=21) + datetime.timedelta(days=1)
    Invitation.objects.filter(pk=invitation.pk).update(due_at=night - datetime.timedelta(hours=3))
    assert _sweep(night, django_capture_on_commit_callbacks) == 0  # due, but no text at 21:00
    assert Invitation.objects.get().state == "pending"
    Invitation.objects.filter(pk=invitation.pk).update(due_at=due)
    assert _sweep(due, django_capture_on_commit_callbacks) == 1
    assert _sweep(due + datetime.timedelta(hours=1), django_capture_on_commit_callbacks) == 0  # a re-run sends nothing
    text = OutboxMessage.objects.get()
    assert text.to == "13800138000" and "/s/" in text.body
    recipient = Recipient.objects.get()
    campaign = recipient.campaign
    assert campaign.trigger == trigger and campaign.period == timezone.localtime(due).year
    assert recipient.expires_at == due + datetime.timedelta(days=7) and campaign.expires_at == recipient.expires_at
    assert recipient.source == f"order:{order.pk}" and recipient.sent_count == 1
    invitation.refresh_from_db()
    assert (invitation.state, invitation.recipient) == ("sent", recipient)
    # the person's timeline says it (not anonymous); the answer goes to the campaign's results like a manual one
    assert _on_customer(world.customer_a, "survey.invitation_sent")
    token = link_token(recipient)
    assert anon.post(f"/api/v1/public/surveys/{token}/", {"answers": ANSWERS}, format="json").status_code == 201
    assert Answer.objects.get().recipient == recipient
    # reopened and closed again: the same order asks nobody twice
    assert automatic.order_closed(order) == 0 and Invitation.objects.count() == 1


def test_given_categories_when_an_order_of_another_closes_then_nobody_is_asked(desk: Any) -> None:
    factories.trigger(desk.world, categories=[desk.bathroom])
    _closed(desk)  # 给水管道
    assert not Invitation.objects.exists()
    trigger = SurveyTrigger.objects.get()
    trigger.categories.set([desk.water.parent])  # 水电 covers 给水管道
    _closed(desk)
    assert Invitation.objects.count() == 1


def test_given_no_active_trigger_when_an_order_closes_then_nothing_is_made(desk: Any) -> None:
    trigger = factories.trigger(desk.world)
    services.update_trigger(actor=desk.world.admin, trigger=trigger, values={"active": False}, version=trigger.version)
    _closed(desk)
    assert not Invitation.objects.exists()


def test_given_a_crash_between_queueing_and_marking_when_the_sweep_runs_again_then_it_sends_once(
    desk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    factories.trigger(desk.world)
    _closed(desk)
    due = Invitation.objects.get().due_at
    with mock.patch.object(automatic, "record_event", side_effect=RuntimeError("killed")):
        assert _sweep(due, django_capture_on_commit_callbacks) == 0  # the job logs it and goes on
    assert not OutboxMessage.objects.exists() and not Recipient.objects.exists()
    assert Invitation.objects.get().state == "pending"  # rolled back: still waiting
    assert _sweep(due, django_capture_on_commit_callbacks) == 1
    assert OutboxMessage.objects.count() == 1


def test_given_a_gateway_failure_after_the_mark_when_the_sweep_runs_again_then_nothing_is_sent_twice(
    desk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    factories.trigger(desk.world)
    _closed(desk)
    due = Invitation.objects.get().due_at
    down = mock.patch("anju.notifications.backends.OutboxBackend.send", side_effect=RuntimeError("gateway down"))
    with down, pytest.raises(RuntimeError):
        _sweep(due, django_capture_on_commit_callbacks)
    assert Invitation.objects.get().state == "sent"  # committed before the text left
    assert _sweep(due, django_capture_on_commit_callbacks) == 0
    assert OutboxMessage.objects.count() == 0  # at most once: never a second text


# --- survey fatigue ----------------------------------------------------------------------------------------------------


def test_given_a_person_invited_recently_when_the_next_is_due_then_it_is_skipped_and_recorded(
    desk: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = desk.world
    trigger = factories.trigger(world)
    _closed(desk)
    _closed(desk)  # two orders closed the same day: one invitation, the second is fatigue
    first, second = Invitation.objects.order_by("id")
    due = max(first.due_at, second.due_at)
    assert _sweep(due, django_capture_on_commit_callbacks) == 1
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.state, second.state, second.reason) == ("sent", "skipped", "fatigue")
    assert OutboxMessage.objects.count() == 1 and _events("survey.invitation_skipped") == 1
    # 29 days later still too soon (30 by default); a project that allows 20 days asks again
    third = _closed(desk)
    later = Invitation.objects.get(work_order=third)
    assert _sweep(due + datetime.timedelta(days=29), django_capture_on_commit_callbacks) == 0
    later.refresh_from_db()
    assert later.reason == "fatigue"
    services.update_survey_settings(actor=world.admin, project=world.project_a, values={"fatigue_days": 20}, version=1)
    fourth = _closed(desk)
    assert _sweep(due + datetime.timedelta(days=29), django_capture_on_commit_callbacks) == 1
    assert Invitation.objects.get(work_order=fourth).state == "sent"
    rows = client_for(world.admin, language="en").get(f"/api/v1/survey-triggers/{trigger.pk}/invitations/").json()["results"]
    assert sorted(r["reason"] for r in rows) == ["", "", "fatigue", "fatigue"]
    assert {r["customer_name"] for r in rows} == {"张三"}


def test_given_a_manual_campaign_text_when_an_automatic_one_is_due_then_fatigue_counts_it(
    desk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    campaign = factories.campaign(desk.world)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_campaign(actor=desk.world.admin, campaign=campaign)
    factories.trigger(desk.world)
    _closed(desk)
    invitation = Invitation.objects.get()
    assert _sweep(invitation.due_at, django_capture_on_commit_callbacks) == 0
    invitation.refresh_from_db()
    assert invitation.reason == "fatigue" and OutboxMessage.objects.count() == 1


# --- after handover, yearly ------------------------------------------------------------------------------------------------


def test_given_a_handover_when_the_unit_is_delivered_then_its_owners_are_invited_once(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.customers.services.contacts import add_ownership
    from anju.customers.services.customers import create_customer
    from anju.properties.services import deliver_unit

    spouse = create_customer(actor=world.admin, name="王五", mobiles=["13700137000"], projects=[world.project_a])
    add_ownership(actor=world.admin, customer=spouse, unit=world.unit_a, role="joint")
    spouse.mobiles.all().delete()  # a record whose number was removed (the text cannot go out)
    factories.trigger(world, kind="handover", delay_days=0)
    deliver_unit(actor=world.admin, unit=world.unit_a, delivered_on=timezone.localdate() - datetime.timedelta(days=3))
    assert not Invitation.objects.exists()  # a handover dated before the automatic survey existed
    deliver_unit(actor=world.admin, unit=world.unit_a, delivered_on=timezone.localdate())
    deliver_unit(actor=world.admin, unit=world.unit_a, delivered_on=timezone.localdate())  # the same handover again
    assert sorted(Invitation.objects.values_list("customer__name", "source")) == [
        ("张三", f"unit:{world.unit_a.pk}"),
        ("王五", f"unit:{world.unit_a.pk}"),
    ]
    due = max(Invitation.objects.values_list("due_at", flat=True))
    assert _sweep(due, django_capture_on_commit_callbacks) == 1
    assert dict(Invitation.objects.values_list("customer__name", "reason")) == {"张三": "", "王五": "no_mobile"}


def test_given_a_yearly_survey_when_its_day_comes_then_every_owner_is_asked_once_that_year(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    trigger = factories.trigger(world, kind="yearly", month=12, day=20, delay_days=0)
    SurveyTrigger.objects.filter(pk=trigger.pk).update(created_at=datetime.datetime(2026, 1, 1, tzinfo=TZ))
    eve = datetime.datetime(2026, 12, 19, 10, tzinfo=TZ)
    assert _sweep(eve, django_capture_on_commit_callbacks) == 0 and not Invitation.objects.exists()
    day = datetime.datetime(2026, 12, 20, 10, tzinfo=TZ)
    assert _sweep(day, django_capture_on_commit_callbacks) == 1  # project A's one owner; project B's is not asked
    assert _sweep(day + datetime.timedelta(days=3), django_capture_on_commit_callbacks) == 0
    assert list(Invitation.objects.values_list("customer", "source")) == [(world.customer_a.pk, "year:2026")]
    next_year = datetime.datetime(2027, 12, 20, 10, tzinfo=TZ)
    assert _sweep(next_year, django_capture_on_commit_callbacks) == 1
    assert Campaign.objects.filter(trigger=trigger).count() == 2  # one campaign per year


def test_the_sweep_is_a_periodic_job_of_beat_and_run_scheduler(world: Any) -> None:
    from django.core.management import call_command

    entry = settings.CELERY_BEAT_SCHEDULE["survey-invitations"]
    assert entry["task"] == "anju.surveys.tasks.send_survey_invitations"
    factories.trigger(world, kind="yearly", month=1, day=1, delay_days=0)
    with mock.patch("anju.surveys.automatic.send_due_invitations", return_value=0) as sweep:
        call_command("run_scheduler", "--once", "--only", "survey-invitations")
    assert sweep.call_count == 1


# --- anonymity and erasure ------------------------------------------------------------------------------------------------


def test_given_an_anonymous_automatic_survey_when_answered_then_nothing_links_the_answer_to_the_person(
    desk: Any, anon: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = desk.world
    trigger = factories.trigger(world, anonymous=True)
    _closed(desk)
    invitation = Invitation.objects.get()
    assert _sweep(invitation.due_at, django_capture_on_commit_callbacks) == 1
    recipient = Recipient.objects.get()
    assert recipient.campaign.anonymous
    assert not _on_customer(world.customer_a, "survey.invitation_sent")
    assert anon.post(f"/api/v1/public/surveys/{link_token(recipient)}/", {"answers": ANSWERS}, format="json").status_code == 201
    assert Answer.objects.get().recipient is None
    client = client_for(world.admin)
    rows = client.get(f"/api/v1/survey-triggers/{trigger.pk}/invitations/").json()["results"]
    assert rows[0]["customer"] is None and rows[0]["customer_name"] is None and rows[0]["work_order"] is None
    assert rows[0]["event"] == "order" and rows[0]["state"] == "sent"
    assert client.get(f"/api/v1/survey-campaigns/{recipient.campaign_id}/recipients/").json() == []
    assert client.get(f"/api/v1/survey-campaigns/{recipient.campaign_id}/links/").status_code == 409


def test_given_an_erased_person_when_their_invitation_is_due_then_it_is_skipped_and_answers_stay_unlinked(
    desk: Any, anon: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.privacy.services import erase_customer, personal_data

    world = desk.world
    factories.trigger(world, delay_days=0)
    _closed(desk)
    first = Invitation.objects.get()
    assert _sweep(first.due_at, django_capture_on_commit_callbacks) == 1
    token = link_token(Recipient.objects.get())
    said = {"answers": {**ANSWERS, "comment": "好"}}
    assert anon.post(f"/api/v1/public/surveys/{token}/", said, format="json").status_code == 201
    copy = personal_data(world.customer_a, actor=world.admin)
    assert len(copy["survey_answers"]) == 1
    assert [(i["kind"], i["state"]) for i in copy["survey_invitations"]] == [("order_closed", "sent")]
    assert "answered" not in copy["survey_invitations"][0]
    outsider = world.user("agent_b", role="service_agent", projects=[world.project_b])
    assert personal_data(world.customer_a, actor=outsider)["survey_invitations"] == []
    services.update_survey_settings(actor=world.admin, project=world.project_a, values={"fatigue_days": 0}, version=1)
    _closed(desk)
    pending = Invitation.objects.get(state="pending")
    world.ownership_a.delete()
    erase_customer(actor=world.admin, customer=world.customer_a, reason="本人申请删除")
    assert Answer.objects.get().recipient is None and "comment" not in Answer.objects.get().values
    assert _sweep(pending.due_at, django_capture_on_commit_callbacks) == 0
    pending.refresh_from_db()
    assert pending.reason == "erased" and OutboxMessage.objects.count() == 1


# --- the API ----------------------------------------------------------------------------------------------------------------


def test_trigger_api_creates_edits_and_refuses_bad_input_in_both_languages(world: Any, client_for: Any) -> None:
    draft = factories.survey(world, published=False)
    published = factories.survey(world)
    client = client_for(world.admin, language="en")
    bad = {"project": world.project_a.pk, "kind": "handover", "survey": draft.pk, "month": 2, "day": 29}
    answer = client.post("/api/v1/survey-triggers/", bad, format="json")
    assert answer.status_code == 400 and set(answer.json()["fields"]) == {"survey", "month"}
    assert answer.json()["fields"]["survey"] == ["Choose a published questionnaire."]
    yearly = {"project": world.project_a.pk, "kind": "yearly", "survey": published.pk, "month": 2, "day": 29}
    zh = client_for(world.admin, language="zh-hans").post("/api/v1/survey-triggers/", yearly, format="json")
    assert zh.status_code == 400 and zh.json()["fields"]["day"] == ["请输入每年都有的月和日（不能是 2 月 29 日）。"]
    ranges = {"project": world.project_a.pk, "kind": "order_closed", "survey": published.pk, "delay_days": 91, "link_days": 0}
    assert set(client.post("/api/v1/survey-triggers/", ranges, format="json").json()["fields"]) == {"delay_days", "link_days"}
    unknown = {"project": world.project_a.pk, "kind": "weekly", "survey": published.pk, "extra": 1}
    assert set(client.post("/api/v1/survey-triggers/", unknown, format="json").json()["fields"]) == {"kind", "extra"}
    assert not SurveyTrigger.objects.exists()
    good = {"project": world.project_a.pk, "kind": "yearly", "survey": published.pk, "month": 6, "day": 30, "delay_days": 0}
    made = client.post("/api/v1/survey-triggers/", good, format="json")
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["kind"], body["month"], body["day"], body["active"], body["link_days"], body["version"]) == (
        "yearly",
        6,
        30,
        True,
        14,
        1,
    )
    again = client.post("/api/v1/survey-triggers/", good, format="json")
    assert again.status_code == 400 and set(again.json()["fields"]) == {"kind"}
    url = f"/api/v1/survey-triggers/{body['id']}/"
    assert client.patch(url, {"active": False}, format="json").status_code == 400  # no version
    edited = client.patch(url, {"active": False, "link_days": 30, "version": 1}, format="json")
    assert edited.status_code == 200 and (edited.json()["active"], edited.json()["version"]) == (False, 2)
    assert client.patch(url, {"day": 31, "month": 4, "version": 2}, format="json").status_code == 400  # 31 April
    assert client.patch(url, {"active": True, "version": 1}, format="json").status_code == 409
    timeline = client.get(f"{url}timeline/").json()["results"]
    assert [e["type"] for e in timeline] == ["record.updated", "record.created"]


def test_survey_settings_api_defaults_edits_and_bad_input(world: Any, client_for: Any) -> None:
    client = client_for(world.admin, language="en")
    url = f"/api/v1/survey-settings/{world.project_a.pk}/"
    assert client.get(url).json() == {"project": world.project_a.pk, "fatigue_days": 30, "low_score_threshold": 2, "version": 1}
    bad = client.put(url, {"fatigue_days": -1, "low_score_threshold": 5, "version": 1}, format="json")
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"fatigue_days", "low_score_threshold"}
    with override("zh-hans"):
        zh = client_for(world.admin, language="zh-hans").put(url, {"fatigue_days": 400, "version": 1}, format="json")
    assert zh.status_code == 400 and "365" in zh.json()["fields"]["fatigue_days"][0]
    assert not SurveySettings.objects.exists()
    saved = client.put(url, {"fatigue_days": 60, "version": 1}, format="json")
    assert saved.json() == {"project": world.project_a.pk, "fatigue_days": 60, "low_score_threshold": 2, "version": 2}
    assert client.put(url, {"fatigue_days": 10, "version": 1}, format="json").status_code == 409


def test_triggers_are_scoped_to_the_readers_projects(world: Any, client_for: Any) -> None:
    mine = factories.trigger(world)
    theirs = factories.trigger(world, project=world.project_b)
    supervisor_b = world.user("sup_b", role="service_supervisor", projects=[world.project_b])
    client = client_for(supervisor_b)
    assert [t["id"] for t in client.get("/api/v1/survey-triggers/").json()["results"]] == [theirs.pk]
    assert client.get(f"/api/v1/survey-triggers/{mine.pk}/invitations/").status_code == 404
    assert client.get(f"/api/v1/survey-triggers/?project={world.project_a.pk}").json()["results"] == []
    create = {"project": world.project_a.pk, "kind": "handover", "survey": mine.survey_id}
    assert client.post("/api/v1/survey-triggers/", create, format="json").status_code == 400


def test_given_a_persons_link_end_when_it_passes_then_their_link_closes_though_the_campaign_runs(
    desk: Any, anon: Any, django_capture_on_commit_callbacks: Any
) -> None:
    factories.trigger(desk.world, delay_days=0)
    _closed(desk)
    assert _sweep(Invitation.objects.get().due_at, django_capture_on_commit_callbacks) == 1
    recipient = Recipient.objects.get()
    token = link_token(recipient)
    assert anon.get(f"/api/v1/public/surveys/{token}/").status_code == 200
    Recipient.objects.filter(pk=recipient.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    Campaign.objects.filter(pk=recipient.campaign_id).update(expires_at=timezone.now() + datetime.timedelta(days=30))
    assert anon.get(f"/api/v1/public/surveys/{token}/").status_code == 404
    assert anon.post(f"/api/v1/public/surveys/{token}/", {"answers": ANSWERS}, format="json").status_code == 404
    from anju.surveys.selectors import sent_to_owner

    assert not sent_to_owner(desk.world.customer_a).exists()  # the owner app no longer offers it
