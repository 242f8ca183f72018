"""Record reveals of personal data and exports (security target P3: exactly one row each)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from anju.core.logging import current_request_id
from anju.core.models import AccessLog


def _trusted(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: Any) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or, when that is one of ``ANJU_TRUSTED_PROXIES``, the right-most
    address of ``X-Forwarded-For`` that is not a trusted proxy (what a client writes there itself sits further
    left and is never believed). Login limits per IP and the access log both use it."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    networks = getattr(settings, "TRUSTED_PROXY_NETWORKS", [])
    if remote is None or not networks or not _trusted(remote, networks):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if not _trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote  # a malformed header: fall back to the proxy's address
    return remote


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
