from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination as _Base
from rest_framework.response import Response

COUNT_CAP = 10_000
# A keyword search counts at most this many matches ("超过 1000 条，请缩小筛选范围"): a common word matches thousands of
# orders, and counting them all cost PostgreSQL 46 ms of a 54 ms search at 100,000 orders (docs/benchmarks.md).
SEARCH_COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 rows: with a million orders an exact COUNT(*) cost more than the page itself."""

    cap: int = COUNT_CAP

    @cached_property
    def count(self) -> int:
        object_list: Any = self.object_list
        if hasattr(object_list, "query"):
            query = object_list.query
            if query.combinator is None and object_list._fields is None and not query.distinct:
                # the rows only: no sort and none of the list's computed columns (sums, labels) for a count
                object_list = object_list.order_by().values("pk")
            return min(int(object_list[: self.cap + 1].count()), self.cap + 1)
        return len(object_list)


class LookaheadPage(Page):
    """A page that knows whether another follows from one row read past its end (no COUNT needed for that)."""

    more: bool = False

    def has_next(self) -> bool:
        return self.more


class LookaheadPaginator(CappedPaginator):
    """Reads ``per_page + 1`` rows: the extra row says whether a next page exists, and a page that is not full ends
    the list, so its count is known without a COUNT query (a list that fits on one page, the last page). Only a full
    page with more after it asks for the (capped) count. Pages answer exactly as ``CappedPaginator``'s: beyond the
    counted rows is an empty page (404).

    ``rows``: how the page's rows are read from the filtered queryset (e.g. ``.values(...)`` with the joined names the
    rows show); the count still runs on the filtered queryset itself, without those joins.
    """

    rows: Callable[[Any], Any] | None = None
    known_count: int | None = None  # the total from elsewhere (``paginate_rows(count=…)``): no COUNT query

    @cached_property
    def count(self) -> int:
        if self.known_count is not None:
            return min(self.known_count, self.cap + 1)  # as the capped COUNT would answer
        return int(CappedPaginator.count.func(self))  # type: ignore[attr-defined]

    def page(self, number: Any) -> Page:
        number = self._page_number(number)
        bottom = (number - 1) * self.per_page
        if bottom > self.cap:  # past what the capped count admits, as before
            raise EmptyPage(self.error_messages["no_results"])
        source = self.rows(self.object_list) if self.rows is not None else self.object_list
        rows = list(source[bottom : bottom + self.per_page + 1])
        more = len(rows) > self.per_page
        rows = rows[: self.per_page]
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        if not more:
            self.__dict__["count"] = bottom + len(rows)  # the cached_property ``count``: exact, no query
        page = LookaheadPage(rows, number, self)
        page.more = more and bottom + self.per_page <= self.cap
        return page

    def _page_number(self, number: Any) -> int:
        try:
            value = int(number)
        except (TypeError, ValueError):
            return self.validate_number(number)  # raises PageNotAnInteger with Django's message
        if value < 1:
            return self.validate_number(value)  # raises EmptyPage
        return value


@functools.cache
def _reading(rows: Callable[[Any], Any], cap: int | None) -> type[LookaheadPaginator]:
    """The paginator class reading its pages through ``rows`` and counting to ``cap`` (made once for each pair)."""
    attributes: dict[str, Any] = {"rows": staticmethod(rows)} | ({"cap": cap} if cap is not None else {})
    return type(f"LookaheadPaginator_{rows.__name__}_{cap}", (LookaheadPaginator,), attributes)


class PageNumberPagination(_Base):
    """``{count, count_capped, next, previous, results}`` with ``page`` and ``page_size`` (max 200).

    ``count`` is exact up to the cap (10,000; a view may pass a lower one, e.g. ``SEARCH_COUNT_CAP`` for a keyword
    search); beyond it says the cap with ``count_capped`` true (narrow the filters).
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class: type[LookaheadPaginator] = LookaheadPaginator

    def paginate_rows(
        self,
        queryset: Any,
        request: Any,
        view: Any,
        *,
        rows: Callable[[Any], Any],
        cap: int | None = None,
        count: int | None = None,
    ) -> list[Any] | None:
        """``paginate_queryset`` with the page's rows read through ``rows`` (see ``LookaheadPaginator.rows``) and the
        count capped at ``cap`` (default: ``CappedPaginator.cap``). ``count``: the filtered queryset's number of rows
        when the caller knows it from a cheaper source (it must be exactly what counting the queryset gives)."""
        paginator_class = _reading(rows, cap)
        if count is not None:
            paginator_class = type(paginator_class.__name__, (paginator_class,), {"known_count": count})
        self.django_paginator_class = paginator_class
        try:
            return self.paginate_queryset(queryset, request, view)
        finally:
            del self.django_paginator_class  # back to the class's

    def get_paginated_response(self, data: Any) -> Response:
        paginator: Any = self.page.paginator  # type: ignore[union-attr]
        count, cap = paginator.count, getattr(paginator, "cap", COUNT_CAP)
        return Response(
            {
                "count": min(count, cap),
                "count_capped": count > cap,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        result = super().get_paginated_response_schema(schema)
        capped = "more rows than count (counted to 10,000; a work-order keyword search to 1,000)"
        result["properties"]["count_capped"] = {"type": "boolean", "description": capped}
        result["required"] = [*result.get("required", []), "count_capped"]
        return result
