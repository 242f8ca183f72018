"""How long a repair create holds the write lock, and how many statements run while it is held.

Runs BENCH_CREATES creates (default 200) of a repair through the API in-process (token, a fresh Idempotency-Key
each) against the configured database (ANJU_DATABASE_URL, default SQLite in ANJU_DATA_DIR, e.g. the one ``make
bench`` seeded) and prints, per create: the statements of the request, the statements inside the transaction
and the time from its ``BEGIN`` (on SQLite: ``BEGIN IMMEDIATE``, the write lock) to the end of its commit. Numbers
are read, not asserted; the orders it creates stay (a bench database).
"""

# ruff: noqa: T201 - a command-line report
from __future__ import annotations

import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

BACKEND = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BACKEND))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
CREATES = int(os.environ.get("BENCH_CREATES", "200"))


def main() -> None:
    import django

    django.setup()
    from django.db import connection, transaction
    from rest_framework.test import APIClient

    from anju.accounts.models import User
    from anju.accounts.services import _create_token
    from anju.customers.models import UnitOwnership
    from anju.workorders.models import Category

    user = User.objects.get(username=os.environ.get("BENCH_USER", "supervisor"))
    token, key = _create_token(user=user, name="create-lock bench")
    owner = UnitOwnership.objects.filter(unit__project__code="P001").select_related("unit").first()
    assert owner is not None
    body = {
        "type": "repair",
        "unit": owner.unit_id,
        "customer": owner.customer_id,
        "category": Category.objects.get(code="water_supply").pk,
        "description": "锁时长测量新建工单",
        "contact_phone": "13800138000",
    }
    client = APIClient(HTTP_HOST=(os.environ.get("ANJU_ALLOWED_HOSTS") or "127.0.0.1").split(",")[0])
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    state: dict[str, Any] = {}

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.startswith("BEGIN"):  # issued before Django marks the atomic block: the end is hooked below
            state["begin"] = time.perf_counter()
            state["inside"] = 0
            state["hooked"] = False
        elif "begin" in state and connection.in_atomic_block:
            state["inside"] += 1
            if not state["hooked"]:
                state["hooked"] = True
                transaction.on_commit(lambda: state.setdefault("held", []).append(time.perf_counter() - state["begin"]))
        state["all"] = state.get("all", 0) + 1
        return execute(sql, params, many, context)

    holds: list[float] = []
    inside: list[int] = []
    total: list[int] = []
    walls: list[float] = []
    with connection.execute_wrapper(wrapper):
        for _ in range(CREATES):
            state.clear()
            started = time.perf_counter()
            response = client.post("/api/v1/work-orders/", body, format="json", HTTP_IDEMPOTENCY_KEY=uuid.uuid4().hex)
            walls.append(time.perf_counter() - started)
            assert response.status_code == 201, response.content
            holds.extend(state.get("held", []))
            inside.append(state.get("inside", 0))
            total.append(state.get("all", 0))
    token.delete()

    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    print(f"{connection.vendor}: {CREATES} creates (in-process, one client)")
    print(f"  request      p50 {pct(walls, 0.5):6.1f} ms  p95 {pct(walls, 0.95):6.1f} ms")
    print(f"  lock held    p50 {pct(holds, 0.5):6.1f} ms  p95 {pct(holds, 0.95):6.1f} ms  ({len(holds)} transactions)")
    print(f"  statements   {statistics.median(total):.0f} per create, {statistics.median(inside):.0f} inside the transaction")


if __name__ == "__main__":
    main()
