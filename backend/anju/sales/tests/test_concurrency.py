"""Two subscriptions for one unit at the same moment: exactly one succeeds, the other gets a 409 (all databases)."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import close_old_connections, connection

from anju.core.errors import ConflictError
from anju.sales.models import Subscription
from anju.sales.services.deals import Buyer, create_subscription
from conftest import World


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_given_two_consultants_when_they_subscribe_one_unit_at_once_then_exactly_one_wins(world: World) -> None:
    from anju.sales.tests.conftest import Deals

    deals = Deals(world)
    unit = deals.unit(1)
    threads = 2 if connection.vendor == "sqlite" else 4
    barrier = threading.Barrier(threads)
    results: list[Any] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait()
            sub = create_subscription(actor=deals.sales, unit=unit, buyers=[Buyer(world.customer_a, "primary", Decimal("100"))])
            outcome: Any = sub.number
        except ConflictError as exc:
            outcome = exc.code
        except BaseException as exc:  # noqa: BLE001
            outcome = exc
        finally:
            close_old_connections()
            connection.close()
        with lock:
            results.append(outcome)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    assert sorted(map(str, results)).count("unit.not_available") == threads - 1, results
    assert Subscription.objects.filter(unit=unit).count() == 1
    assert type(deals).unit(deals, 1).status == "subscribed"
