"""Statements the hot paths run on every request, compiled once per database connection (issue 14).

Turning a QuerySet into SQL is most of what a small read costs in Django: on the work-order screen and a repair
create, compiling the ~10 short statements took about as long as everything else the request did (cProfile on 100,000
orders: ``SQLCompiler.as_sql`` 40 to 45 % of the screen). The statements a hot path repeats have the same shape every
time and differ only in a key (a token's digest, an order's id), so:

``Prepared(build, key=<sentinel>)`` builds the QuerySet once with a sentinel in place of each key, compiles it once
per connection (``SQLCompiler.as_sql`` sets up the select list, joins and converters), and remembers where each
sentinel sits among the statement's parameters. A call swaps the real keys in and runs the compiled statement. Model
rows are built as Django's ``ModelIterable`` builds them, from what it would work out on every run (the model's
columns, the ``select_related`` populators, the converters) worked out once with the statement (``_Lean``);
``values()`` rows and statements with ``prefetch_related`` go through Django's own iteration. Model instances, joined
rows, converters (datetimes, decimals, time zones), annotations and prefetches are exactly what the plain QuerySet
gives — ``core/tests/test_prepared.py`` compares the two, and every user of a ``Prepared`` compares its rows with the
QuerySet it replaces.

Rules, checked when compiling: a key is an ``int`` or a ``str`` compared with ``exact`` (primary keys, foreign keys,
plain character columns — Django passes such a value to the database unchanged; a ``LIKE``-style lookup would need it
escaped), and occurs exactly once among the statement's parameters. A call takes exactly those types (an ``int`` key
also takes a string of digits, as a URL gives it). The build must not depend on anything but its keys (no user, no
clock, no settings read at build time). The answer is a list (or one row), never a QuerySet: a QuerySet derived from a
prepared one would carry the compiled statement.

The compiled statements of a connection are kept on its wrapper (Django's wrappers are per thread and per alias), so
nothing compiled is shared between threads and they go with the wrapper when its thread ends.
"""

from __future__ import annotations

import copy
import functools
import re
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
from django.db.models import Model, QuerySet, signals
from django.db.models.lookups import Lookup
from django.db.models.query import ModelIterable, get_related_populators  # type: ignore[attr-defined]
from django.db.models.sql import InsertQuery
from django.db.models.sql.where import WhereNode

T = TypeVar("T")

# Far from any constant a statement holds and inside every integer column's range (a key out of a 32-bit column's
# range would make Django compile the statement to nothing).
_INT_SENTINEL_BASE = 2_146_000_000
_STR_SENTINEL = "\x00anju-prepared-{}\x00"
_DIGITS = re.compile(r"[0-9]{1,20}")
_INT64 = (-(2**63), 2**63 - 1)
_ATTRIBUTE = "_anju_prepared"  # on the connection wrapper: {statement: compiled}


class _Compiled:
    __slots__ = ("compiler", "converters", "lean", "params", "positions", "sql")

    def __init__(self, compiler: Any, sql: str, params: tuple[Any, ...], positions: dict[str, int]) -> None:
        self.compiler = compiler
        self.sql = sql
        self.params = params
        self.positions = positions
        # the row converters Django looks up for the selected columns (per backend and field) on every run: the
        # columns are the compiled statement's own, so they are looked up once
        self.converters: dict[tuple[int, ...], Any] = {}
        self.lean: _Lean | None = None

    def get_converters(self, expressions: list[Any]) -> Any:
        key = tuple(map(id, expressions))
        found = self.converters.get(key)
        if found is None:
            found = self.converters[key] = type(self.compiler).get_converters(self.compiler, expressions)
        return found


class _Lean:
    """What Django's ``ModelIterable`` works out from the compiled statement on every run (the model's columns, the
    ``select_related`` populators, the converters), worked out once: a run then only executes, converts and builds the
    instances as ``ModelIterable`` does. For statements of model instances without ``prefetch_related`` or known
    related objects; ``values()`` rows and the rest take Django's own iteration."""

    __slots__ = ("alias", "annotations", "compiler", "converters", "end", "init_list", "model", "populators", "start", "width")

    def __init__(self, compiler: Any, alias: str) -> None:
        select, klass_info = compiler.select, compiler.klass_info
        self.compiler = compiler
        self.alias = alias
        self.model = klass_info["model"]
        select_fields = klass_info["select_fields"]
        self.start, self.end = select_fields[0], select_fields[-1] + 1
        self.init_list = [column[0].target.attname for column in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, alias)
        self.annotations = tuple(compiler.annotation_col_map.items())
        fields = [column[0] for column in select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        self.width = compiler.col_count if compiler.has_extra_select else None

    @staticmethod
    def fits(queryset: QuerySet[Any, Any], compiler: Any) -> bool:
        return (
            queryset._iterable_class is ModelIterable  # type: ignore[attr-defined]
            and not queryset._prefetch_related_lookups  # type: ignore[attr-defined]
            and not queryset._known_related_objects  # type: ignore[attr-defined]
            and compiler.klass_info is not None
            and not compiler.has_composite_fields([column[0] for column in compiler.select[0 : compiler.col_count]])
        )

    def rows(self, sql: str, params: tuple[Any, ...]) -> list[Any]:
        with connections[self.alias].cursor() as cursor:
            cursor.execute(sql, params)
            fetched: Any = cursor.fetchall()
        if self.width is not None:
            fetched = [row[: self.width] for row in fetched]
        if self.converters:
            fetched = self.compiler.apply_converters(fetched, self.converters)
        result = []
        from_db, alias, init_list, start, end = self.model.from_db, self.alias, self.init_list, self.start, self.end
        for row in fetched:
            obj = from_db(alias, init_list, row[start:end])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, position in self.annotations:
                setattr(obj, name, row[position])
            result.append(obj)
        return result


def _lookups(node: Any) -> Iterator[Lookup]:
    if isinstance(node, Lookup):
        yield node
    elif isinstance(node, WhereNode):
        for child in node.children:
            yield from _lookups(child)


class Prepared(Generic[T]):
    def __init__(self, build: Callable[..., QuerySet[Any, T]], **keys: type[int] | type[str]) -> None:
        """``build(**keys)`` returns the QuerySet; ``keys`` names each key and its type (``int`` or ``str``)."""
        self.build = build
        self.sentinels: dict[str, int | str] = {}
        for n, (name, kind) in enumerate(keys.items()):
            if kind is int:
                self.sentinels[name] = _INT_SENTINEL_BASE + n
            elif kind is str:
                self.sentinels[name] = _STR_SENTINEL.format(n)
            else:
                raise TypeError(f"a prepared statement's key is an int or a str, not {kind!r}")
        self._template: QuerySet[Any, T] | None = None

    def template(self) -> QuerySet[Any, T]:
        if self._template is None:
            template = self.build(**self.sentinels)
            exact = [lookup.rhs for lookup in _lookups(template.query.where) if lookup.lookup_name == "exact"]
            for name, sentinel in self.sentinels.items():
                if exact.count(sentinel) != 1:
                    raise ValueError(f"prepared statement: key {name!r} must be compared once with exact")
            self._template = template
        return self._template

    def _compiled(self, alias: str) -> _Compiled:
        connection = connections[alias]
        # weakly held: a statement made for one kind of request (``workorders.selectors.project_page``, kept in a
        # bounded cache) goes with its compiled forms when the cache drops it
        per_connection: weakref.WeakKeyDictionary[Prepared[Any], _Compiled] = connection.__dict__.setdefault(
            _ATTRIBUTE, weakref.WeakKeyDictionary()
        )
        found = per_connection.get(self)
        if found is not None:
            return found
        queryset = self.template()._chain()  # type: ignore[attr-defined]  # compiling sets up its query: a copy
        compiler = queryset.query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as exc:
            raise ValueError("prepared statement: the query compiles to nothing (a key out of its column's range?)") from exc
        positions: dict[str, int] = {}
        for name, sentinel in self.sentinels.items():
            at = [i for i, value in enumerate(params) if value == sentinel]
            if len(at) != 1:
                raise ValueError(f"prepared statement: key {name!r} occurs {len(at)} times among the parameters of {sql}")
            positions[name] = at[0]
        found = _Compiled(compiler, sql, tuple(params), positions)
        if _Lean.fits(queryset, compiler):
            found.lean = _Lean(compiler, alias)
        per_connection[self] = found
        return found

    def _params(self, compiled: _Compiled, values: dict[str, Any]) -> tuple[Any, ...]:
        if set(values) != set(self.sentinels):
            raise TypeError(f"prepared statement expects keys {sorted(self.sentinels)}, got {sorted(values)}")
        params = list(compiled.params)
        for name, given in values.items():
            params[compiled.positions[name]] = self._key(name, given)
        return tuple(params)

    def _key(self, name: str, given: Any) -> int | str:
        if isinstance(self.sentinels[name], str):
            if isinstance(given, str):
                return given
        elif isinstance(given, int) and not isinstance(given, bool):
            return given
        elif isinstance(given, str) and _DIGITS.fullmatch(given):
            return int(given)  # an id as a URL gives it
        raise TypeError(f"prepared statement: key {name!r} is a {type(self.sentinels[name]).__name__}, not {given!r}")

    def all(self, **values: Any) -> list[T]:
        """The rows for these keys, as the built QuerySet would answer them (model instances or ``values()`` rows,
        prefetches included)."""
        template = self.template()
        compiled = self._compiled(template.db)
        params = self._params(compiled, values)
        if any(isinstance(value, int) and not _INT64[0] <= value <= _INT64[1] for value in params):
            return []  # no row has such a key (the QuerySet answers nothing too; SQLite's driver would refuse it)
        if compiled.lean is not None:
            return compiled.lean.rows(compiled.sql, params)
        queryset = template._chain()  # type: ignore[attr-defined]
        compiler = copy.copy(compiled.compiler)
        sql = compiled.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, params)
        compiler.get_converters = compiled.get_converters
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)

    def one(self, **values: Any) -> T | None:
        """The first row for these keys or ``None`` (the build sets the order and, for one row, the ``[:1]``)."""
        rows = self.all(**values)
        return rows[0] if rows else None


def forget_compiled() -> None:
    """Drop the statements compiled on this thread's connections (tests)."""
    for connection in connections.all(initialized_only=True):
        connection.__dict__.pop(_ATTRIBUTE, None)
        connection.__dict__.pop(_INSERTS, None)


# --- inserts -------------------------------------------------------------------------------------------------------
#
# A repair create writes five rows (the order, its SLA clocks, its event and the event's links, the idempotency
# record), all inside the write transaction: building each INSERT (``SQLInsertCompiler.as_sql``) and going through
# ``Model.save`` around it was ~10 % of the create, and on SQLite every writer waits for it. ``insert`` builds the
# statement once per connection, model and number of rows, and then only converts the values, as ``as_sql`` does.

_INSERTS = "_anju_prepared_inserts"  # on the connection wrapper: {(model, rows): (compiler, sql, by column)}
_MOST_ROWS = 20


@functools.cache
def _insert_fields(model: type[Model]) -> list[Any] | None:
    """The columns ``save()`` writes for a new row of ``model`` (all but the auto key), or ``None`` when ``insert``
    leaves the model to ``save()`` (parents, its own ``save``, a key that is not an auto field, a field with its own
    placeholder)."""
    opts = model._meta
    fields = [f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated]
    plain = (
        opts.auto_field is not None
        and opts.pk is opts.auto_field
        and not (opts.parents or opts.proxy or opts.auto_created or opts.order_with_respect_to)
        and model.save is Model.save
        and model.save_base is Model.save_base
        and not any(hasattr(field, "get_placeholder") for field in fields)
    )
    return fields if plain else None


def insert(objs: Sequence[Model]) -> None:
    """Write new rows of one model as ``obj.save()`` does for each: ``pre_save`` / ``post_save`` sent, the fields'
    ``pre_save`` values (``auto_now_add``) applied, the primary key (and any column the database returns) set, the
    instances marked saved — in one statement when the database returns the keys of several rows. The caller is in a
    transaction.

    A model with parents or a ``save`` of its own, a row with a primary key already or more than 20 rows are saved by
    ``obj.save()``; a row with an expression for a value by the ORM's own INSERT. ``core/tests/test_prepared.py``
    compares rows and instances with ``save()``'s on every database.
    """
    if not objs:
        return
    model = type(objs[0])
    fields = _insert_fields(model)
    if fields is None or len(objs) > _MOST_ROWS or not all(type(o) is model and o.pk is None and o._state.adding for o in objs):
        for obj in objs:
            obj.save(force_insert=True)
        return
    alias = router.db_for_write(model, instance=objs[0])
    connection = connections[alias]
    if len(objs) > 1 and not connection.features.can_return_rows_from_bulk_insert:
        for obj in objs:  # MySQL: the key of each row from its own statement
            insert([obj])
        return
    opts = model._meta
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
        signals.pre_save.send(sender=model, instance=obj, raw=False, using=alias, update_fields=None)
    values = [field.pre_save(obj, True) for obj in objs for field in fields]
    params = (
        None
        if any(hasattr(value, "resolve_expression") for value in values)
        else tuple(field.get_db_prep_save(value, connection) for value, field in zip(values, fields * len(objs), strict=True))
    )
    per_connection: dict[tuple[type[Model], int], Any] = connection.__dict__.setdefault(_INSERTS, {})
    found = per_connection.get((model, len(objs)))
    if params is not None and found is None:
        query = InsertQuery(model)
        query.insert_values(fields, list(objs), raw=True)  # the values are applied already: read, not computed again
        built = query.get_compiler(using=alias)
        built.returning_fields = opts.db_returning_fields
        statements = built.as_sql()
        built.query.objs = []  # kept for the life of the connection: not this call's rows (each call sets its own)
        if len(statements) == 1 and len(statements[0][1]) == len(params):
            found = per_connection[(model, len(objs))] = (built, statements[0][0], False)
        elif len(statements) == 1 and len(objs) > 1 and len(statements[0][1]) == len(fields):
            # PostgreSQL writes several rows as UNNEST of one array per column
            found = per_connection[(model, len(objs))] = (built, statements[0][0], True)
    if params is None or found is None or any(hasattr(value, "as_sql") for value in params):
        for obj in objs:  # an expression among the values, or a database that writes these rows otherwise: the ORM
            with transaction.mark_for_rollback_on_error(using=alias):
                obj._save_table(raw=False, cls=model, force_insert=True, using=alias)  # type: ignore[attr-defined]
        _saved(model, objs, alias)
        return
    compiler = copy.copy(found[0])
    compiler.query = copy.copy(compiler.query)
    compiler.query.objs = objs
    statement, by_column = found[1], found[2]
    if by_column:
        width = len(fields)
        params = tuple([params[row * width + column] for row in range(len(objs))] for column in range(width))
    compiler.as_sql = lambda *args, **kwargs: [(statement, params)]
    with transaction.mark_for_rollback_on_error(using=alias):
        returned = compiler.execute_sql(opts.db_returning_fields)
    for obj, row in zip(objs, returned or [()] * len(objs), strict=True):
        for value, field in zip(row, opts.db_returning_fields, strict=False):
            setattr(obj, field.attname, value)
    _saved(model, objs, alias)


def _saved(model: type[Model], objs: Sequence[Model], alias: str) -> None:
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
        signals.post_save.send(sender=model, instance=obj, created=True, update_fields=None, raw=False, using=alias)
