"""Inbox reads: a user sees only their own notifications (the scope of an inbox is its recipient)."""

from __future__ import annotations

import datetime
from typing import Any, cast

from django.db.models import QuerySet

from anju.notifications.models import Notification


def list_notifications(*, actor: Any) -> QuerySet[Notification]:
    if not getattr(actor, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=actor)


def unread_count(*, actor: Any) -> int:
    return list_notifications(actor=actor).filter(read_at__isnull=True).count()


def dev_outbox(*, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
    """The last texts and e-mails handed out, for the development outbox screen: recipients masked, the text itself
    readable (that is the point: an owner's sign-in code without a shell)."""
    from anju.core.pii import decrypt, mask_mobile
    from anju.notifications.models import EmailStatus, Notification, OutboundEmail, OutboxMessage

    def mask_address(address: str) -> str:
        if "@" not in address:
            return mask_mobile(address)
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"

    texts = [
        {"id": m.pk, "channel": m.channel, "to": mask_address(m.to), "body": m.body, "created_at": m.created_at}
        for m in OutboxMessage.objects.order_by("-created_at", "-id")[:limit]
    ]
    emails = [
        {
            "id": n.pk,
            "to": mask_address(n.recipient.email or ""),
            "subject": n.title,
            "body": n.body,
            "status": n.email_status,
            "created_at": n.created_at,
        }
        for n in Notification.objects.exclude(email_status=EmailStatus.NONE)
        .select_related("recipient")
        .order_by("-created_at", "-id")[:limit]
    ]
    # and the e-mails to customers (their personal survey links), newest first among both
    emails += [
        {
            "id": e.pk,
            "to": mask_address(decrypt(e.to_ciphertext)),
            "subject": e.subject,
            "body": e.body,
            "status": e.status,
            "created_at": e.created_at,
        }
        for e in OutboundEmail.objects.order_by("-created_at", "-id")[:limit]
    ]
    emails.sort(key=lambda row: cast(datetime.datetime, row["created_at"]), reverse=True)
    return {"texts": texts, "emails": emails[:limit]}
