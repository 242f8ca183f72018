"""Two bookings of a window's last place at the same moment: exactly one wins, the other is told it is full."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import close_old_connections, connection

from anju.core.errors import ConflictError
from anju.handover.choices import ACTIVE_SLOT
from anju.handover.models import HandoverSlot
from anju.handover.services import slots
from anju.handover.tests import factories
from conftest import World


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_given_one_place_left_when_two_owners_book_it_at_once_then_exactly_one_wins(world: World) -> None:
    batch = factories.notifying(world, units=3, capacity=2)
    first, second, third = batch.notices.order_by("id")
    day, window = batch.starts_on, batch.windows[0]
    slots.book(actor=world.admin, notice=first, day=day, window=window)  # one place left
    barrier = threading.Barrier(2)
    results: list[Any] = []
    lock = threading.Lock()

    def worker(notice: Any) -> None:
        try:
            barrier.wait()
            outcome: Any = slots.book(actor=world.admin, notice=notice, day=day, window=window).pk
        except ConflictError as exc:
            outcome = exc.code
        except BaseException as exc:  # noqa: BLE001
            outcome = exc
        finally:
            close_old_connections()
            connection.close()
        with lock:
            results.append(outcome)

    pool = [threading.Thread(target=worker, args=(n,)) for n in (second, third)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert [str(r) for r in results].count("handover.slot_full") == 1, results
    assert HandoverSlot.objects.filter(batch=batch, day=day, window=window, status__in=ACTIVE_SLOT).count() == 2
