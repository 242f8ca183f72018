"""In-app notifications (the inbox), the outbox of SMS/WeChat messages waiting for a gateway, and the e-mails to
people outside the staff (a customer's personal survey link)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from anju.core.models import CiphertextField


class EmailStatus(models.TextChoices):
    NONE = "", "no e-mail"
    PENDING = "pending", "waiting to be sent"
    SENDING = "sending", "claimed by a sender"
    SENT = "sent", "sent"
    FAILED = "failed", "given up"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=50)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=200, blank=True)
    # The same event never notifies the same person twice (e.g. one escalation step of one SLA clock).
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # The e-mail outbox: written with the notification (same transaction), sent after commit, and sent again by the
    # outbox job when a sender died between claiming and finishing (see services.deliver_email).
    email_status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.NONE, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_status"], name="notification_email_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], condition=~models.Q(dedupe_key=""), name="uniq_notification_dedupe"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.title}"


class NotificationAttachment(models.Model):
    """A file the notification's e-mail carries (a scheduled report's spreadsheet, a 工作总结 PDF); written with the
    notification, so the outbox job that re-sends an e-mail sends it with its files."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=150)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return self.filename


class OutboxMessage(models.Model):
    """A text message (SMS or WeChat) handed to the outbox backend; a gateway integration sends and marks it."""

    channel = models.CharField(max_length=10)
    to = models.CharField(max_length=100)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to}"


class OutboundEmail(models.Model):
    """An e-mail to a person who is not a user (a customer's personal survey link), through the same e-mail outbox
    as the notifications' e-mails: written in the sender's transaction, sent after commit, and sent again by the
    outbox job when a sender failed or died (``services.deliver_outbound_email``). The address is personal data:
    stored encrypted, and the person's e-mails are deleted when their data is erased (``about``)."""

    to_ciphertext = CiphertextField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Whose e-mail it is ("customer:<id>"): erasure deletes them. One e-mail per ``dedupe_key``: a retry of the
    # sending transaction (or a second run) queues nothing new.
    about = models.CharField(max_length=50, db_index=True)
    dedupe_key = models.CharField(max_length=120, unique=True)
    status = models.CharField(max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="outbound_email_status")]

    def __str__(self) -> str:
        return f"e-mail {self.pk} ({self.about})"
