"""Platform models: number sequences, events (timelines and change history), PII access log."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CiphertextField(models.TextField):
    """A column that holds AES-GCM ciphertext (``<key id>:<base64>``) and nothing else.

    It behaves exactly like a TextField; the type only lets ``rotate_pii_keys`` find every
    encrypted column in the project.
    """


class NumberSequence(models.Model):
    """The last number handed out for one scope and period (e.g. ``customer:`` or ``repair:20261127``)."""

    name = models.CharField(max_length=100, primary_key=True)
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("number sequence")

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class Event(models.Model):
    """Something that happened to a record: the unit of every timeline and change history.

    ``changes`` maps a field to ``[old, new]`` with personal data masked.
    """

    type = models.CharField(max_length=50)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)  # the Meta index
    target_id = models.BigIntegerField()
    target_label = models.CharField(max_length=200, blank=True)
    from_status = models.CharField(max_length=50, blank=True)
    to_status = models.CharField(max_length=50, blank=True)
    note = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    data = models.JSONField(default=dict, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("event")

    def __str__(self) -> str:
        return f"{self.type} {self.target_label}"


class EventLink(models.Model):
    """Puts an event on the timeline of one more record (its customer, its unit, ...)."""

    # db_index=False: core_eventlink_unique and the Meta index begin with them
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="links", db_index=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    object_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(fields=["event", "content_type", "object_id"], name="core_eventlink_unique"),
        ]

    def __str__(self) -> str:
        return f"event {self.event_id} on {self.content_type_id}:{self.object_id}"


class AccessAction(models.TextChoices):
    REVEAL = "reveal", _("Reveal")
    EXPORT = "export", _("Export")
    ERASE = "erase", _("Erase")


class AccessLog(models.Model):
    """One row per reveal of personal data and per export (PIPL Art. 51/55 evidence)."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField(null=True, blank=True)
    fields = models.JSONField(default=list)
    purpose = models.CharField(max_length=200)
    record_count = models.PositiveIntegerField(default=1)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("personal data access log")

    def __str__(self) -> str:
        return f"{self.action} by {self.actor_id} at {self.occurred_at:%Y-%m-%d %H:%M}"


class AnswerEncoder(json.JSONEncoder):
    """An answer's body as stored for a replay: what JSON has no type for (a lazy text, a ``Decimal``) as its text."""

    def default(self, o: Any) -> Any:
        return str(o)


class IdempotencyRecord(models.Model):
    """The answer given to one ``Idempotency-Key`` of one user on one endpoint (target C4)."""

    # db_index=False: uniq_idempotency_key begins with it
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False)
    scope = models.CharField(max_length=60)
    key = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(encoder=AnswerEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "scope", "key"], name="uniq_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class Heartbeat(models.Model):
    """The last finished run of a periodic job (the SLA sweep ...): the readiness check wants it recent."""

    name = models.CharField(max_length=50, primary_key=True)
    beat_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("job heartbeat")

    def __str__(self) -> str:
        return f"{self.name} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"
