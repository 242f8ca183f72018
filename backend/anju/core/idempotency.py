"""``Idempotency-Key`` for creates (security target C4).

The same key with the same body returns the first answer again and creates nothing; the same key with a
different body is a 422. The record is written in the creating transaction, so a rolled-back create leaves no
key behind, and the unique constraint makes two concurrent first uses produce one record. The answers are kept
for retries only: ``purge`` (the hourly job) deletes them after ``IDEMPOTENCY_KEEP_HOURS``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.models import IdempotencyRecord
from anju.core.prepared import Prepared, insert

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100


def _fingerprint(data: Any) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> Response:
    if record.request_hash != fingerprint:
        raise ApplicationError(
            CoreErrorCode.IDEMPOTENCY_KEY_REUSED,
            _("This Idempotency-Key was already used with a different request."),
            fields={HEADER: [_("Use a new key for a different request.")]},
            status_code=422,
        )
    response = Response(record.response_body, status=record.response_status)
    response["Idempotent-Replay"] = "true"
    return response


_RECORD = Prepared(  # read on every create that carries a key (core.prepared)
    lambda user, scope, key: IdempotencyRecord.objects.filter(user_id=user, scope=scope, key=key).order_by("pk")[:1],
    user=int,
    scope=str,
    key=str,
)


def idempotent(
    request: Request, scope: str, create: Callable[..., Response], *, prepare: Callable[[], Any] | None = None
) -> Response:
    """Run ``create`` once per (user, scope, key); without the header it simply runs.

    ``prepare``: the work that needs no transaction (validation, lookups, computed values), run first and outside
    it; ``create`` then gets its result. On SQLite the write lock is held from the transaction's start, so what is
    prepared outside it no longer holds other writers up.
    """
    key = (request.headers.get(HEADER) or "").strip()

    def run() -> Response:
        return create(prepared) if prepare is not None else create()

    if not key:
        prepared = prepare() if prepare is not None else None
        # One transaction with or without a key: the create and what follows it in ``run`` (an order's auto-dispatch)
        # stand or fall together, so an error never leaves a created record that a retry would create again.
        with transaction.atomic():
            return run()
    if len(key) > MAX_KEY_LENGTH:
        message = _("The Idempotency-Key is too long (at most %(n)s characters).") % {"n": MAX_KEY_LENGTH}
        raise ApplicationError(CoreErrorCode.IDEMPOTENCY_INVALID_KEY, message, fields={HEADER: [message]})
    fingerprint = _fingerprint(request.data)
    user: Any = request.user
    existing = _RECORD.one(user=user.pk, scope=scope, key=key)
    if existing is not None:
        return _replay(existing, fingerprint)
    prepared = prepare() if prepare is not None else None
    try:
        with transaction.atomic():
            response = run()
            if 200 <= response.status_code < 300:
                written = IdempotencyRecord(
                    user=user,
                    scope=scope,
                    key=key,
                    request_hash=fingerprint,
                    response_status=response.status_code,
                    response_body=response.data,  # encoded once, by the column (``AnswerEncoder``)
                )
                insert([written])
    except IntegrityError:
        # Someone else finished the same key first: their create stands, ours was rolled back.
        record = IdempotencyRecord.objects.filter(user=user, scope=scope, key=key).first()
        if record is None:
            raise
        return _replay(record, fingerprint)
    return response


PURGE_BATCH = 2000  # records per delete: each batch a short write transaction (SQLite writers take turns)


def purge(*, older_than: datetime.datetime) -> int:
    """Delete the stored answers written before ``older_than`` (the hourly job keeps ``IDEMPOTENCY_KEEP_HOURS``, 24
    by default): a client retries a create within minutes, and each answer is a copy of a record (names, masked
    phones, what the order said) that should not outlive that use (PIPL: kept no longer than needed). A key older
    than that creates anew if it is ever sent again. Returns how many were deleted."""
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(
                IdempotencyRecord.objects.filter(created_at__lt=older_than)
                .order_by("created_at")
                .values_list("pk", flat=True)[:PURGE_BATCH]
            )
            if not batch:
                return deleted
            deleted += IdempotencyRecord.objects.filter(pk__in=batch).delete()[0]
