"""Stored Idempotency-Key answers are kept for IDEMPOTENCY_KEEP_HOURS, then deleted by the hourly job."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.utils import timezone

from anju.core import idempotency, tasks
from anju.core.models import IdempotencyRecord

pytestmark = pytest.mark.django_db


def _record(user: Any, key: str, age_hours: float) -> IdempotencyRecord:
    record = IdempotencyRecord.objects.create(
        user=user, scope="work_orders.create", key=key, request_hash="h", response_status=201, response_body={"id": 1}
    )
    IdempotencyRecord.objects.filter(pk=record.pk).update(created_at=timezone.now() - datetime.timedelta(hours=age_hours))
    return record


def test_answers_older_than_the_keeping_time_are_deleted_in_batches(world: Any, monkeypatch: Any) -> None:
    keep = settings.IDEMPOTENCY_KEEP_HOURS
    old = [_record(world.admin, f"old-{n}", keep + 1 + n) for n in range(5)]
    fresh = _record(world.admin, "fresh", keep - 1)
    monkeypatch.setattr(idempotency, "PURGE_BATCH", 2)  # three batches
    assert tasks.purge_idempotency_records() == len(old)
    assert list(IdempotencyRecord.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert tasks.purge_idempotency_records() == 0


def test_the_job_is_scheduled() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["idempotency-purge"]
    assert entry["task"] == "anju.core.tasks.purge_idempotency_records" and entry["schedule"] > 0
