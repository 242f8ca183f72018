"""Permission-matrix rows of the dashboard and the workspace (collected by ``tests.matrix.app_rows``): any signed-in
user, each sees what their own permissions and projects allow."""

from __future__ import annotations

from tests.matrix import AUTHENTICATED, Op

OPS: list[Op] = [
    Op("GET", "/api/v1/dashboard/", AUTHENTICATED),
    Op("GET", "/api/v1/workspace/", AUTHENTICATED),
]
