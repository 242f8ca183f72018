"""Notify people: an inbox entry now, e-mail (and optionally a text message) after the transaction commits."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from anju.core import pii
from anju.notifications.backends import text_backend
from anju.notifications.models import EmailStatus, Notification, NotificationAttachment, OutboundEmail, OutboxMessage

logger = logging.getLogger("anju.notifications")


# A sender that claimed an e-mail and then died (kill -9 mid-sweep) leaves it "sending": after this lease the outbox
# job sends it again. That message may then arrive twice (the mail server accepted it but the claim was never marked
# sent); it carries the same Message-ID both times, so mail servers and clients fold the copies. Nothing is lost.
EMAIL_MAX_ATTEMPTS = 5


def email_lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=getattr(settings, "ANJU_EMAIL_LEASE_SECONDS", 120))


def _mail_domain() -> str:
    return (settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "anju.local").strip(">")


def message_id(notification: Notification) -> str:
    return f"<anju-notification-{notification.pk}@{_mail_domain()}>"


def _due(now: datetime.datetime, *, status: str, claimed: str) -> Q:
    """Pending, or claimed by a sender whose lease ran out (it died mid-send): the e-mails a sender may take."""
    return Q(**{status: EmailStatus.PENDING}) | Q(**{status: EmailStatus.SENDING, f"{claimed}__lt": now - email_lease()})


def _claim_row(model: Any, pk: int, now: datetime.datetime, *, status: str, claimed: str, attempts: str) -> bool:
    """Take one e-mail for sending; only one sender wins (a conditional UPDATE, no lock held while sending)."""
    taken = model.objects.filter(_due(now, status=status, claimed=claimed), pk=pk).update(
        **{status: EmailStatus.SENDING, claimed: now, attempts: F(attempts) + 1}
    )
    return bool(taken == 1)


# The staff notifications' e-mail columns, and the customer e-mail outbox's.
_NOTIFICATION = {"status": "email_status", "claimed": "email_claimed_at"}
_OUTBOUND = {"status": "status", "claimed": "claimed_at"}


def _claim(pk: int, now: datetime.datetime) -> bool:
    return _claim_row(Notification, pk, now, **_NOTIFICATION, attempts="email_attempts")


def deliver_email(notification_ids: list[int] | None = None) -> int:
    """Send the e-mails of these notifications (or every one due): each claimed, sent, then marked; returns the number
    sent. Safe to run in several processes at once."""
    queryset = Notification.objects.filter(_due(timezone.now(), **_NOTIFICATION))
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    sent = 0
    for notification in queryset.select_related("recipient").order_by("pk"):
        if not _claim(notification.pk, timezone.now()):
            continue
        message = EmailMessage(
            notification.title,
            f"{notification.body}\n\n{notification.link}".strip(),
            to=[notification.recipient.email],
            headers={"Message-ID": message_id(notification)},
        )
        for attachment in NotificationAttachment.objects.filter(notification=notification).order_by("pk"):
            message.attach(attachment.filename, bytes(attachment.content), attachment.content_type)
        try:
            message.send()
        except Exception:
            logger.exception("e-mail for notification %s failed", notification.pk)
            gave_up = notification.email_attempts + 1 >= EMAIL_MAX_ATTEMPTS
            Notification.objects.filter(pk=notification.pk).update(
                email_status=EmailStatus.FAILED if gave_up else EmailStatus.PENDING, email_claimed_at=None
            )
            continue
        Notification.objects.filter(pk=notification.pk).update(email_status=EmailStatus.SENT)
        sent += 1
    return sent


def email_backlog() -> int:
    waiting = [EmailStatus.PENDING, EmailStatus.SENDING]
    return (
        Notification.objects.filter(email_status__in=waiting).count() + OutboundEmail.objects.filter(status__in=waiting).count()
    )


# --- E-mails to people who are not users (a customer's personal survey link) -----------------------------------


def queue_email(*, to: str, subject: str, body: str, about: str, dedupe_key: str) -> OutboundEmail | None:
    """Put an e-mail to ``to`` in the outbox, in the caller's transaction; it is sent after commit (and by the outbox
    job if that fails). None when an e-mail with this ``dedupe_key`` is queued already (a retry sends nothing twice)."""
    if OutboundEmail.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            email = OutboundEmail.objects.create(
                to_ciphertext=pii.encrypt(to), subject=subject[:200], body=body, about=about, dedupe_key=dedupe_key
            )
    except IntegrityError:  # queued concurrently
        return None
    if getattr(settings, "ANJU_NOTIFY_DELIVERY", True):
        transaction.on_commit(lambda: deliver_outbound_email([email.pk]))
    return email


def _claim_outbound(pk: int, now: datetime.datetime) -> bool:
    return _claim_row(OutboundEmail, pk, now, **_OUTBOUND, attempts="attempts")


def deliver_outbound_email(ids: list[int] | None = None) -> int:
    """Send the queued e-mails (these, or every one due) as ``deliver_email`` sends the notifications' e-mails: each
    claimed, sent with a stable Message-ID, then marked; given up after ``EMAIL_MAX_ATTEMPTS``."""
    queryset = OutboundEmail.objects.filter(_due(timezone.now(), **_OUTBOUND))
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    sent = 0
    for email in queryset.order_by("pk"):
        if not _claim_outbound(email.pk, timezone.now()):
            continue
        message = EmailMessage(
            email.subject,
            email.body,
            to=[pii.decrypt(email.to_ciphertext)],
            headers={"Message-ID": f"<anju-email-{email.pk}@{_mail_domain()}>"},
        )
        try:
            message.send()
        except Exception:
            logger.exception("outbound e-mail %s failed", email.pk)
            gave_up = email.attempts + 1 >= EMAIL_MAX_ATTEMPTS
            OutboundEmail.objects.filter(pk=email.pk).update(
                status=EmailStatus.FAILED if gave_up else EmailStatus.PENDING, claimed_at=None
            )
            continue
        OutboundEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENT, sent_at=timezone.now())
        sent += 1
    return sent


def forget_emails(about: str) -> int:
    """Erasure: the e-mails to this person (their address) are deleted, sent or not."""
    deleted, _ = OutboundEmail.objects.filter(about=about).delete()
    return deleted


def text_backlog() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()


def _deliver(notification_ids: list[int], text: bool) -> None:
    deliver_email(notification_ids)
    if text:
        for notification in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
            text_backend().send("sms", notification.recipient.username, notification.title)


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    dedupe_key: str = "",
    text: bool = False,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> list[Notification]:
    """Create inbox entries (skipping anyone already told about ``dedupe_key``); send e-mail/text after commit.
    ``attachments`` — (filename, content, content type) — go with each recipient's e-mail."""
    files = list(attachments)
    created: list[Notification] = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        if dedupe_key and Notification.objects.filter(recipient=user, dedupe_key=dedupe_key).exists():
            continue
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    recipient=user,
                    kind=kind,
                    title=title[:200],
                    body=body,
                    link=link[:200],
                    dedupe_key=dedupe_key,
                    email_status=EmailStatus.PENDING if user.email else EmailStatus.NONE,
                )
                if user.email and files:
                    NotificationAttachment.objects.bulk_create(
                        NotificationAttachment(notification=notification, filename=n, content=c, content_type=t)
                        for n, c, t in files
                    )
            created.append(notification)
        except IntegrityError:  # told concurrently by another sweep
            continue
    # ANJU_NOTIFY_DELIVERY=False (tests) leaves the e-mails to the outbox job instead of sending them after commit.
    if created and getattr(settings, "ANJU_NOTIFY_DELIVERY", True):
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _deliver(ids, text))
    return created


def mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())
