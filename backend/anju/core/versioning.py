"""Optimistic concurrency for edits and workflow actions: the caller says which version it read (target C2).

Without it two agents acting on the same order are last-writer-wins. The version comes in the body
(``"version": 3``) or, for clients that prefer HTTP's own mechanism, in an ``If-Match`` header (``3``, ``"3"`` or
``W/"3"``). A request with neither is a 400 with a field error; a stale one is a 409 from ``ensure_version``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from anju.core.serializers import InputSerializer

_ETAG = re.compile(r'^\s*(?:W/)?(?:"(\d{1,18})"|(\d{1,18}))\s*$')


def version_from_header(request: Any) -> int | None:
    """The version an ``If-Match`` header names; ``None`` when absent, a 400 when it is not a version."""
    raw = request.headers.get("If-Match", "") if request is not None else ""
    if not raw:
        return None
    match = _ETAG.match(raw)
    value = int(match.group(1) or match.group(2)) if match is not None else 0
    if value < 1:
        raise serializers.ValidationError({"version": [_("The If-Match header must hold the version you read.")]})
    return value


class VersionedInputSerializer(InputSerializer):
    """An input that changes a versioned record: ``version`` from the body or ``If-Match``, required."""

    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="The version you read (or send it as an If-Match header); a stale one gets 409.",
    )

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        value: Any = None
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            errors = dict(exc.detail) if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        sent = isinstance(data, Mapping) and data.get("version") not in (None, "")
        header: int | None = None
        if not sent and "version" not in errors:
            try:
                header = version_from_header(self.context.get("request"))
            except serializers.ValidationError as exc:
                errors.update(exc.detail)  # type: ignore[arg-type]
            else:
                if header is None:
                    errors["version"] = [_("Send the version you read, in the body or as an If-Match header.")]
        if errors:
            raise serializers.ValidationError(errors)
        if header is not None:
            value["version"] = header
        return value
