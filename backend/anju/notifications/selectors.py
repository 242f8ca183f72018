"""Inbox reads: a user sees only their own notifications (the scope of an inbox is its recipient)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from anju.notifications.models import Notification


def list_notifications(*, actor: Any) -> QuerySet[Notification]:
    if not getattr(actor, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=actor)


def unread_count(*, actor: Any) -> int:
    return list_notifications(actor=actor).filter(read_at__isnull=True).count()
