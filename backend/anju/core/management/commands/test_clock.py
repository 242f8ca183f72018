"""Move the test clock of a DEBUG installation started with ANJU_TEST_CLOCK=1 (browser journeys only)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from anju.core import testclock


class Command(BaseCommand):
    help = "Show, advance or reset the test clock (ANJU_TEST_CLOCK=1 and ANJU_DEBUG=1 only)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["show", "advance", "reset"])
        parser.add_argument("--minutes", type=int, default=0)

    def handle(self, *args: Any, **options: Any) -> None:
        if not testclock.installed():
            raise CommandError("The test clock is off: start with ANJU_TEST_CLOCK=1 and ANJU_DEBUG=1.")
        if options["action"] == "advance":
            testclock.advance(datetime.timedelta(minutes=options["minutes"]))
        elif options["action"] == "reset":
            testclock.reset()
        self.stdout.write(f"now {timezone.localtime().isoformat()} (offset {testclock.offset()})")
