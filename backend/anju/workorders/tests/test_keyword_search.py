"""Keyword search: on SQLite an FTS5 trigram index narrows the rows, and the answer is exactly the ``LIKE`` path's."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import Q

from anju.workorders import search
from anju.workorders.models import WorkOrder

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index exists on SQLite only")

TERMS = [
    "漏水",  # two characters: LIKE alone
    "卫生间漏水",
    "卫生间",
    "KITCHEN",  # ASCII case folded the same way by both paths
    "kitchen sink",
    "Émile",  # a non-ASCII capital: LIKE folds ASCII only, FTS folds more; the LIKE decides
    "émile",
    '"引号"',
    "100%",
    "a_b",
    "BX",
    "不存在的词",
    "王先生",
]


def _like(text: str) -> set[int]:
    query = (
        Q(number__icontains=text) | Q(description__icontains=text) | Q(title__icontains=text) | Q(contact_name__icontains=text)
    )
    return set(WorkOrder.objects.filter(query).values_list("pk", flat=True))


def _searched(text: str) -> set[int]:
    return set(search.keyword_filter(WorkOrder.objects.all(), text).values_list("pk", flat=True))


@pytest.fixture
def orders(desk: Any) -> list[Any]:
    texts = [
        ("卫生间漏水，请尽快处理", "", ""),
        ("厨房漏水", "Kitchen sink", "王先生"),
        ("kitchen SINK leaks", "", ""),
        ("Émile 的阳台", "", ""),
        ("émile 的客厅", "", ""),
        ('墙上写着"引号"', "", ""),
        ("打折 100% 不对", "a_b", ""),
        ("axb 不是 a_b", "", ""),
        ("卫生间地漏堵塞", "", "李女士"),
    ]
    return [desk.repair(description=d, title=t, contact_name=c) for d, t, c in texts]


@sqlite_only
def test_the_index_answers_what_like_answers(orders: Any) -> None:
    assert search.uses_fts("卫生间漏水") and not search.uses_fts("漏水")
    for term in TERMS:
        assert _searched(term) == _like(term), term
    assert _searched("卫生间漏水") == {orders[0].pk}
    assert _searched("KITCHEN") == {orders[1].pk, orders[2].pk}
    assert _searched("Émile") == _like("Émile")


@sqlite_only
def test_the_index_follows_edits_and_deletions(desk: Any, orders: Any) -> None:
    first = orders[0]
    WorkOrder.objects.filter(pk=first.pk).update(description="阳台开裂")
    assert _searched("卫生间漏水") == set() == _like("卫生间漏水")
    assert _searched("阳台开裂") == {first.pk}
    WorkOrder.objects.filter(pk=first.pk).update(title="客户催单处理", contact_name="赵先生")
    assert _searched("催单处") == {first.pk} and _searched("赵先生") == {first.pk}
    WorkOrder.objects.filter(pk=orders[8].pk).delete()
    assert _searched("地漏堵塞") == set()
    fresh = desk.repair(description="新的卫生间地漏堵塞")
    assert _searched("地漏堵塞") == {fresh.pk} == _like("地漏堵塞")
    assert _searched(fresh.number) == {fresh.pk}


@sqlite_only
def test_lost_triggers_are_recreated_and_the_index_rebuilt(desk: Any, orders: Any) -> None:
    """A later migration that remakes the orders table on SQLite drops its triggers: ``ensure_fts`` (run after
    every migrate) puts them back and rebuilds the index from the orders."""
    with connection.cursor() as cursor:
        for name in search._TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    stale = desk.repair(description="没有触发器时新建的阳台渗水")
    assert _searched("阳台渗水") == set()  # the index missed it, the search with it would too
    assert search.ensure_fts() is True
    assert _searched("阳台渗水") == {stale.pk}
    assert search.ensure_fts() is False  # nothing missing: nothing done


def test_the_api_search_is_unchanged(desk: Any, client_for: Any, orders: Any) -> None:
    client = client_for(desk.supervisor)
    for term in ("卫生间漏水", "kitchen", "漏水"):
        rows = client.get("/api/v1/work-orders/", {"q": term, "page_size": 50}).json()["results"]
        assert {row["id"] for row in rows} == _like(term), term
