"""Permission-matrix rows of the platform endpoints (collected by ``tests.matrix.app_rows``): health, readiness and
metrics are public."""

from __future__ import annotations

from typing import Any

from tests.matrix import PUBLIC, Op


def _swept() -> dict[str, Any]:
    from anju.core.metrics import beat

    beat("sla-sweep")
    return {}


OPS: list[Op] = [
    Op("GET", "/api/v1/health/", PUBLIC),
    # ready once the SLA sweep has run; metrics are off (404) until ANJU_METRICS_TOKEN is set (anju/core/tests/test_ops.py)
    Op("GET", "/api/v1/ready/", PUBLIC, prepare=lambda w: _swept()),
    Op("GET", "/api/v1/metrics/", PUBLIC, ok=404),
]
