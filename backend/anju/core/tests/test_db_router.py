"""The read-replica router (issue 18 §1.4 and 1.5): reports read from the replica, a writer reads its writes from the
primary for a few seconds, a replica that does not answer is skipped with a warning.

A second alias ``replica`` is added for these tests, pointing at the same test database (SQLite file or PostgreSQL
database) through its own connection, or at a database that cannot be opened to play a replica that is down.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from anju.accounts.models import ApiToken, User
from anju.core import db_router
from anju.core.db_router import REPLICA, ReplicaRouter
from anju.notifications.models import Notification


def _add_replica(monkeypatch: Any, **overrides: Any) -> None:
    config = {**connections[DEFAULT_DB_ALIAS].settings_dict, **overrides}
    connections.settings[REPLICA] = config
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)
    db_router.reset_replica_state()
    # Django's test case refuses connections to aliases it did not set up; this one was added after set-up, on purpose.
    patched = BaseDatabaseWrapper.ensure_connection
    cells = [cell.cell_contents for cell in patched.__closure__ or ()]
    real = next((c for c in cells if getattr(c, "__name__", "") == "ensure_connection"), patched)
    connection = connections[REPLICA]
    monkeypatch.setattr(connection, "ensure_connection", lambda *a, **k: real(connection, *a, **k))


@pytest.fixture
def replica(monkeypatch: Any) -> Iterator[None]:
    _add_replica(monkeypatch)
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    db_router.reset_replica_state()


@pytest.fixture
def dead_replica(monkeypatch: Any, tmp_path: Any) -> Iterator[None]:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor == "sqlite":
        _add_replica(monkeypatch, NAME=str(tmp_path / "no-such-folder" / "replica.sqlite3"))
    else:  # nothing listens on port 1
        _add_replica(monkeypatch, HOST="127.0.0.1", PORT=1, OPTIONS={**connections[DEFAULT_DB_ALIAS].settings_dict["OPTIONS"]})
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]
    db_router.reset_replica_state()


def test_the_router_sends_writes_and_migrations_to_the_primary() -> None:
    router = ReplicaRouter()
    assert router.db_for_read(object) is None  # outside a report: Django's default (the primary)
    with db_router.reads_from(REPLICA):
        assert router.db_for_read(object) == REPLICA
        assert router.db_for_read(Notification) == REPLICA
        assert router.db_for_write(object) == DEFAULT_DB_ALIAS
        # Who is asking comes from the primary: a token issued a moment ago may not have reached the replica.
        for model in (User, ApiToken, Session, Group):
            assert router.db_for_read(model) == DEFAULT_DB_ALIAS, model
    assert router.db_for_read(object) is None
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "core") is True
    assert router.allow_migrate(REPLICA, "core") is False
    assert router.allow_relation(object(), object()) is True


def test_without_a_replica_everything_reads_from_the_primary() -> None:
    assert db_router.replica_configured() is False
    assert db_router.choose_read_alias(pin_keys=["user:1"]) == DEFAULT_DB_ALIAS


def test_every_replica_view_name_exists() -> None:
    missing = []
    for name in sorted(db_router.REPLICA_VIEWS):
        try:
            reverse(name)
        except NoReverseMatch:
            missing.append(name)
    assert missing == []


@pytest.mark.django_db(transaction=True)
def test_reports_read_from_the_replica_and_a_writer_reads_its_writes(
    replica: None, world: Any, client_for: Any, settings: Any, caplog: Any
) -> None:
    settings.REPLICA_PIN_SECONDS = 1.0
    from rest_framework.test import APIClient

    supervisor = world.user("replica_sup", role="service_supervisor", projects=[world.project_a])
    client = APIClient()
    client.force_login(supervisor)  # a real session, as the web app has

    def dashboard_queries_on_replica() -> int:
        with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
            assert client.get("/api/v1/dashboard/").status_code == 200
        return len(replica_queries.captured_queries)

    with caplog.at_level(logging.INFO, logger="anju.db"):
        assert dashboard_queries_on_replica() > 1  # the probe and the report's own reads
    assert "dashboard reads from replica" in caplog.text
    # Pages that are not reports never touch the replica.
    with CaptureQueriesContext(connections[REPLICA]) as others:
        assert client.get("/api/v1/notifications/").status_code == 200
    assert others.captured_queries == []

    # A write pins the writer to the primary (cache and cookie) ...
    response = client.post("/api/v1/notifications/read-all/")
    assert response.status_code == 200
    assert db_router.PIN_COOKIE in response.cookies
    assert dashboard_queries_on_replica() == 0
    client.cookies.pop(db_router.PIN_COOKIE)
    assert dashboard_queries_on_replica() == 0  # the cache alone pins too (another app server, no cookie)
    # ... someone else still reads from the replica, and the writer does again once the pin is over.
    other = client_for(world.user("replica_other", role="service_supervisor", projects=[world.project_a]))
    with CaptureQueriesContext(connections[REPLICA]) as theirs:
        assert other.get("/api/v1/dashboard/").status_code == 200
    assert theirs.captured_queries
    time.sleep(1.1)
    assert dashboard_queries_on_replica() > 1


@pytest.mark.django_db(transaction=True)
def test_a_token_writer_is_pinned_by_its_token(replica: None, world: Any) -> None:
    from rest_framework.test import APIClient

    from anju.accounts.services import _create_token

    supervisor = world.user("replica_token", role="service_supervisor", projects=[world.project_a])
    key = _create_token(user=supervisor, name="drill")[1]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {key}")
    with CaptureQueriesContext(connections[REPLICA]) as before:
        assert client.get("/api/v1/dashboard/").status_code == 200
    assert before.captured_queries
    assert client.post("/api/v1/notifications/read-all/").status_code == 200
    client.cookies.clear()  # an integration keeps no cookies
    with CaptureQueriesContext(connections[REPLICA]) as after:
        assert client.get("/api/v1/dashboard/").status_code == 200
    assert after.captured_queries == []


@pytest.mark.django_db
def test_a_replica_that_is_down_falls_back_to_the_primary_with_a_warning(
    dead_replica: None, world: Any, client_for: Any, caplog: Any, monkeypatch: Any
) -> None:
    client = client_for(world.user("fallback_sup", role="service_supervisor", projects=[world.project_a]))
    with caplog.at_level(logging.WARNING, logger="anju.db"):
        response = client.get("/api/v1/dashboard/")
    assert response.status_code == 200
    assert "read replica unavailable, reading from the primary" in caplog.text
    # For the next while the replica is not even tried: no report waits for a dead server's timeout.
    probes: list[str] = []
    monkeypatch.setattr(db_router, "connections", _Spy(connections, probes))
    assert client.get("/api/v1/dashboard/").status_code == 200
    assert probes == []


class _Spy:
    def __init__(self, real: Any, seen: list[str]) -> None:
        self.real, self.seen = real, seen

    def __getitem__(self, alias: str) -> Any:
        self.seen.append(alias)
        return self.real[alias]
