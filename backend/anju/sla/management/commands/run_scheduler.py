"""Embedded mode without a broker: run the periodic jobs (the SLA sweep) in a loop. `make run` starts it."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from anju.sla.escalation import sweep


class Command(BaseCommand):
    help = "Run the SLA sweep every --interval seconds (use Celery beat instead when a broker is configured)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="sweep once and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            fired = sweep()
            if fired:
                self.stdout.write(f"SLA sweep: {fired} step(s) fired")
            if options["once"]:
                return
            time.sleep(options["interval"])
            close_old_connections()  # a long-lived process drops connections the database has closed
