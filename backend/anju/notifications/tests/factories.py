"""factory_boy factories for inbox notifications (issue 11 §3), written by ``services.notify`` (no e-mail or text
unless the recipient has an address and ``text=True``)."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from anju.notifications.models import Notification


class NotificationFactory(DjangoModelFactory):
    class Meta:
        model = Notification

    kind = "workorder.assigned"
    title = factory.Sequence(lambda n: f"通知{n}")
    link = "/work-orders"

    @classmethod
    def _create(cls, model_class: type[Notification], *args: Any, recipient: Any = None, **values: Any) -> Notification:
        from anju.notifications.services import notify

        return notify([recipient], **values)[0]
