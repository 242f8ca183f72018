"""Permission-matrix rows of notifications (collected by ``tests.matrix.app_rows``): always the caller's own; the
development outbox screen is hidden by production settings (this suite's) even from those allowed in."""

from __future__ import annotations

from typing import Any

from conftest import World
from tests.matrix import AUTHENTICATED, Op


def _notification_for(w: World, user: Any, prepared: dict[str, Any]) -> None:
    from anju.notifications.models import Notification

    prepared["id"] = Notification.objects.create(recipient=user, kind="test", title="测试通知").id


OPS: list[Op] = [
    Op("GET", "/api/v1/dev-outbox/", "notifications.view_outboxmessage", ok=404),
    Op("GET", "/api/v1/notifications/", AUTHENTICATED),
    Op("GET", "/api/v1/notifications/unread-count/", AUTHENTICATED),
    Op("POST", "/api/v1/notifications/{id}/read/", AUTHENTICATED, arrange=_notification_for),
    Op("POST", "/api/v1/notifications/read-all/", AUTHENTICATED),
]
