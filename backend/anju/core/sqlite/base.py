"""Django's SQLite backend with writers taking turns on a lock file before ``BEGIN IMMEDIATE`` (ADR 0017).

Anju starts every transaction with ``BEGIN IMMEDIATE`` (the write lock, so two writers never deadlock half-way). When
another process holds the lock, SQLite's busy handler sleeps 1, 2, 5, 10, 15, 20, 25 … ms between tries: a writer that
finds the lock held for 2 ms waits 3 to 8 ms; with two web workers creating orders at once the median create at
concurrency 8 took 28 ms with those sleeps and 24 ms without (docs/benchmarks.md). Here each connection first takes an
exclusive ``flock`` on ``<database>-writer`` — checked every 50 to 500 µs instead — then begins; commit, rollback and
close give it back. The kernel drops the lock of a process that dies, so a crashed writer cannot wedge the others, and
a forked child closes the descriptor it inherited. Without a turn within the busy timeout the connection tries
SQLite's lock once more without waiting again (so "database is locked" comes after one timeout, not two). A lock file
that cannot be opened (left by another user) is warned about and writing goes on without turns; a program that does
not use this backend (the ``sqlite3`` shell, a backup tool) is still kept out by SQLite's lock itself. Only
transactions take turns (``atomic``): a single statement outside one waits in SQLite's busy handler, as before. In-
memory databases have no file and no turn. A waiting writer polls (~5 % of a core while it waits).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import time
import weakref
from collections.abc import Iterator
from typing import Any

from django.db.backends.sqlite3 import base

logger = logging.getLogger("anju.core.sqlite")
FIRST_PAUSE = 0.00005
LONGEST_PAUSE = 0.0005
_OPEN: weakref.WeakSet[Any] = weakref.WeakSet()  # wrappers holding a lock-file descriptor


def _forget_inherited_descriptors() -> None:
    """In a forked child: close the descriptors inherited from the parent (closing, not unlocking — the parent's turn
    stays the parent's), so that a turn held by a parent that dies is not kept alive by its children."""
    for wrapper in list(_OPEN):
        wrapper._forget_descriptor()


os.register_at_fork(after_in_child=_forget_inherited_descriptors)


def _rewrite(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


_remembered = functools.lru_cache(maxsize=1024)(_rewrite)
_LONGEST_REMEMBERED = 4096  # a long statement (an IN list of a thousand ids) is rewritten each time, not kept


def _qmark(query: str) -> str:
    return _remembered(query) if len(query) <= _LONGEST_REMEMBERED else _rewrite(query)


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    """Django's cursor, with the "%s" → "?" rewrite of a statement remembered (the hot paths run the same statements
    on every request — ``core.prepared``: the regular expression was ~3 % of a repair create)."""

    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)  # type: ignore[misc]


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name: str | None = None) -> Any:
        return self.connection.cursor(factory=SQLiteCursorWrapper)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn_file: int | None = None
        self._turn_pid = 0
        self._has_turn = False

    def _turn_path(self) -> str | None:
        if self.is_in_memory_db() or (getattr(self, "transaction_mode", None) or "DEFERRED").upper() == "DEFERRED":
            return None
        return f"{self.settings_dict['NAME']}-writer"

    def _open_turn_file(self, path: str) -> int | None:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
        except OSError as exc:  # e.g. left behind by another user: write without turns, as SQLite alone would
            logger.warning("SQLite writers take no turns: cannot open %s (%s)", path, exc)
            return None
        if os.geteuid() == 0:  # root (a management command): the file belongs to the database's owner, as -wal does
            with contextlib.suppress(OSError):
                owner = os.stat(self.settings_dict["NAME"])
                os.fchown(descriptor, owner.st_uid, owner.st_gid)
        return descriptor

    def _forget_descriptor(self) -> None:
        if self._turn_file is not None:
            with contextlib.suppress(OSError):
                os.close(self._turn_file)
        self._turn_file, self._has_turn = None, False
        _OPEN.discard(self)

    def _take_turn(self, timeout: float | None = None) -> float | None:
        """Wait for the turn; the seconds of busy timeout left when it was not given in time (else ``None``)."""
        path = self._turn_path()
        if path is None:
            return None
        if self._turn_file is None or self._turn_pid != os.getpid():
            self._turn_file = self._open_turn_file(path)
            self._turn_pid = os.getpid()
            if self._turn_file is None:
                return None
            _OPEN.add(self)
        if timeout is None:
            timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline = time.monotonic() + timeout
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._turn_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return 0.0  # SQLite decides from here, without waiting its whole busy timeout again
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            else:
                self._has_turn = True
                return None

    @contextlib.contextmanager
    def writers_turn(self, timeout: float) -> Iterator[bool]:
        """Hold the writers' turn outside a transaction (the checkpoint job: no writer of this backend appends to the
        log meanwhile); yields whether it was given within ``timeout`` seconds (always ``True`` without turns)."""
        if self.in_atomic_block or self._has_turn:
            raise RuntimeError("the writers' turn is taken outside a transaction")
        given = self._take_turn(timeout) is None
        try:
            yield given
        finally:
            if given:
                self._give_turn()

    def _give_turn(self) -> None:
        if self._has_turn:
            self._has_turn = False
            if self._turn_file is not None and self._turn_pid == os.getpid():
                fcntl.flock(self._turn_file, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        left = self._take_turn()
        try:
            if left is None:
                super()._start_transaction_under_autocommit()  # type: ignore[misc]
                return
            # no turn within the busy timeout: one more try at SQLite's lock, not a second full wait
            timeout_ms = int(float(self.settings_dict["OPTIONS"].get("timeout", 5)) * 1000)
            self.connection.execute(f"PRAGMA busy_timeout = {int(left * 1000)}")
            try:
                super()._start_transaction_under_autocommit()  # type: ignore[misc]
            finally:
                self.connection.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        except BaseException:
            self._give_turn()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._give_turn()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._give_turn()

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._give_turn()
            if self._turn_pid == os.getpid():
                self._forget_descriptor()
            self._turn_file = None
