"""Inbox: only one's own notifications, unread count, marking read; delivery by e-mail after commit; de-duplication."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from anju.notifications.models import Notification, OutboxMessage
from anju.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_inbox_is_private_and_can_be_marked_read(world: Any, client_for: Any) -> None:
    alice = world.user("alice", role="service_agent")
    bob = world.user("bob", role="service_agent")
    mine = notify([alice], kind="test", title="给 alice 的通知")[0]
    theirs = notify([bob], kind="test", title="给 bob 的通知")[0]
    client = client_for(alice)
    assert [n["id"] for n in client.get("/api/v1/notifications/").json()["results"]] == [mine.id]
    assert client.get("/api/v1/notifications/unread-count/").json() == {"unread": 1}
    assert client.post(f"/api/v1/notifications/{theirs.id}/read/").status_code == 404
    assert client.post(f"/api/v1/notifications/{mine.id}/read/").json() == {"marked": 1}
    assert client.get("/api/v1/notifications/?unread=true").json()["count"] == 0
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_delivery_after_commit_and_dedupe(world: Any, django_capture_on_commit_callbacks: Any, settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    alice = world.user("alice2", role="service_agent")
    alice.email = "alice@example.com"
    alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([alice], kind="sla.escalation", title="BX-1 超时", dedupe_key="k1", text=True)
        notify([alice], kind="sla.escalation", title="BX-1 超时", dedupe_key="k1", text=True)
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert [m.subject for m in mail.outbox] == ["BX-1 超时"]
    assert OutboxMessage.objects.filter(to=alice.username).count() == 1
