"""Statements the hot paths run on every request, compiled once per database connection (issue 14).

Turning a QuerySet into SQL is most of what a small read costs in Django: on the work-order screen and a repair
create, compiling the ~10 short statements took about as long as everything else the request did (cProfile on 100,000
orders: ``SQLCompiler.as_sql`` 40 to 45 % of the screen). The statements a hot path repeats have the same shape every
time and differ only in a key (a token's digest, an order's id), so:

``Prepared(build, key=<sentinel>)`` builds the QuerySet once with a sentinel in place of each key, compiles it once
per connection (``SQLCompiler.as_sql`` sets up the select list, joins and converters), and remembers where each
sentinel sits among the statement's parameters. A call swaps the real keys in and runs the compiled statement through
Django's own row iteration: model instances, ``select_related`` rows, converters (datetimes, decimals, time zones) and
``prefetch_related`` are exactly what the plain QuerySet gives — ``core/tests/test_prepared.py`` compares the two, and
every user of a ``Prepared`` compares its rows with the QuerySet it replaces.

Rules: a key is an ``int`` or a ``str`` that Django passes to the database unchanged (primary keys, foreign keys, plain
character columns); each sentinel must occur exactly once among the compiled parameters (checked when compiling); the
build must not depend on anything but its keys (no user, no clock, no settings read at build time). The answer is a
list (or one row), never a QuerySet: a QuerySet derived from a prepared one would carry the compiled statement.
"""

from __future__ import annotations

import copy
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

T = TypeVar("T")

_INT_SENTINEL_BASE = -7_340_000_000_000  # far outside any id this system hands out
_STR_SENTINEL = "\x00anju-prepared-{}\x00"


class _Compiled:
    __slots__ = ("compiler", "params", "positions", "sql")

    def __init__(self, compiler: Any, sql: str, params: tuple[Any, ...], positions: dict[str, int]) -> None:
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.positions = positions


# Connection wrapper -> {statement: compiled}. Django's connection wrappers are per thread (and per alias), so a
# compiled statement is never shared between threads.
_COMPILED: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[Prepared[Any], _Compiled]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


class Prepared(Generic[T]):
    def __init__(self, build: Callable[..., QuerySet[Any, T]], **keys: type[int] | type[str]) -> None:
        """``build(**keys)`` returns the QuerySet; ``keys`` names each key and its type (``int`` or ``str``)."""
        self.build = build
        self.sentinels: dict[str, int | str] = {}
        for n, (name, kind) in enumerate(keys.items()):
            if kind is int:
                self.sentinels[name] = _INT_SENTINEL_BASE - n
            elif kind is str:
                self.sentinels[name] = _STR_SENTINEL.format(n)
            else:
                raise TypeError(f"a prepared statement's key is an int or a str, not {kind!r}")
        self._template: QuerySet[Any, T] | None = None

    def template(self) -> QuerySet[Any, T]:
        if self._template is None:
            self._template = self.build(**self.sentinels)
        return self._template

    def _compiled(self, queryset: QuerySet[Any, T], alias: str) -> _Compiled:
        connection = connections[alias]
        with _LOCK:
            per_connection = _COMPILED.setdefault(connection, {})
        found = per_connection.get(self)
        if found is not None:
            return found
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        positions: dict[str, int] = {}
        for name, sentinel in self.sentinels.items():
            at = [i for i, value in enumerate(params) if value == sentinel]
            if len(at) != 1:
                raise ValueError(f"prepared statement: key {name!r} occurs {len(at)} times among the parameters of {sql}")
            positions[name] = at[0]
        found = _Compiled(compiler, sql, tuple(params), positions)
        per_connection[self] = found
        return found

    def _params(self, compiled: _Compiled, values: dict[str, Any]) -> tuple[Any, ...]:
        if set(values) != set(self.sentinels):
            raise TypeError(f"prepared statement expects keys {sorted(self.sentinels)}, got {sorted(values)}")
        params = list(compiled.params)
        for name, given in values.items():
            kind = type(self.sentinels[name])
            value = given if isinstance(given, kind) and not isinstance(given, bool) else kind(given)  # "12" from a URL
            params[compiled.positions[name]] = value
        return tuple(params)

    def all(self, **values: Any) -> list[T]:
        """The rows for these keys, as the built QuerySet would answer them (model instances or ``values()`` rows,
        prefetches included)."""
        queryset = self.template()._chain()  # type: ignore[attr-defined]
        compiled = self._compiled(queryset, queryset.db)
        params = self._params(compiled, values)
        compiler = copy.copy(compiled.compiler)
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def one(self, **values: Any) -> T | None:
        """The first row for these keys or ``None`` (the build sets the order and, for one row, the ``[:1]``)."""
        rows = self.all(**values)
        return rows[0] if rows else None


def forget_compiled() -> None:
    """Drop every compiled statement (tests that change the database's vendor-specific settings)."""
    with _LOCK:
        _COMPILED.clear()
