"""Django's SQLite backend with writers taking turns on a lock file before ``BEGIN IMMEDIATE`` (ADR 0017).

Anju starts every transaction with ``BEGIN IMMEDIATE`` (the write lock, so two writers never deadlock half-way). When
another process holds the lock, SQLite's busy handler sleeps 1, 2, 5, 10, 15, 20, 25 … ms between tries: a writer that
finds the lock held for 2 ms waits 3 to 8 ms; with two web workers creating orders at once the median create at
concurrency 8 took 28 ms with those sleeps and 24 ms without (docs/benchmarks.md). Here each connection first takes an
exclusive ``flock`` on ``<database>-writer`` — checked every 50 to 500 µs instead — then begins; commit, rollback and
close give it back. The kernel drops the lock of a process that dies, so a crashed writer cannot wedge the others.
After the busy timeout without a turn the connection begins anyway and SQLite's own busy handler decides, as before; a
program that does not use this backend (the ``sqlite3`` shell, a backup tool) is still kept out by SQLite's lock
itself. In-memory databases have no file and no turn.
"""

from __future__ import annotations

import fcntl
import os
import time
from typing import Any

from django.db.backends.sqlite3 import base

FIRST_PAUSE = 0.00005
LONGEST_PAUSE = 0.0005


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._turn_file: int | None = None
        self._turn_pid = 0
        self._has_turn = False

    def _turn_path(self) -> str | None:
        if self.is_in_memory_db() or (getattr(self, "transaction_mode", None) or "DEFERRED").upper() == "DEFERRED":
            return None
        return f"{self.settings_dict['NAME']}-writer"

    def _take_turn(self) -> None:
        path = self._turn_path()
        if path is None:
            return
        if self._turn_file is None or self._turn_pid != os.getpid():  # not a descriptor inherited across fork
            self._turn_file = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._turn_pid = os.getpid()
        deadline = time.monotonic() + float(self.settings_dict["OPTIONS"].get("timeout", 5))
        pause = FIRST_PAUSE
        while True:
            try:
                fcntl.flock(self._turn_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # SQLite's busy handler decides from here
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
            else:
                self._has_turn = True
                return

    def _give_turn(self) -> None:
        if self._has_turn:
            self._has_turn = False
            if self._turn_file is not None and self._turn_pid == os.getpid():
                fcntl.flock(self._turn_file, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
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
            if self._turn_file is not None and self._turn_pid == os.getpid():
                os.close(self._turn_file)
            self._turn_file = None
