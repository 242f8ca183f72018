"""Embedded mode without a broker: run the periodic jobs of ``CELERY_BEAT_SCHEDULE`` in one process.

The same table drives Celery beat in production, so both modes run the same jobs (the SLA sweep every minute,
the care-visit generator every hour ...). Each entry's ``schedule`` is a number of seconds or a ``timedelta``.
`make run` starts this beside the web server.
"""

from __future__ import annotations

import datetime
import logging
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger("anju.scheduler")


def _seconds(schedule: Any) -> float:
    if isinstance(schedule, datetime.timedelta):
        return schedule.total_seconds()
    if isinstance(schedule, int | float):
        return float(schedule)
    raise CommandError(f"run_scheduler runs schedules in seconds only, not {schedule!r}")


class Command(BaseCommand):
    help = "Run the periodic jobs of CELERY_BEAT_SCHEDULE (use Celery beat instead when a broker is configured)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--once", action="store_true", help="run every job once and exit")
        parser.add_argument("--only", action="append", default=[], help="run only this entry (repeatable)")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = []
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            if options["only"] and name not in options["only"]:
                continue
            jobs.append((name, import_string(str(entry["task"])), _seconds(entry["schedule"])))
        if not jobs:
            raise CommandError("no job to run")
        next_run = {name: 0.0 for name, _task, _every in jobs}
        while True:
            for name, task, every in jobs:
                if time.monotonic() < next_run[name]:
                    continue
                try:
                    result = task()
                except Exception:  # one failing job must not stop the others; it runs again next time
                    logger.exception("scheduled job %s failed", name)
                    result = None
                if result and not getattr(task, "quiet", False):  # a task declared quiet: housekeeping, not news
                    self.stdout.write(f"{name}: {result}")
                next_run[name] = time.monotonic() + every
            if options["once"]:
                return
            time.sleep(max(1.0, min(next_run.values()) - time.monotonic()))
            close_old_connections()  # a long-lived process drops connections the database has closed
