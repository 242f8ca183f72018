"""Lists count at most 10,000 rows (an exact COUNT(*) over a million orders cost more than the page)."""

from __future__ import annotations

from typing import Any

import pytest

from anju.core import pagination
from anju.customers.services.customers import create_customer

pytestmark = pytest.mark.django_db


def test_the_count_is_exact_below_the_cap_and_capped_above(world: Any, client_for: Any, monkeypatch: Any) -> None:
    client = client_for(world.admin)
    exact = client.get("/api/v1/customers/?page_size=1").data
    assert (exact["count"], exact["count_capped"]) == (2, False)
    for index in range(3):
        create_customer(actor=world.admin, name=f"客户{index}", mobiles=[f"1370000000{index}"], projects=[world.project_a])
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)
    capped = client.get("/api/v1/customers/?page_size=1").data
    assert (capped["count"], capped["count_capped"], len(capped["results"])) == (3, True, 1)
    assert capped["next"] is not None
    beyond = client.get("/api/v1/customers/?page_size=1&page=5")  # past the counted rows: the page does not exist
    assert beyond.status_code == 404
