"""Keyword search for common terms on PostgreSQL (issue 14 §5): stop after the first page.

The trigram indexes (migration 0004) find the rows of a *rare* term quickly, but a *common* one (渗水 in one order
of ten) matches tens of thousands of orders at a million, all of which the bitmap scan fetches and sorts before the
first page can be cut — and a term of one or two characters has no trigram at all, so the index cannot narrow it.
For those, the fast plan is the opposite: walk the list's own index newest first (``wo_project_created``) and test
each row, which stops as soon as the page (and the capped count) is full.

PostgreSQL picks its plan from its estimates, and it estimates ``UPPER(col) LIKE '%…%'`` poorly, so the choice is
made here, from a sample: the newest ``SAMPLE`` orders the user's list holds are read (an index range, a few ms)
and the term is looked for in them. When it occurs in at least ``COMMON`` of them, or it is shorter than a trigram,
the match is written as ``STRPOS(UPPER(col), UPPER(term)) > 0``: the same test as ``icontains`` (which escapes the
wildcards and compares ``UPPER(col) LIKE UPPER('%term%')``), which no trigram index serves, so the planner walks the
ordered list index and stops. Otherwise ``None``: the caller keeps the ``icontains`` form and the trigram indexes.

Either way the rows are the same (``tests/test_search_recent.py`` compares both forms on every database).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import GreaterThan

COLUMNS = ("number", "title", "description", "contact_name")
SAMPLE = 500  # newest orders looked at to estimate how common the term is
COMMON = 5  # matches in the sample (1 %) from which walking the list index newest first is the cheaper plan
TRIGRAM = 3  # characters: shorter terms have no trigram for the index to use


def contains_anywhere(text: str) -> Q:
    """Orders whose number, title, description or contact name contains ``text``, case-insensitively like
    ``icontains``, in a form no trigram index serves (the planner walks the list order instead)."""
    needle = Upper(Value(text))
    return _any([GreaterThan(StrIndex(Upper(F(column)), needle), 0) for column in COLUMNS])


def _any(conditions: list[Any]) -> Q:
    combined = Q(conditions[0])
    for condition in conditions[1:]:
        combined |= Q(condition)
    return combined


def is_common(queryset: QuerySet[Any], text: str) -> bool:
    """Whether ``text`` occurs in at least ``COMMON`` of the newest ``SAMPLE`` orders of ``queryset``."""
    needle = text.upper()
    sample = queryset.order_by("-created_at", "-id").values_list(*COLUMNS)[:SAMPLE]
    found = 0
    for values in sample:
        if any(needle in (value or "").upper() for value in values):
            found += 1
            if found >= COMMON:
                return True
    return False


def recent_first_filter(queryset: QuerySet[Any], text: str) -> QuerySet[Any] | None:
    """On PostgreSQL, for a common or short term: ``queryset`` filtered so that the plan walks the list index newest
    first and stops after the page. ``None`` for a rare term (and on other databases): use the trigram path."""
    if connection.vendor != "postgresql":
        return None
    if len(text) >= TRIGRAM and not is_common(queryset, text):
        return None
    return queryset.filter(contains_anywhere(text))
