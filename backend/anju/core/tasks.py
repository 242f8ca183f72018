"""Celery tasks of the platform: the embedded database's write-ahead log copied back off the request path."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import connections

logger = logging.getLogger(__name__)
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
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        busy, log_pages, copied = cursor.fetchone()
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
