"""Reports and exports read from a streaming read replica (``ANJU_DATABASE_REPLICA_URL``); everything else uses the
primary.

- Only requests to the views named in ``REPLICA_VIEWS`` read from the replica: those are the heavy read-only
  reports and spreadsheet exports, where a second of replication lag does not matter. Writes always go to the primary.
- Read-your-writes: a user whose request changed something is pinned to the primary for ``ANJU_REPLICA_PIN_SECONDS``
  (default 5): the pin lives in the shared cache (Redis in production, so every app server sees it) and in a cookie.
- Users, tokens, sessions and permissions are always read from the primary (``PRIMARY_ONLY_APPS``), and so is a
  user's data scope (``properties.scope``): both are cached under the user's access stamp between requests.
- The replica is probed once per report request; when it does not answer, the request reads from the primary, a
  warning is logged, and the replica is not tried again for ``ANJU_REPLICA_RETRY_SECONDS`` (default 30).
Without a replica configured nothing here changes anything.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger("anju.db")

REPLICA = "replica"
PIN_COOKIE = "anju_primary_until"

# URL names (from each app's api/urls.py, or a router's ``<basename>-<action>``) whose GET requests read from the
# replica. A meta-test checks that every name still resolves.
REPLICA_VIEWS = frozenset(
    {
        "dashboard",
        "workspace",
        "sales-report",
        "sales-report-export",
        "contract-export",
        "customer-export",
        "unit-export",
        "mortgage-case-bank-stats",
        "mortgage-case-export",
        "certificate-case-at-risk-export",
    }
)

# Who is asking is always read from the primary: a token or session created a moment ago may not have reached the
# replica yet, and a permission just taken away must not linger for the replication lag.
PRIMARY_ONLY_APPS = frozenset({"accounts", "auth", "sessions", "contenttypes"})

_read_alias: contextvars.ContextVar[str | None] = contextvars.ContextVar("anju_read_alias", default=None)
_state = {"replica_down_until": 0.0}  # per process


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def pin_to_primary(keys: list[str]) -> float:
    """After a write: reads under these keys (the user, the token) come from the primary for the next few seconds."""
    seconds = settings.REPLICA_PIN_SECONDS
    until = time.time() + seconds
    cache.set_many({f"anju:primary-pin:{key}": until for key in keys}, timeout=max(1, int(seconds) + 1))
    return until


def pinned(keys: list[str], cookie: str | None = None) -> bool:
    now = time.time()
    try:
        if cookie is not None and float(cookie) > now:
            return True
    except ValueError:
        pass
    if not keys:
        return False
    values = cache.get_many([f"anju:primary-pin:{key}" for key in keys]).values()
    return any(float(until) > now for until in values)


def replica_usable() -> bool:
    """Probe the replica (cheaply, at most once per report request); remember a failure for a while."""
    if time.monotonic() < _state["replica_down_until"]:
        return False
    connection = connections[REPLICA]
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError as error:
        with contextlib.suppress(DatabaseError):
            connection.close()
        _state["replica_down_until"] = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        logger.warning("read replica unavailable, reading from the primary: %s", str(error).strip().splitlines()[0:1])
        return False


def reset_replica_state() -> None:
    _state["replica_down_until"] = 0.0


def set_read_alias(alias: str | None) -> contextvars.Token[str | None]:
    return _read_alias.set(alias)


def reset_read_alias(token: contextvars.Token[str | None]) -> None:
    _read_alias.reset(token)


@contextlib.contextmanager
def reads_from(alias: str) -> Iterator[str]:
    """Reads in this block go to ``alias`` (scripts and tests; requests are routed by ReplicaMiddleware)."""
    token = _read_alias.set(alias)
    try:
        yield alias
    finally:
        _read_alias.reset(token)


def choose_read_alias(*, pin_keys: list[str], cookie: str | None = None) -> str:
    """The alias a report request reads from: the replica unless none is configured, the user is pinned, or it is down."""
    if not replica_configured() or pinned(pin_keys, cookie):
        return DEFAULT_DB_ALIAS
    return REPLICA if replica_usable() else DEFAULT_DB_ALIAS


def current_read_alias() -> str | None:
    return _read_alias.get()


class ReplicaRouter:
    """Reads go where ``reads_from`` says (only report requests set it); writes and migrations to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        alias = _read_alias.get()
        if alias is not None and getattr(getattr(model, "_meta", None), "app_label", None) in PRIMARY_ONLY_APPS:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows: objects from either may be related

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS
