"""SQLite writers take turns on a lock file before BEGIN IMMEDIATE (anju.core.sqlite, ADR 0017)."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connection, connections, transaction

from anju.core.models import Heartbeat

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's writers only"),
]


def _beat(name: str) -> None:
    from django.utils import timezone

    Heartbeat.objects.update_or_create(name=name, defaults={"items": 1, "beat_at": timezone.now()})


def test_a_transaction_holds_the_turn_from_begin_to_commit():
    path = f"{connection.settings_dict['NAME']}-writer"
    probe = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with transaction.atomic():
            _beat("turn-held")
            with pytest.raises(BlockingIOError):  # another open file description is kept out while it runs
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # given back by the commit
        fcntl.flock(probe, fcntl.LOCK_UN)
        with pytest.raises(RuntimeError), transaction.atomic():
            _beat("turn-rolled-back")
            raise RuntimeError
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # and by the rollback
        fcntl.flock(probe, fcntl.LOCK_UN)
    finally:
        os.close(probe)
    assert os.stat(path).st_mode & 0o077 == 0  # private, as the database itself
    assert not Heartbeat.objects.filter(name="turn-rolled-back").exists()


def test_a_second_writer_waits_for_the_turn_and_then_runs():
    """Two threads (two connections) write at once: the second begins only after the first committed; neither
    fails with "database is locked"."""
    order: list[str] = []
    first_inside = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                _beat("first")
                order.append("first begun")
                first_inside.set()
                time.sleep(0.2)
                order.append("first committing")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_inside.wait(5)
            with transaction.atomic():
                order.append("second begun")
                _beat("second")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert order == ["first begun", "first committing", "second begun"]
    assert set(Heartbeat.objects.filter(name__in=["first", "second"]).values_list("name", flat=True)) == {"first", "second"}


def test_a_turn_not_given_within_the_busy_timeout_leaves_it_to_sqlite(settings):
    """A lock file held by someone else for longer than the busy timeout (a stuck tool): the writer begins anyway and
    SQLite's own lock decides — here it is free, so the write goes through."""
    path = f"{connection.settings_dict['NAME']}-writer"
    holder = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)
    options = connection.settings_dict["OPTIONS"]
    saved = options["timeout"]
    options["timeout"] = 0.2
    try:
        started = time.monotonic()
        with transaction.atomic():
            _beat("after-timeout")
        assert 0.2 <= time.monotonic() - started < 5
    finally:
        options["timeout"] = saved
        fcntl.flock(holder, fcntl.LOCK_UN)
        os.close(holder)
    assert Heartbeat.objects.filter(name="after-timeout").exists()


def test_closing_the_connection_gives_the_turn_back():
    """E.g. a worker shutting down with a transaction open."""
    path = f"{connection.settings_dict['NAME']}-writer"
    probe = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    block = transaction.atomic()
    block.__enter__()
    try:
        _beat("closed-mid-transaction")
        with pytest.raises(BlockingIOError):
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        connection.close()
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(probe, fcntl.LOCK_UN)
    finally:
        block.__exit__(None, None, None)
        os.close(probe)
    assert not Heartbeat.objects.filter(name="closed-mid-transaction").exists()
