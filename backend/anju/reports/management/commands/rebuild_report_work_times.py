"""Recompute the report centre's working-time rows of the orders completed in a range of days (idempotent)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from anju.reports.worktimes import rebuild


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from error


class Command(BaseCommand):
    help = (
        "Recompute the working-time rows (response, arrival, resolution) of the orders completed from --from to --to "
        "(local days, inclusive; default: yesterday). Run after bulk loads or a change of the holiday rules."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="last", help="last day, YYYY-MM-DD (default: the first day, or yesterday)")

    def handle(self, *args: Any, **options: Any) -> None:
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        first = _day(options["first"]) if options["first"] else yesterday
        last = _day(options["last"]) if options["last"] else (first if options["first"] else yesterday)
        if last < first:
            raise CommandError("--to is before --from")
        written = rebuild(first, last)
        self.stdout.write(f"{written} orders completed {first} … {last}: working times recomputed")
