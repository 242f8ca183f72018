"""Notify people: an inbox entry now, e-mail (and optionally a text message) after the transaction commits."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from anju.notifications.backends import text_backend
from anju.notifications.models import Notification

logger = logging.getLogger("anju.notifications")


def _deliver(notification_ids: list[int], text: bool) -> None:
    for notification in Notification.objects.filter(pk__in=notification_ids).select_related("recipient"):
        user = notification.recipient
        if user.email:
            try:
                send_mail(notification.title, f"{notification.body}\n\n{notification.link}".strip(), None, [user.email])
            except Exception:
                logger.exception("e-mail for notification %s failed", notification.pk)
        if text:
            text_backend().send("sms", user.username, notification.title)


def notify(
    recipients: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    dedupe_key: str = "",
    text: bool = False,
) -> list[Notification]:
    """Create inbox entries (skipping anyone already told about ``dedupe_key``); send e-mail/text after commit."""
    created: list[Notification] = []
    for user in {u.pk: u for u in recipients if u is not None and u.is_active}.values():
        if dedupe_key and Notification.objects.filter(recipient=user, dedupe_key=dedupe_key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    Notification.objects.create(
                        recipient=user, kind=kind, title=title[:200], body=body, link=link[:200], dedupe_key=dedupe_key
                    )
                )
        except IntegrityError:  # told concurrently by another sweep
            continue
    if created and getattr(settings, "ANJU_NOTIFY_DELIVERY", True):
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: _deliver(ids, text))
    return created


def mark_read(*, user: Any, ids: list[int] | None = None) -> int:
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    return queryset.update(read_at=timezone.now())
