"""The detail screen's parts that work orders answer themselves (``anju.workorders.includes``)."""

from __future__ import annotations

from typing import Any

from anju.core.events import list_timeline
from anju.core.pagination import COUNT_CAP, LookaheadPaginator
from anju.core.serializers import event_rows
from anju.workorders import selectors
from anju.workorders.api import serializers as s

TIMELINE_PAGE_SIZE = 20  # the timeline component's page


def follow_ups(request: Any, order: Any) -> list[Any]:
    """As ``GET /work-orders/<id>/follow-ups/``."""
    return [s.follow_up_row(follow_up) for follow_up in selectors.follow_ups_of(order)]


def timeline(request: Any, order: Any) -> dict[str, Any]:
    """The first page of ``GET /work-orders/<id>/timeline/?page_size=20``: ``count``, ``count_capped``, ``results``."""
    paginator = LookaheadPaginator(list_timeline(obj=order, actor=request.user), TIMELINE_PAGE_SIZE)
    page = paginator.page(1)
    count = paginator.count
    return {
        "count": min(count, COUNT_CAP),
        "count_capped": count > COUNT_CAP,
        "results": event_rows(page.object_list, request.user),
    }


def register() -> None:
    from anju.workorders import includes

    includes.register("follow_ups", follow_ups, permission="workorders.view_workorderfollowup")
    includes.register("timeline", timeline, permission="workorders.view_workorder")
