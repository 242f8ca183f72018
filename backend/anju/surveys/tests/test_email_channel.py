"""Personal links by e-mail: a campaign or an automatic survey puts one e-mail per recipient in the e-mail outbox
(sent after commit like the staff notifications' e-mails, and again by the outbox job when sending failed), never twice
for one send; people without an address are counted (campaigns) or skipped with the reason (automatic); anonymous
campaigns show the address nowhere but in the delivery."""

from __future__ import annotations

import datetime
import re
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import override

from anju.core import pii
from anju.core.models import Event
from anju.customers.services.customers import update_customer
from anju.notifications.models import EmailStatus, OutboundEmail, OutboxMessage
from anju.notifications.services import deliver_outbound_email
from anju.surveys import automatic, services
from anju.surveys.models import Campaign, Invitation, Recipient
from anju.surveys.tests import factories

pytestmark = pytest.mark.django_db
ADDRESS = "zhangsan@example.com"


def _email_campaign(world: Any, *, anonymous: bool = False) -> Campaign:
    return services.create_campaign(
        actor=world.admin,
        survey=factories.survey(world),
        project=world.project_a,
        name="邮件满意度调查",
        anonymous=anonymous,
        channel="email",
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )


def _with_email(world: Any, customer: Any, address: str = ADDRESS) -> Any:
    customer.refresh_from_db()
    return update_customer(actor=world.admin, customer=customer, version=customer.version, email=address)


def _second_owner(world: Any) -> Any:
    from anju.customers.services.contacts import add_ownership
    from anju.customers.services.customers import create_customer

    other = create_customer(actor=world.admin, name="王五", mobiles=["13700137000"], projects=[world.project_a])
    add_ownership(actor=world.admin, customer=other, unit=world.unit_a, role="joint")
    return other


def test_given_an_email_campaign_when_sent_then_one_outbox_email_per_recipient_with_the_link(
    world: Any, client_for: Any, anon: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(world, world.customer_a)
    _second_owner(world)  # no e-mail address: counted, not sent
    campaign = _email_campaign(world)
    client = client_for(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json")
    assert first.status_code == 200 and first.json() == {"sent": 1, "without_mobile": 0, "without_email": 1}
    email = OutboundEmail.objects.get()
    assert pii.decrypt(email.to_ciphertext) == ADDRESS and ADDRESS not in email.to_ciphertext
    assert email.about == f"customer:{world.customer_a.pk}" and email.status == EmailStatus.SENT
    assert not OutboxMessage.objects.exists()  # no text message
    [sent] = mail.outbox
    assert sent.to == [ADDRESS] and "维修回访问卷" in sent.subject and sent.extra_headers["Message-ID"].startswith("<anju-email-")
    token = re.search(r"/s/(\S+)", str(sent.body)).group(1)  # type: ignore[union-attr]
    assert anon.get(f"/api/v1/public/surveys/{token}/").json()["title"] == "维修回访问卷"
    recipient = Recipient.objects.get(campaign=campaign, customer=world.customer_a)
    assert recipient.sent_count == 1 and recipient.first_sent_at is not None
    # sending again: nobody is due (the one with no address is still counted)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json")
    assert again.json() == {"sent": 0, "without_mobile": 0, "without_email": 1}
    assert OutboundEmail.objects.count() == 1 and len(mail.outbox) == 1
    # a reminder a day later is a second e-mail (its own key); a third send the same day is none
    Recipient.objects.filter(pk=recipient.pk).update(last_sent_at=timezone.now() - datetime.timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        reminder = client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {"resend": True}, format="json")
    assert reminder.json()["sent"] == 1 and OutboundEmail.objects.count() == 2 and len(mail.outbox) == 2


def test_given_a_retried_send_when_the_same_link_email_is_queued_again_then_nothing_is_sent_twice(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(world, world.customer_a)
    campaign = _email_campaign(world)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_campaign(actor=world.admin, campaign=campaign)["sent"] == 1
    recipient = Recipient.objects.get(campaign=campaign)
    # the same send retried (same recipient, same send number): the outbox refuses the copy
    body = services.link_email(campaign, "token", recipient.expires_at)
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_link_email(recipient, ADDRESS, body)
    assert OutboundEmail.objects.count() == 1 and len(mail.outbox) == 1
    assert deliver_outbound_email() == 0  # nothing due: a second sweep sends nothing


def test_given_a_mail_server_failure_when_the_outbox_job_runs_then_the_email_goes_out_once(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(world, world.customer_a)
    campaign = _email_campaign(world)
    down = mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("mail server down"))
    with down, django_capture_on_commit_callbacks(execute=True):
        assert services.send_campaign(actor=world.admin, campaign=campaign)["sent"] == 1
    email = OutboundEmail.objects.get()
    assert (email.status, email.attempts) == (EmailStatus.PENDING, 1) and mail.outbox == []
    assert Recipient.objects.get(campaign=campaign).sent_count == 1  # the send is recorded: the outbox owes the e-mail
    from anju.notifications.services import email_backlog
    from anju.notifications.tasks import deliver_email_outbox

    assert email_backlog() == 1
    assert deliver_email_outbox() == 1 and deliver_email_outbox() == 0
    assert len(mail.outbox) == 1 and OutboundEmail.objects.get().status == EmailStatus.SENT and email_backlog() == 0


def test_given_an_anonymous_email_campaign_when_sent_and_answered_then_the_address_is_in_no_result_or_event(
    world: Any, client_for: Any, anon: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _with_email(world, world.customer_a)
    before = Event.objects.order_by("-pk").values_list("pk", flat=True).first()  # the customer's own edit is before
    campaign = _email_campaign(world, anonymous=True)
    client = client_for(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/v1/survey-campaigns/{campaign.id}/send/", {}, format="json").json()["sent"] == 1
    token = re.search(r"/s/(\S+)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
    answers = {"overall": 5, "nps": 9, "fixed": "已解决"}
    assert anon.post(f"/api/v1/public/surveys/{token}/", {"answers": answers}, format="json").status_code == 201
    texts = [
        client.get(f"/api/v1/survey-campaigns/{campaign.id}/{view}/").content.decode()
        for view in ("results", "timeline", "recipients")
    ]
    texts.append(str(list(Event.objects.filter(pk__gt=before).values_list("data", "changes", "note", "target_label"))))
    for text in texts:
        assert ADDRESS not in text and "z***@example.com" not in text
    assert client.get(f"/api/v1/survey-campaigns/{campaign.id}/links/").status_code == 409  # whose link: not told


def test_given_an_automatic_email_survey_when_due_then_those_with_an_address_get_one_email_and_others_are_skipped(
    desk: Any, django_capture_on_commit_callbacks: Any
) -> None:
    world = desk.world
    factories.trigger(world, kind="handover", channel="email")
    other = _second_owner(world)
    _with_email(world, world.customer_a)
    from anju.surveys.automatic import unit_handed_over

    assert unit_handed_over(world.unit_a, timezone.localdate()) == 2
    due = max(Invitation.objects.values_list("due_at", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert automatic.send_due_invitations(now=due) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert automatic.send_due_invitations(now=due + datetime.timedelta(hours=1)) == 0  # a re-run sends nothing
    sent = Invitation.objects.get(customer=world.customer_a)
    skipped = Invitation.objects.get(customer=other)
    assert (sent.state, skipped.state, skipped.reason) == ("sent", "skipped", "no_email")
    assert sent.recipient is not None and sent.recipient.sent_count == 1
    assert OutboundEmail.objects.count() == 1 and not OutboxMessage.objects.exists()
    assert mail.outbox[0].to == [ADDRESS] and "/s/" in mail.outbox[0].body


def test_given_an_email_trigger_in_english_when_listed_then_the_skip_reason_and_channel_have_labels(world: Any) -> None:
    from anju.surveys.models import Channel, SkipReason

    with override("en"):
        assert str(Channel("email").label) == "Personal link by e-mail"
        assert str(SkipReason("no_email").label) == "No e-mail address"
    with override("zh-hans"):
        assert str(Channel("email").label) == "电子邮件发送个人链接"
        assert str(SkipReason("no_email").label) == "无电子邮箱"


def test_given_a_title_with_a_line_break_when_saved_then_400_and_the_subject_is_one_line(world: Any, client_for: Any) -> None:
    """A line break would be refused in the e-mail's Subject header after the link was counted as sent."""
    from anju.surveys.services import link_email

    body = {"title": "满意度\r\nBcc: victim@evil.example", "questions": [{"key": "q", "type": "rating", "title": "评分"}]}
    for language in ("zh-hans", "en"):
        response = client_for(world.admin, language=language).post("/api/v1/surveys/", body, format="json")
        assert response.status_code == 400, response.content
        assert "title" in response.json()["fields"]
    campaign = factories.campaign(world)
    campaign.survey.title = "多行\n标题"
    subject, _text = link_email(campaign, "token")
    assert "\n" not in subject and "\r" not in subject
    assert "邀请您填写" in subject  # written in the owner's language whatever the sender's screen is in
