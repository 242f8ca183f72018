"""Common-term search on PostgreSQL (``search_recent``): the form that walks the list index newest first answers
exactly the rows of the ``icontains`` form, and the sample decides which form a term gets."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Q

from anju.workorders import search, search_recent
from anju.workorders.models import WorkOrder
from anju.workorders.tests.test_keyword_search import TERMS
from anju.workorders.tests.test_keyword_search import orders as orders  # noqa: PLC0414 - the same fixture

pytestmark = pytest.mark.django_db


def _icontains(text: str) -> set[int]:
    query = (
        Q(number__icontains=text) | Q(description__icontains=text) | Q(title__icontains=text) | Q(contact_name__icontains=text)
    )
    return set(WorkOrder.objects.filter(query).values_list("pk", flat=True))


@pytest.mark.skipif(connection.vendor == "mysql", reason="MySQL's LIKE follows the column collation, not UPPER")
@pytest.mark.parametrize("text", TERMS)
def test_the_recent_first_form_matches_exactly_the_icontains_rows(orders: list[Any], text: str) -> None:
    walked = set(WorkOrder.objects.filter(search_recent.contains_anywhere(text)).values_list("pk", flat=True))
    assert walked == _icontains(text)


def test_the_sample_tells_a_common_term_from_a_rare_one(desk: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(search_recent, "SAMPLE", 10)
    monkeypatch.setattr(search_recent, "COMMON", 3)
    for n in range(10):
        desk.repair(description=f"卫生间渗水 {n}" if n % 3 == 0 else f"阳台开裂 {n}")  # 渗水 4 of 10, 开裂 6
    desk.repair(description="很少见的裂缝")
    queryset = WorkOrder.objects.all()
    assert search_recent.is_common(queryset, "卫生间渗水")
    assert search_recent.is_common(queryset, "阳台开裂")
    assert not search_recent.is_common(queryset, "很少见的裂缝")  # once among the newest ten: rare
    assert search_recent.is_common(queryset.filter(description__contains="开裂"), "阳台")


def test_a_rare_term_keeps_the_trigram_path_and_other_databases_are_untouched(orders: list[Any]) -> None:
    queryset = WorkOrder.objects.all()
    chosen = search_recent.recent_first_filter(queryset, "不存在的词")
    assert chosen is None  # rare (and on SQLite / MariaDB: never chosen)
    if connection.vendor == "postgresql":
        assert search_recent.recent_first_filter(queryset, "漏水") is not None  # shorter than a trigram


@pytest.mark.parametrize("text", TERMS)
def test_the_list_answers_the_same_page_whichever_form_is_used(orders: list[Any], text: str, monkeypatch: Any) -> None:
    chosen = list(search.keyword_filter(WorkOrder.objects.order_by("-created_at", "-id"), text).values_list("pk", flat=True))
    monkeypatch.setattr(search, "recent_first_filter", lambda queryset, text: None)
    plain = list(search.keyword_filter(WorkOrder.objects.order_by("-created_at", "-id"), text).values_list("pk", flat=True))
    assert chosen == plain
