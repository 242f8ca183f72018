"""Numbering: readable, unique per scope, creation order, safe under concurrency (target C1)."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from anju.core.numbering import next_number


@pytest.mark.django_db
def test_numbers_are_sequential_per_scope_and_period() -> None:
    assert next_number(scope="repair", prefix="BX", period="20261127", width=4) == "BX20261127-0001"
    assert next_number(scope="repair", prefix="BX", period="20261127", width=4) == "BX20261127-0002"
    assert next_number(scope="repair", prefix="BX", period="20261128", width=4) == "BX20261128-0001"
    assert next_number(scope="customer", prefix="KH") == "KH000001"


@pytest.mark.django_db
def test_rolled_back_number_is_given_back() -> None:
    assert next_number(scope="t", prefix="T") == "T000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number(scope="t", prefix="T") == "T000002"
        raise RuntimeError
    assert next_number(scope="t", prefix="T") == "T000002"


def _run_concurrently(threads: int, per_thread: int) -> tuple[list[str], list[BaseException]]:
    from anju.accounts.models import User
    from anju.customers.services.customers import create_customer
    from anju.properties.models import CityCompany, Project

    company = CityCompany.objects.create(code="CC", name="并发")
    project = Project.objects.create(city_company=company, code="CP", name="并发项目")
    actor = User.objects.create_user("concurrency", password="x" * 12)
    from anju.properties.models import UserScope

    UserScope.objects.create(user=actor, all_projects=True)
    numbers: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker(index: int) -> None:
        try:
            barrier.wait()
            for n in range(per_thread):
                mobile = f"15{index}{n:08d}"
                customer = create_customer(actor=actor, name=f"并发{index}-{n}", mobiles=[mobile], projects=[project])
                with lock:
                    numbers.append(customer.code)
        except BaseException as exc:  # noqa: BLE001
            with lock:
                errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return numbers, errors


@pytest.mark.concurrency
@pytest.mark.django_db(transaction=True)
def test_concurrent_customer_codes_are_distinct() -> None:
    threads = 4 if connection.vendor == "sqlite" else 8
    numbers, errors = _run_concurrently(threads, 25)
    assert errors == []
    assert len(numbers) == threads * 25
    assert len(set(numbers)) == threads * 25
    from anju.customers.models import Customer

    ordered = list(Customer.objects.order_by("id").values_list("code", flat=True))
    assert ordered == sorted(ordered)
