"""What every request recomputes about its user — permissions and project scope — kept between requests.

Each request loads its user row afresh (with the token, or from the session); the row carries ``access_stamp``, a
random value replaced whenever something that decides the user's access changes: their roles (groups), their own
permissions, a role's permissions, their data scope, the projects under a city company (see ``bump``). Cached
values are keyed by ``(user id, access_stamp, is_active, is_superuser)``, so a change takes effect on the next
request in every worker process with no extra query and no cross-process message: the next request reads the new
stamp with the user and misses the cache. A random stamp (not a counter) cannot repeat after a rolled-back change.

The cache is process-local and bounded (least recently used entries go first). Values must be immutable
(``frozenset``) or treated as read-only by callers.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

MAX_ENTRIES = 4096
_lock = threading.Lock()
_entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_MISSING = object()
# Called with each in-memory user object on ``bump`` (e.g. ``properties`` drops the scope it memoised on the object).
_forgetters: list[Callable[[Any], None]] = []


def new_stamp() -> str:
    return secrets.token_hex(8)


def _key(user: Any, kind: str) -> tuple[Any, ...] | None:
    stamp = getattr(user, "access_stamp", None)
    if not stamp or user.pk is None:
        return None
    return (kind, user.pk, stamp, bool(user.is_active), bool(user.is_superuser))


def cached(user: Any, kind: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` for this user's current access, computed once per stamp (per process)."""
    key = _key(user, kind)
    if key is None:
        return compute()
    with _lock:
        value = _entries.get(key, _MISSING)
        if value is not _MISSING:
            _entries.move_to_end(key)
            return value
    value = compute()
    with _lock:
        _entries[key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def bump(user_ids: Iterable[int] | None = None, *, instances: Iterable[Any] = ()) -> None:
    """Give these users (``None``: every user) a new stamp: their cached access is recomputed on their next request.

    ``instances``: user objects in memory to update as well (a test client or a request that keeps its user object).
    Runs inside the caller's transaction, so a rolled-back change leaves the old stamp (and the old, still true,
    cache entries) in place.
    """
    from anju.accounts.models import User

    stamp = new_stamp()
    queryset = User.objects.all() if user_ids is None else User.objects.filter(pk__in=list(user_ids))
    queryset.update(access_stamp=stamp)
    for user in instances:
        user.access_stamp = stamp
        for attr in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
            if hasattr(user, attr):
                delattr(user, attr)
        for forget in _forgetters:
            forget(user)


def on_bump(forget: Callable[[Any], None]) -> None:
    """Register what to drop from an in-memory user object when its access changes."""
    if forget not in _forgetters:
        _forgetters.append(forget)


def clear() -> None:
    """Forget every cached entry (tests)."""
    with _lock:
        _entries.clear()
