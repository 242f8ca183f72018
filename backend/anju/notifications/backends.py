"""Text-message backends. The default keeps messages in the outbox table; a real SMS or WeChat gateway implements
``send(channel, to, body)`` and is named in ``ANJU_TEXT_BACKEND``."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from anju.notifications.models import OutboxMessage


class TextBackend(Protocol):
    def send(self, channel: str, to: str, body: str) -> None: ...


class OutboxBackend:
    def send(self, channel: str, to: str, body: str) -> None:
        OutboxMessage.objects.create(channel=channel, to=to, body=body)


def text_backend() -> TextBackend:
    return import_string(settings.ANJU_TEXT_BACKEND)()
