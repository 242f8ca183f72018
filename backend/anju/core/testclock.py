"""A test clock for browser journeys: moves what Django calls "now" forward by an offset kept in a file.

With ``ANJU_TEST_CLOCK=1`` (refused unless ``ANJU_DEBUG=1``) the settings install it before any app loads, so every
``timezone.now()`` in every process sharing the data folder (web server, scheduler, management commands) reads the
same shifted time; ``manage.py test_clock advance --minutes 150`` moves it. A journey can then let time pass a
response target and see what the sweep does, without waiting. Never in production: nothing else changes the clock.
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

from django.utils import timezone

_state: dict[str, Any] = {"path": None, "stamp": None, "offset": datetime.timedelta(0), "real_now": None}


def installed() -> bool:
    return _state["path"] is not None


def offset() -> datetime.timedelta:
    path: Path | None = _state["path"]
    if path is None:
        return datetime.timedelta(0)
    try:
        info = os.stat(path)
        stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
    except FileNotFoundError:
        stamp = None
    if stamp != _state["stamp"]:
        seconds = json.loads(path.read_text(encoding="utf-8")).get("offset_seconds", 0) if stamp else 0
        _state["offset"], _state["stamp"] = datetime.timedelta(seconds=float(seconds)), stamp
    return _state["offset"]


def install(path: Path) -> None:
    if installed():
        return
    real_now = timezone.now
    _state["path"], _state["real_now"] = path, real_now

    def now() -> datetime.datetime:
        return real_now() + offset()

    timezone.now = now


def advance(delta: datetime.timedelta) -> datetime.timedelta:
    """Move the clock forward (or back with a negative delta); returns the new offset."""
    path: Path | None = _state["path"]
    if path is None:
        raise RuntimeError("the test clock is not installed (ANJU_TEST_CLOCK=1 with ANJU_DEBUG=1)")
    new = offset() + delta
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"offset_seconds": new.total_seconds()}), encoding="utf-8")
    os.replace(tmp, path)
    return new


def reset() -> None:
    path: Path | None = _state["path"]
    if path is not None:
        path.unlink(missing_ok=True)
