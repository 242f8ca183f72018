"""``core.prepared``: a statement compiled once per connection answers, for every key, what its QuerySet answers."""

from __future__ import annotations

import datetime
import gc
import threading
import weakref
from typing import Any
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection, connections
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.core.events import _TYPES_ON_TIMELINE, record_event
from anju.core.models import Event, IdempotencyRecord
from anju.core.prepared import Prepared, forget_compiled

pytestmark = pytest.mark.django_db

_EVENTS_OF = Prepared(
    lambda target: Event.objects.filter(target_type_id__isnull=False, target_id=target).select_related("actor"),
    target=int,
)
_RECORD = Prepared(
    lambda user, key: IdempotencyRecord.objects.filter(user_id=user, scope="test.scope", key=key).order_by("pk")[:1],
    user=int,
    key=str,
)
_TYPES = _TYPES_ON_TIMELINE  # the timeline's own statement (values_list + distinct)


def _rows(events: list[Event]) -> list[tuple[Any, ...]]:
    return [(e.pk, e.type, e.occurred_at, e.data, e.actor.username if e.actor else None) for e in events]


def test_every_key_answers_what_the_queryset_answers(world: Any) -> None:
    customers = [world.customer_a, world.customer_b]
    for n, customer in enumerate(customers):
        for m in range(n + 2):
            record_event(target=customer, type="record.updated", actor=world.admin, note=f"{n}-{m}", data={"n": m})
    forget_compiled()
    for customer in [*customers, world.customer_a]:  # the first key again after another: nothing carried over
        expected = Event.objects.filter(target_type_id__isnull=False, target_id=customer.pk).select_related("actor")
        answered = _EVENTS_OF.all(target=customer.pk)
        assert _rows(answered) == _rows(list(expected)) and answered
        assert all(isinstance(e.occurred_at, datetime.datetime) and timezone.is_aware(e.occurred_at) for e in answered)
        ct = ContentType.objects.get_for_model(customer)
        expected_types = set(
            Event.objects.filter(links__content_type=ct, links__object_id=customer.pk)
            .values_list("target_type_id", flat=True)
            .distinct()
        )
        assert set(_TYPES.all(content_type=ct.pk, object_id=customer.pk)) == expected_types and ct.pk in expected_types
    assert _EVENTS_OF.all(target=999_999) == []


def test_string_keys_and_one_row(world: Any) -> None:
    now = timezone.now()
    for key in ("a", "b", 'it\'s "quoted" %s'):
        IdempotencyRecord.objects.create(
            user=world.admin, scope="test.scope", key=key, request_hash=key, response_status=201, response_body={}, created_at=now
        )
    for key in ("a", "b", 'it\'s "quoted" %s'):
        found = _RECORD.one(user=world.admin.pk, key=key)
        assert found is not None and found.request_hash == key
    assert _RECORD.one(user=world.admin.pk, key="c") is None
    assert _RECORD.one(user=str(world.admin.pk), key="a") is not None  # an id as a URL gives it
    assert isinstance(_RECORD.all(user=world.admin.pk, key="a"), list)


def test_compiled_once_per_connection_and_runs_one_statement(world: Any) -> None:
    forget_compiled()
    real = SQLCompiler.as_sql
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=real) as compiled:
        _EVENTS_OF.all(target=world.customer_a.pk)
        first = compiled.call_count
        with CaptureQueriesContext(connection) as queries:
            _EVENTS_OF.all(target=world.customer_b.pk)
            _EVENTS_OF.all(target=world.customer_a.pk)
        assert compiled.call_count == first == 1
    assert len(queries.captured_queries) == 2


def test_another_thread_compiles_its_own() -> None:
    """Django's connections are per thread: a compiled statement is never shared between them."""
    seen: list[int] = []
    _EVENTS_OF.all(target=1)  # compiled on this thread's connection

    def other() -> None:
        try:
            with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as compiled:
                _EVENTS_OF.all(target=1)
                _EVENTS_OF.all(target=2)
                seen.append(compiled.call_count)
        finally:
            connections["default"].close()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen == [1]


def test_a_finished_threads_connection_is_released() -> None:
    """runserver and ASGI run each request on a new thread: its connection wrapper (and, with persistent connections,
    its open connection) must go when the thread ends, compiled statements and all (attacker review, 2026-12-05: a
    cache keyed by wrapper whose values pointed back at the wrapper kept every one of them)."""
    wrappers: list[weakref.ref[Any]] = []

    def request_thread() -> None:
        _EVENTS_OF.all(target=1)
        wrappers.append(weakref.ref(connections["default"]))

    for _ in range(5):
        thread = threading.Thread(target=request_thread)
        thread.start()
        thread.join()
    gc.collect()
    assert [ref() for ref in wrappers if ref() is not None] == []


def test_a_key_must_be_compared_exactly_once() -> None:
    twice = Prepared(lambda target: Event.objects.filter(target_id=target, actor_id=target), target=int)
    with pytest.raises(ValueError, match="compared once with exact"):
        twice.all(target=1)
    never = Prepared(lambda target: Event.objects.all(), target=int)
    with pytest.raises(ValueError, match="compared once with exact"):
        never.all(target=1)
    with pytest.raises(TypeError, match="expects keys"):
        _EVENTS_OF.all(wrong=1)
    with pytest.raises(TypeError, match="an int or a str"):
        Prepared(lambda when: Event.objects.filter(occurred_at=when), when=datetime.datetime)


def test_only_exact_comparisons_take_a_key(world: Any) -> None:
    """A LIKE-style lookup would need the key escaped (``%`` matched everything on SQLite): refused when built."""
    from anju.customers.models import Customer

    for build in (
        lambda name: Customer.objects.filter(name__iexact=name),
        lambda name: Customer.objects.filter(name__startswith=name),
        lambda name: Customer.objects.filter(name__gt=name),
    ):
        with pytest.raises(ValueError, match="compared once with exact"):
            Prepared(build, name=str).all(name="%")
    exact = Prepared(lambda name: Customer.objects.filter(name=name), name=str)
    assert exact.all(name="%") == [] and [c.pk for c in exact.all(name=world.customer_a.name)] == [world.customer_a.pk]


def test_keys_take_their_own_type_only(world: Any) -> None:
    for wrong in (1.9, True, " 1 ", "1.0", "-1", None, [1]):
        with pytest.raises(TypeError, match="is a int"):
            _EVENTS_OF.all(target=wrong)
    for wrong in (None, 1, b"a"):
        with pytest.raises(TypeError, match="is a str"):
            _RECORD.all(user=world.admin.pk, key=wrong)
    assert _EVENTS_OF.all(target="0") == []  # digits, as a URL gives an id
    for huge in ("99999999999999999999", 10**19):  # past 64 bits: no row, as the QuerySet answers (not a 500)
        assert list(Event.objects.filter(target_id=huge)) == [] and _EVENTS_OF.all(target=huge) == []


def test_each_thread_has_its_own_connection_wrapper() -> None:
    """The premise of keying compiled statements by connection wrapper."""
    holder: list[Any] = []

    def other() -> None:
        holder.append(connections["default"])
        connections["default"].close()

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert holder and holder[0] is not connections["default"]
