"""What the detail screen shows beside an order, answered with the order in one request:
``GET /work-orders/<id>/?include=follow_ups,timeline,sla`` adds ``included: {name: ...}``.

Each part is registered by the app that owns it (the SLA clocks by ``anju.sla``, which sits above work orders and
registers in its ``AppConfig.ready()``); a part is given the caller and the order the caller has just been allowed
to see, and answers what its own endpoint would (the follow-ups as ``/follow-ups/``, the first page of
``/timeline/``, the clocks as ``/sla/clocks/?work_order=<id>``). A part the caller lacks the permission for is left
out, as the screen would not ask for it; the separate endpoints stay for paging and reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Part:
    provide: Callable[[Any, Any], Any]  # (request, order) -> JSON-ready value
    permission: str | None = None


_PARTS: dict[str, Part] = {}


def register(name: str, provide: Callable[[Any, Any], Any], *, permission: str | None = None) -> None:
    _PARTS[name] = Part(provide=provide, permission=permission)


def names() -> list[str]:
    return sorted(_PARTS)


def included(request: Any, order: Any, wanted: list[str]) -> dict[str, Any]:
    """``{name: value}`` for the wanted parts the caller may see (unknown names are refused by the view first)."""
    user = request.user
    result: dict[str, Any] = {}
    for name in wanted:
        part = _PARTS[name]
        if part.permission and not user.has_perm(part.permission):
            continue
        result[name] = part.provide(request, order)
    return result
