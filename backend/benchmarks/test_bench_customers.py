"""Benchmarks (make bench): customer list and numbering throughput. Targets are read from the report, not asserted."""

from __future__ import annotations

import pytest

from anju.core.numbering import next_number


@pytest.mark.django_db
def test_bench_next_number(benchmark) -> None:
    benchmark(lambda: next_number(scope="bench", prefix="B"))


@pytest.mark.django_db
def test_bench_customer_list_page(benchmark, world, client_for) -> None:
    from anju.customers.services.customers import create_customer

    for index in range(200):
        create_customer(actor=world.admin, name=f"客户{index}", mobiles=[f"135{index:08d}"], projects=[world.project_a])
    client = client_for(world.admin)
    result = benchmark(lambda: client.get("/api/v1/customers/", {"page_size": 50}))
    assert result.status_code == 200
