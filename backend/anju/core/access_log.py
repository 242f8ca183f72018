"""Record reveals of personal data and exports (security target P3: exactly one row each)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from anju.core.logging import current_request_id
from anju.core.models import AccessLog


def client_ip(request: Any) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_access(
    *,
    actor: Any,
    action: str,
    model: type[models.Model] | models.Model,
    object_id: int | None = None,
    fields: Iterable[str] = (),
    purpose: str,
    record_count: int = 1,
    ip_address: str | None = None,
) -> AccessLog:
    return AccessLog.objects.create(
        actor=actor,
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
        fields=sorted(fields),
        purpose=purpose[:200],
        record_count=record_count,
        ip_address=ip_address,
        request_id="" if current_request_id.get() == "-" else current_request_id.get(),
    )
