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
from django.db.models import Count
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from anju.core.events import _TYPES_ON_TIMELINE, record_event
from anju.core.models import Event, IdempotencyRecord
from anju.core.prepared import Prepared, forget_compiled
from anju.properties.models import Unit

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


# --- inserts ---------------------------------------------------------------------------------------------------------


def _stored(obj: Any) -> dict[str, Any]:
    """The row as the database holds it, by attribute name."""
    return type(obj).objects.filter(pk=obj.pk).values(*[f.attname for f in type(obj)._meta.concrete_fields]).get()


def _held(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def _event(world: Any, **extra: Any) -> Event:
    return Event(
        type="test.inserted", actor=world.admin, target_type=ContentType.objects.get_for_model(Event), target_id=7,
        target_label="标签", note="说明", changes={"name": ["甲", "乙"]}, data={"n": 1, "when": "2026-12-05"}, **extra,
    )  # fmt: skip


def test_an_inserted_row_is_what_save_writes(world: Any) -> None:
    from anju.core.prepared import insert

    for _ in range(3):  # compiled on the first, reused after
        saved, inserted = _event(world), _event(world)
        saved.save()
        insert([inserted])
        assert inserted.pk is not None and inserted.pk != saved.pk
        assert not inserted._state.adding and inserted._state.db == "default"
        assert _stored(inserted) == _held(inserted)  # what the instance holds is what was written
        row, expected = _stored(inserted), _stored(saved)
        for name in ("id", "occurred_at"):
            row.pop(name), expected.pop(name)
        assert row == expected
    user = world.user("insert-record", role="service_agent", projects=[world.project_a])
    records = [IdempotencyRecord(user=user, scope="s", key=f"k{n}", request_hash="h", response_status=201,
                                 response_body={"id": n, "名": "值"}) for n in range(2)]  # fmt: skip
    before = timezone.now()
    insert(records)
    assert all(before <= record.created_at <= timezone.now() for record in records)  # auto_now_add applied
    assert [_stored(record) for record in records] == [_held(record) for record in records]


def test_several_rows_in_one_statement_get_their_keys(world: Any) -> None:
    from anju.core.models import EventLink
    from anju.core.prepared import insert

    event = _event(world)
    insert([event])
    ct = ContentType.objects.get_for_model(Event)
    links = [EventLink(event=event, content_type=ct, object_id=n) for n in (11, 12, 13)]
    with CaptureQueriesContext(connection) as queries:
        insert(links)
    statements = 1 if connection.features.can_return_rows_from_bulk_insert else 3
    assert len(queries.captured_queries) == statements
    assert len({link.pk for link in links}) == 3 and all(link.pk for link in links)
    assert [(link.pk, link.object_id) for link in links] == list(
        EventLink.objects.filter(event=event).order_by("object_id").values_list("pk", "object_id")
    )


def test_compiled_once_then_values_only(world: Any) -> None:
    from anju.core.models import EventLink
    from anju.core.prepared import insert

    ct = ContentType.objects.get_for_model(Event)
    insert([_event(world)])
    insert([EventLink(event=Event.objects.first(), content_type=ct, object_id=n) for n in (1, 2)])
    compiling = "django.db.models.sql.compiler.SQLInsertCompiler.as_sql"
    with mock.patch(compiling, side_effect=AssertionError("compiled")), CaptureQueriesContext(connection) as queries:
        event = _event(world, from_status="a")
        insert([event])
        links = [EventLink(event=event, content_type=ct, object_id=n) for n in (21, 22)]
        insert(links)
    assert len(queries.captured_queries) == (2 if connection.features.can_return_rows_from_bulk_insert else 3)
    assert Event.objects.get(pk=event.pk).from_status == "a"
    assert [(link.pk, link.object_id) for link in links] == list(
        EventLink.objects.filter(event=event).order_by("object_id").values_list("pk", "object_id")
    )


def test_signals_are_sent_as_save_sends_them(world: Any) -> None:
    from django.db.models.signals import post_save, pre_save

    from anju.core.prepared import insert

    heard: list[tuple[Any, ...]] = []

    def before(sender: Any, instance: Any, **kwargs: Any) -> None:
        instance.note = "由信号改写"  # a receiver's change is written
        heard.append(("pre", sender, instance.pk, kwargs["raw"], kwargs["using"], kwargs["update_fields"]))

    def after(sender: Any, instance: Any, **kwargs: Any) -> None:
        heard.append(("post", sender, instance.pk, kwargs["created"], kwargs["raw"], instance._state.adding))

    pre_save.connect(before, sender=Event, dispatch_uid="test.insert.pre")
    post_save.connect(after, sender=Event, dispatch_uid="test.insert.post")
    try:
        event = _event(world)
        insert([event])
    finally:
        pre_save.disconnect(dispatch_uid="test.insert.pre", sender=Event)
        post_save.disconnect(dispatch_uid="test.insert.post", sender=Event)
    assert heard == [("pre", Event, None, False, "default", None), ("post", Event, event.pk, True, False, False)]
    assert Event.objects.get(pk=event.pk).note == "由信号改写"


def test_expressions_unsaved_relations_and_rollback(world: Any) -> None:
    from django.db import transaction
    from django.db.models import Value
    from django.db.models.functions import Upper

    from anju.core.prepared import insert

    event = _event(world, to_status=Upper(Value("done")))
    insert([event])  # the ORM's own statement for an expression
    assert Event.objects.get(pk=event.pk).to_status == "DONE" and not event._state.adding

    from anju.core.models import EventLink

    unsaved = _event(world)
    with pytest.raises(ValueError, match="unsaved related object"):
        insert([EventLink(event=unsaved, content_type=ContentType.objects.get_for_model(Event), object_id=1)])
    count = Event.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        insert([_event(world), _event(world)])
        raise RuntimeError
    assert Event.objects.count() == count


def test_a_model_with_its_own_save_or_a_key_goes_through_save(world: Any) -> None:
    from anju.accounts.models import User
    from anju.core.prepared import insert

    user = User(username="inserted-user", display_name="插入")
    with mock.patch.object(User, "save", autospec=True, side_effect=User.save) as save:
        insert([user])
    assert save.call_count == 1 and User.objects.filter(username="inserted-user").exists()
    event = _event(world)
    event.pk = 987_654
    insert([event])
    assert Event.objects.filter(pk=987_654).exists()


def test_the_built_statement_keeps_no_rows_alive(world: Any) -> None:
    """The statement kept for the connection holds none of the rows it was built with (a request's user, body)."""
    from anju.core.prepared import insert

    user = world.user("insert-alive", role="service_agent", projects=[world.project_a])
    first = IdempotencyRecord(user=user, scope="s", key="k-first", request_hash="h", response_status=201,
                              response_body={"secret": "x" * 1000})  # fmt: skip
    insert([first])
    alive = weakref.ref(first)
    del first
    for n in range(3):
        insert([IdempotencyRecord(user=user, scope="s", key=f"k{n}", request_hash="h", response_status=201,
                                  response_body={})])  # fmt: skip
    gc.collect()
    assert alive() is None


_UNIT_WITH_PLACE = Prepared(  # joined two deep, one nullable relation, an annotation
    lambda unit: (
        Unit.objects.filter(pk=unit)
        .select_related("building__project__city_company", "project")
        .annotate(rooms_in_building=Count("building__units"))
    ),
    unit=int,
)
_EVENT_WITH_ACTOR = Prepared(
    lambda event: Event.objects.filter(pk=event).select_related("actor", "target_type"),
    event=int,
)


def test_model_rows_are_built_as_djangos_iteration_builds_them(world: Any) -> None:
    """The lean path (the model's columns, populators and converters worked out once per connection) gives what
    Django's ``ModelIterable`` gives: joined objects two deep, a relation that is null, annotations, converted
    values; ``values()`` rows keep Django's own iteration."""
    forget_compiled()
    for _ in range(2):  # compiled, then from the compiled statement
        unit = _UNIT_WITH_PLACE.one(unit=world.unit_a.pk)
        expected = (
            Unit.objects.select_related("building__project__city_company", "project")
            .annotate(rooms_in_building=Count("building__units"))
            .get(pk=world.unit_a.pk)
        )
        assert unit is not None and unit.pk == expected.pk and unit._state.db == "default" and not unit._state.adding
        assert unit.rooms_in_building == expected.rooms_in_building == 1
        assert unit.building.project.city_company.name == world.company.name and unit.project == world.project_a
        assert unit.predicted_gross_area == expected.predicted_gross_area  # a Decimal, converted
        with CaptureQueriesContext(connection) as queries:
            assert unit.building.project.city_company.code == world.company.code  # no query: all joined
        assert len(queries) == 0
    system = record_event(target=world.customer_a, type="record.updated", actor=None, note="system")
    by_someone = record_event(target=world.customer_a, type="record.updated", actor=world.admin, note="admin")
    for event in (system, by_someone):
        row = _EVENT_WITH_ACTOR.one(event=event.pk)
        assert row is not None and row.actor == event.actor and row.target_type.model == "customer"
        assert timezone.is_aware(row.occurred_at) and row.occurred_at == Event.objects.get(pk=event.pk).occurred_at
    compiled = connections["default"].__dict__["_anju_prepared"]
    assert compiled[_UNIT_WITH_PLACE].lean is not None and compiled[_EVENT_WITH_ACTOR].lean is not None
    ct = ContentType.objects.get_for_model(world.customer_a)
    _TYPES.all(content_type=ct.pk, object_id=world.customer_a.pk)
    assert compiled[_TYPES].lean is None  # values_list rows: Django's own iteration
