"""The browser journeys' test clock: every process reading the same file sees the same shifted "now"."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from anju.core import testclock


@pytest.fixture
def clock(tmp_path: Path) -> Any:
    saved_now, saved_state = timezone.now, dict(testclock._state)
    testclock.install(tmp_path / "test-clock.json")
    yield testclock
    timezone.now = saved_now
    testclock._state.clear()
    testclock._state.update(saved_state)


def test_the_clock_moves_forward_and_resets(clock: Any, tmp_path: Path) -> None:
    before = timezone.now()
    clock.advance(datetime.timedelta(minutes=150))
    shifted = timezone.now()
    assert datetime.timedelta(minutes=150) <= shifted - before < datetime.timedelta(minutes=151)
    assert timezone.localdate() == timezone.localtime(shifted).date()  # Django's helpers follow
    call_command("test_clock", "advance", "--minutes", "30")
    assert clock.offset() == datetime.timedelta(minutes=180)
    # another process writes the file: this one sees it
    (tmp_path / "test-clock.json").write_text('{"offset_seconds": 60}', encoding="utf-8")
    assert clock.offset() == datetime.timedelta(seconds=60)
    call_command("test_clock", "reset")
    assert clock.offset() == datetime.timedelta(0)


def test_the_command_refuses_without_the_clock() -> None:
    assert not testclock.installed()
    with pytest.raises(CommandError):
        call_command("test_clock", "advance", "--minutes", "5")


def test_settings_refuse_the_clock_outside_debug(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "ANJU_TEST_CLOCK": "1", "ANJU_DEBUG": "0", "ANJU_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    backend = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "manage.py", "test_clock", "show"], cwd=backend, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "ANJU_TEST_CLOCK needs ANJU_DEBUG=1" in result.stderr
    env["ANJU_DEBUG"] = "1"
    shown = subprocess.run(
        [sys.executable, "manage.py", "test_clock", "show"], cwd=backend, env=env, capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0 and "offset 0:00:00" in shown.stdout
