"""Celery tasks of the platform: the embedded database's write-ahead log copied back off the request path; stored
Idempotency-Key answers dropped once no retry can need them."""

from __future__ import annotations

import datetime
import logging
import time
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import connections
from django.utils import timezone

from anju.core.metrics import timed_job

logger = logging.getLogger(__name__)
RESTART_PAGES = 1000  # a log this long (4 MB) is started over: its last pages are copied in the writers' turn
QUICK_SECONDS = 0.005  # a pass this quick left little behind: the rest is copied in the writers' turn
CATCH_UP_PASSES = 4
TURN_SECONDS = 0.05  # how long the job waits for the writers' turn (it tries again the next second)
_LAST: dict[str, tuple[int, int]] = {}  # alias -> (log pages, pages copied) at the last run (one scheduler process)


# quiet: run_scheduler does not print its result (every second under writes: housekeeping, logged at DEBUG)
@shared_task(name="anju.core.tasks.checkpoint_sqlite", ignore_result=True, quiet=True)
def checkpoint_sqlite() -> int:
    """SQLite only (nothing elsewhere): copy the write-ahead log's committed pages back into the database file with a
    PASSIVE checkpoint — it takes no lock, so writers and readers go on — and return how many pages it copied.

    A request connection would otherwise do it itself every ``wal_autocheckpoint`` pages (SQLite's default 1,000: on
    the bench database every ~16th repair create paid ~6 ms for it, docs/benchmarks.md); with this job every few
    seconds (run_scheduler in the embedded mode, Celery beat otherwise) the requests' own threshold
    (``ANJU_SQLITE_AUTOCHECKPOINT_PAGES``) is only the safety net for when the job is not running.
    """
    connection = connections["default"]
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        # Under steady writes the log is never all copied (the writers append while this copies), so no writer finds
        # it done and starts it over: it grew to the requests' own threshold, and the request that reached it paid
        # 50-100 ms (every ~2.5 s with eight clients creating orders). So: catch up while the writers go on until a
        # pass is quick (little was appended meanwhile), then copy the last pages while holding the writers' turn
        # (anju.core.sqlite) — the next writer then finds the log all copied and starts it over.
        for _ in range(CATCH_UP_PASSES):
            started = time.monotonic()
            busy, log_pages, copied = _passive(cursor)
            quick = time.monotonic() - started <= QUICK_SECONDS
            if quick or busy:
                break
        if quick and not busy and log_pages >= RESTART_PAGES:
            with connection.writers_turn(TURN_SECONDS) as given:  # type: ignore[attr-defined]
                if given:
                    started = time.monotonic()
                    busy, log_pages, copied = _passive(cursor)
                    logger.debug("checkpoint's last pass (writers' turn) %.1f ms", (time.monotonic() - started) * 1000)
    if busy:
        logger.info("checkpoint could not finish (busy): %s of %s pages copied", copied, log_pages)
    # SQLite answers the pages of the log copied so far (all runs), until a writer starts the log over: this run's
    # share is the difference from the last answer while the log only grew.
    copied, log_pages = max(int(copied or 0), 0), max(int(log_pages or 0), 0)
    before_log, before_copied = _LAST.get(connection.alias, (0, 0))
    _LAST[connection.alias] = (log_pages, copied)
    result = copied - before_copied if log_pages >= before_log and copied >= before_copied else copied
    logger.debug("checkpoint copied %s pages", result)
    return result


def _passive(cursor: Any) -> tuple[int, int, int]:
    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    busy, log_pages, copied = cursor.fetchone()
    return int(busy or 0), max(int(log_pages or 0), 0), max(int(copied or 0), 0)


@shared_task(name="anju.core.tasks.purge_idempotency_records", ignore_result=True)
def purge_idempotency_records() -> int:
    """The stored ``Idempotency-Key`` answers older than ``IDEMPOTENCY_KEEP_HOURS`` deleted (``idempotency.purge``)."""
    from anju.core.idempotency import purge  # the task module loads before the apps

    with timed_job("idempotency-purge") as run:
        run.items = purge(older_than=timezone.now() - datetime.timedelta(hours=settings.IDEMPOTENCY_KEEP_HOURS))
    return run.items
