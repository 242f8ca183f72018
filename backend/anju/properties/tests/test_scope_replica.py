"""A user's data scope decides every read, so it is read from the primary like the user row and its permissions: a
scope read from a lagging replica would be cached under the user's new access stamp and outlive the change that
bumped it (attacker check, 2026-12-05)."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from rest_framework.test import APIClient

from anju.core import db_router
from anju.core.db_router import REPLICA
from anju.core.tests.test_db_router import _add_replica


def _snapshot(path: Any) -> None:
    connections[DEFAULT_DB_ALIAS].ensure_connection()
    copy = sqlite3.connect(path)
    connections[DEFAULT_DB_ALIAS].connection.backup(copy)
    copy.close()


@pytest.mark.django_db(transaction=True)
def test_a_revoked_project_does_not_linger_after_a_replica_read(world: Any, monkeypatch: Any, tmp_path: Any) -> None:
    if connections[DEFAULT_DB_ALIAS].vendor != "sqlite":
        pytest.skip("the lagging replica is made with SQLite's backup")
    from anju.accounts.models import User
    from anju.properties.services import set_user_scope

    agent = world.user("lagging_agent", role="service_agent", projects=[world.project_a, world.project_b])
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": "lagging_agent", "password": "correct-horse-battery", "name": "t"}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(f"/api/v1/customers/{world.customer_a.pk}/").status_code == 200

    stale = tmp_path / "replica.sqlite3"
    _snapshot(stale)  # the replica, a moment behind: the agent still has projects A and B there
    narrowed = User.objects.get(pk=agent.pk)
    set_user_scope(actor=None, user=narrowed, all_projects=False, city_companies=[], projects=[world.project_b])

    _add_replica(monkeypatch, NAME=str(stale))
    try:
        assert client.get("/api/v1/dashboard/").status_code == 200  # the home page reads from the replica
        projects = [p["id"] for p in client.get("/api/v1/auth/me/").json()["projects"]]
        detail = client.get(f"/api/v1/customers/{world.customer_a.pk}/")
        assert (world.project_a.pk in projects, detail.status_code) == (False, 404), (projects, detail.json())
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        db_router.reset_replica_state()
