"""The e-mail outbox: each notification's e-mail is claimed, sent and marked; a sender that died is replaced after the
lease, a failing mail server is retried and finally given up on; the outbox job sends what is due."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from anju.notifications import services
from anju.notifications.models import EmailStatus, Notification
from anju.notifications.services import deliver_email, notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(world: Any, settings: Any) -> Any:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user = world.user("alice_mail", role="service_agent")
    user.email = "alice@example.com"
    user.save()
    return user


def test_sent_after_commit_with_a_stable_message_id(alice: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sent = notify([alice], kind="sla.warning", title="BX-1 即将超时")[0]
    sent.refresh_from_db()
    assert sent.email_status == EmailStatus.SENT
    assert sent.email_attempts == 1
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [f"<anju-notification-{sent.pk}@localhost>"]
    assert deliver_email() == 0  # nothing is due any more
    assert len(mail.outbox) == 1


def test_no_email_address_means_nothing_in_the_outbox(world: Any) -> None:
    bob = world.user("bob_nomail", role="service_agent")
    bob.email = ""
    bob.save()
    assert notify([bob], kind="test", title="x")[0].email_status == EmailStatus.NONE
    assert services.email_backlog() == 0


def test_a_sender_killed_after_claiming_is_replaced_after_the_lease(alice: Any, settings: Any) -> None:
    settings.ANJU_NOTIFY_DELIVERY = False  # the commit hook never ran: as if the process died right after COMMIT
    pending = notify([alice], kind="sla.escalation", title="BX-2 超时")[0]
    assert services.email_backlog() == 1
    # A sender claimed it and was killed before marking it sent: within the lease nobody touches it ...
    Notification.objects.filter(pk=pending.pk).update(email_status=EmailStatus.SENDING, email_claimed_at=timezone.now())
    assert deliver_email() == 0
    assert mail.outbox == []
    # ... after the lease the outbox job sends it (at least once: the same Message-ID if the first copy did go out).
    Notification.objects.filter(pk=pending.pk).update(
        email_claimed_at=timezone.now() - datetime.timedelta(seconds=settings.ANJU_EMAIL_LEASE_SECONDS + 1)
    )
    from anju.notifications.tasks import deliver_email_outbox

    assert deliver_email_outbox() == 1
    assert [m.subject for m in mail.outbox] == ["BX-2 超时"]
    assert Notification.objects.get(pk=pending.pk).email_status == EmailStatus.SENT
    assert services.email_backlog() == 0


def test_only_one_of_two_senders_wins_the_claim(alice: Any, settings: Any) -> None:
    settings.ANJU_NOTIFY_DELIVERY = False
    pending = notify([alice], kind="test", title="一次")[0]
    now = timezone.now()
    assert services._claim(pending.pk, now) is True
    assert services._claim(pending.pk, now) is False


def test_a_failing_mail_server_is_retried_then_given_up(alice: Any, settings: Any, monkeypatch: Any) -> None:
    settings.ANJU_NOTIFY_DELIVERY = False
    pending = notify([alice], kind="test", title="重试")[0]

    def refuse(self: Any, fail_silently: bool = False) -> int:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services.EmailMessage, "send", refuse)
    for attempt in range(1, services.EMAIL_MAX_ATTEMPTS):
        assert deliver_email() == 0
        pending.refresh_from_db()
        assert (pending.email_status, pending.email_attempts) == (EmailStatus.PENDING, attempt)
    assert deliver_email() == 0
    pending.refresh_from_db()
    assert (pending.email_status, pending.email_attempts) == (EmailStatus.FAILED, services.EMAIL_MAX_ATTEMPTS)
    assert services.email_backlog() == 0


def test_given_an_email_to_a_customer_when_queued_then_it_is_sent_once_with_the_address_encrypted_at_rest(
    world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from anju.notifications.models import OutboundEmail
    from anju.notifications.selectors import dev_outbox

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        email = {"to": "lisi@example.com", "subject": "问卷", "body": "链接", "about": "customer:9", "dedupe_key": "k:1"}
        queued = services.queue_email(**email)
        assert services.queue_email(**email) is None
    assert queued is not None and "lisi" not in OutboundEmail.objects.get().to_ciphertext
    assert [m.to for m in mail.outbox] == [["lisi@example.com"]]
    assert OutboundEmail.objects.get().status == EmailStatus.SENT and services.deliver_outbound_email() == 0
    assert [e["to"] for e in dev_outbox()["emails"]] == ["l***@example.com"]  # masked on the development screen
    assert services.forget_emails("customer:9") == 1 and not OutboundEmail.objects.exists()
