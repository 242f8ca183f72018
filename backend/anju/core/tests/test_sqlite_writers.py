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


def test_a_locked_database_fails_after_one_busy_timeout_not_two():
    """Turn held and SQLite's write lock held (a stuck writer): "database is locked" after about the busy timeout —
    the wait for the turn counts against it (an attacker review measured twice the timeout before)."""
    import sqlite3

    from django.db import OperationalError

    path = f"{connection.settings_dict['NAME']}-writer"
    holder = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    options = connection.settings_dict["OPTIONS"]
    saved = options["timeout"]
    options["timeout"] = 0.4
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"), transaction.atomic():
            _beat("never")
        assert 0.4 <= time.monotonic() - started < 0.75
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 400  # the connection's own timeout again afterwards
    finally:
        options["timeout"] = saved
        other.execute("ROLLBACK")
        other.close()
        fcntl.flock(holder, fcntl.LOCK_UN)
        os.close(holder)
        connection.close()


def test_a_lock_file_that_cannot_be_opened_leaves_writing_to_sqlite(caplog):
    """E.g. left behind by another user: writes go on without turns (SQLite's own lock), with a warning, not a 500."""
    path = f"{connection.settings_dict['NAME']}-writer"
    connection.close()
    if os.path.exists(path):
        os.unlink(path)
    os.mkdir(path)  # cannot be opened as a file, whoever runs the test
    try:
        with transaction.atomic():
            _beat("without-turns")
        assert Heartbeat.objects.filter(name="without-turns").exists()
        assert "take no turns" in caplog.text
    finally:
        connection.close()
        os.rmdir(path)


def test_a_forked_child_closes_the_inherited_lock_file():
    """A child does not keep its parent's lock-file descriptor (a turn held by a parent that dies would otherwise stay
    held while the child lives); its own first transaction opens its own."""
    with transaction.atomic():
        _beat("before-fork")
    assert connection._turn_file is not None
    pid = os.fork()
    if pid == 0:  # the child: report through the exit code only
        os._exit(0 if connection._turn_file is None else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert connection._turn_file is not None  # the parent's own is untouched


def test_the_checkpoint_job_holds_the_turn_outside_transactions_only():
    path = f"{connection.settings_dict['NAME']}-writer"
    probe = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with connection.writers_turn(0.05) as given:
            assert given
            with pytest.raises(BlockingIOError):  # writers are kept out
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a writer holds it now: the job is not given it in time
        started = time.monotonic()
        with connection.writers_turn(0.05) as given:
            assert not given
        assert time.monotonic() - started < 1
        fcntl.flock(probe, fcntl.LOCK_UN)
    finally:
        os.close(probe)
    with pytest.raises(RuntimeError), transaction.atomic(), connection.writers_turn(0.05):
        pass  # a transaction holds its own turn already


def test_under_steady_writes_the_checkpoint_job_starts_the_log_over(monkeypatch):
    """The log is copied back while the writers go on, and its last pages in the writers' turn, so the next writer
    starts it over (before, under steady writes it only grew, to the requests' own threshold)."""
    from anju.core import tasks

    monkeypatch.setattr(tasks, "RESTART_PAGES", 1)
    monkeypatch.setattr(tasks, "QUICK_SECONDS", 60.0)
    passes = []
    real_pass = tasks._passive

    def meanwhile_a_writer_appends(cursor):
        answer = real_pass(cursor)
        if not passes:  # another connection writes twice while the job's first pass finishes (the first of them
            # finds the log all copied and starts it over; the second leaves pages the pass did not copy)
            thread = threading.Thread(target=lambda: (_beat("meanwhile-1"), _beat("meanwhile-2"), connections.close_all()))
            thread.start()
            thread.join()
        passes.append(answer)
        return answer

    monkeypatch.setattr(tasks, "_passive", meanwhile_a_writer_appends)
    for n in range(30):
        _beat(f"log-{n}")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        _busy, grown, _copied = cursor.fetchone()
    assert grown > 5
    tasks.checkpoint_sqlite()
    _beat("after-the-job")  # the next writer: starts the log over
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        _busy, log_pages, _copied = cursor.fetchone()
    assert len(passes) == 2  # the catch-up pass, then the last one in the writers' turn
    with connection.cursor() as cursor:  # the pages one such write adds to an empty log
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.fetchone()
    _beat("one-write")  # a new row, as "after-the-job" was
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
        _busy, one_write, _copied = cursor.fetchone()
    assert log_pages <= one_write < grown  # the log held only the last write: it was started over
