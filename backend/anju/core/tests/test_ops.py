"""Readiness, Prometheus metrics and JSON request logs (issue 18 §2)."""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from anju.core import metrics, views
from anju.core.logging import JsonFormatter
from anju.core.models import Heartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_readiness(monkeypatch: Any) -> None:
    monkeypatch.setitem(views._readiness, "migrations_applied", False)


def _samples(text: bytes, name: str) -> list[Any]:
    families = text_string_to_metric_families(text.decode())
    return [sample for family in families for sample in family.samples if sample.name == name]


# --- /api/v1/ready/ ------------------------------------------------------------------------------------------------


def test_ready_wants_a_recent_sweep(anon: Any, settings: Any) -> None:
    response = anon.get("/api/v1/ready/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "not_ready",
        "database": "ok",
        "migrations": "ok",
        "broker": "not_configured",
        "sweep": "missing",
        "sweep_age_seconds": None,
    }
    metrics.beat("sla-sweep", seconds=0.2, items=3)
    response = anon.get("/api/v1/ready/")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "ready"
    assert response.json()["sweep_age_seconds"] < 5

    interval = settings.CELERY_BEAT_SCHEDULE["sla-sweep"]["schedule"]
    # Older than three sweep intervals: the beat or the worker is gone.
    Heartbeat.objects.filter(name="sla-sweep").update(beat_at=timezone.now() - datetime.timedelta(seconds=3 * interval + 1))
    response = anon.get("/api/v1/ready/")
    assert response.status_code == 503
    assert response.json()["sweep"] == "stale"
    Heartbeat.objects.filter(name="sla-sweep").update(beat_at=timezone.now() - datetime.timedelta(seconds=3 * interval - 5))
    assert anon.get("/api/v1/ready/").status_code == 200


def test_ready_reports_pending_migrations(anon: Any, monkeypatch: Any) -> None:
    metrics.beat("sla-sweep")
    monkeypatch.setattr(views.MigrationExecutor, "migration_plan", lambda self, targets: [("core", "9999_future")])
    response = anon.get("/api/v1/ready/")
    assert response.status_code == 503
    assert response.json()["migrations"] == "pending"


def test_ready_checks_the_broker_when_one_is_configured(anon: Any, settings: Any) -> None:
    metrics.beat("sla-sweep")
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = anon.get("/api/v1/ready/")
    assert response.status_code == 503
    assert response.json()["broker"] == "error"


def test_the_sla_sweep_task_leaves_its_heartbeat_and_metrics() -> None:
    from anju.sla.tasks import sweep_sla

    before = metrics.JOB_SECONDS.labels("sla-sweep")._sum.get()
    runs = metrics.TASK_RUNS.labels("anju.sla.tasks.sweep_sla", "success")._value.get()
    sweep_sla.apply()  # in process: the Celery signals fire as in a worker
    heartbeat = Heartbeat.objects.get(name="sla-sweep")
    assert (timezone.now() - heartbeat.beat_at).total_seconds() < 5
    assert heartbeat.items == 0
    assert metrics.JOB_SECONDS.labels("sla-sweep")._sum.get() > before
    assert metrics.TASK_RUNS.labels("anju.sla.tasks.sweep_sla", "success")._value.get() == runs + 1


def test_a_failing_task_counts_as_a_failure(monkeypatch: Any) -> None:
    from anju.sla import tasks

    def broken() -> int:
        raise RuntimeError("database gone")

    monkeypatch.setattr(tasks, "sweep", broken)
    failures = metrics.TASK_RUNS.labels("anju.sla.tasks.sweep_sla", "failure")._value.get()
    with pytest.raises(RuntimeError):
        tasks.sweep_sla.apply(throw=True)
    assert metrics.TASK_RUNS.labels("anju.sla.tasks.sweep_sla", "failure")._value.get() == failures + 1
    assert not Heartbeat.objects.filter(name="sla-sweep").exists()  # a failed sweep is no sign of life


# --- /api/v1/metrics/ ------------------------------------------------------------------------------------------------


def test_metrics_are_off_without_a_token_and_closed_to_a_wrong_one(anon: Any, settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    assert anon.get("/api/v1/metrics/").status_code == 404
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    response = anon.get("/api/v1/metrics/")
    assert response.status_code == 401
    assert response.json()["code"] == "auth.not_authenticated"
    assert anon.get("/api/v1/metrics/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    chinese = anon.get("/api/v1/metrics/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["message"]
    english = anon.get("/api/v1/metrics/", HTTP_ACCEPT_LANGUAGE="en").json()["message"]
    assert (chinese, english) == ("需要有效的监控指标令牌。", "A valid metrics token is required.")
    assert anon.get("/api/v1/metrics/", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token").status_code == 200


def test_metrics_count_requests_by_route_queries_and_the_outbox(world: Any, client_for: Any, anon: Any, settings: Any) -> None:
    from anju.notifications.services import notify

    settings.METRICS_TOKEN = "t0ken"
    settings.ANJU_NOTIFY_DELIVERY = False  # the e-mails stay in the outbox
    agent = world.user("metrics_agent", role="service_agent")
    agent.email = "agent@example.com"
    agent.save()
    notify([agent], kind="test", title="待发送")
    client = client_for(agent)
    assert client.get("/api/v1/notifications/").status_code == 200
    assert anon.get("/api/v1/no-such-thing/").status_code == 404

    text = anon.get("/api/v1/metrics/", HTTP_AUTHORIZATION="Bearer t0ken").content
    counts = {
        (s.labels["route"], s.labels["method"], s.labels["status"]): s.value
        for s in _samples(text, "anju_http_request_duration_seconds_count")
    }
    assert counts[("notification-list", "GET", "200")] >= 1
    assert counts[("api-not-found", "GET", "404")] >= 1  # unknown paths share one label
    anon.generic("M1X", "/api/v1/health/")  # an invented method is one label, not a new series each time
    anon.generic("<script>", "/api/v1/health/")
    text = anon.get("/api/v1/metrics/", HTTP_AUTHORIZATION="Bearer t0ken").content
    methods = {s.labels["method"] for s in _samples(text, "anju_http_request_duration_seconds_count")}
    assert methods <= {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"} and "other" in methods
    queries = {s.labels["route"]: s.value for s in _samples(text, "anju_http_request_queries_sum")}
    assert queries["notification-list"] >= 1  # the page at least (session, user and permissions may come from caches)
    backlog = {s.labels["queue"]: s.value for s in _samples(text, "anju_outbox_backlog")}
    assert backlog == {"email": 1.0, "text": 0.0}


# --- Logs ------------------------------------------------------------------------------------------------------------


def test_the_request_log_carries_user_route_status_and_duration(world: Any, client_for: Any, caplog: Any) -> None:
    agent = world.user("log_agent", role="service_agent")
    with caplog.at_level(logging.INFO, logger="anju.request"):
        response = client_for(agent).get("/api/v1/notifications/", HTTP_X_REQUEST_ID="drill-req-0001")
    assert response.status_code == 200
    record = next(r for r in caplog.records if r.name == "anju.request")
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "drill-req-0001"
    assert line["user_id"] == agent.pk
    assert line["route"] == "notification-list"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["duration_ms"] >= 0
    assert line["queries"] >= 1
    assert line["message"].startswith("GET /api/v1/notifications/ 200")


def test_json_lines_in_production_plain_text_embedded(monkeypatch: Any) -> None:
    import importlib

    from config import settings as config_settings

    try:
        monkeypatch.delenv("ANJU_LOG_FORMAT", raising=False)
        monkeypatch.delenv("ANJU_CELERY_BROKER_URL", raising=False)
        embedded = importlib.reload(config_settings)
        assert embedded.LOGGING["handlers"]["console"]["formatter"] == "plain"
        monkeypatch.setenv("ANJU_CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
        production = importlib.reload(config_settings)
        assert production.LOGGING["handlers"]["console"]["formatter"] == "json"
        monkeypatch.setenv("ANJU_LOG_FORMAT", "plain")
        assert importlib.reload(config_settings).LOGGING["handlers"]["console"]["formatter"] == "plain"
    finally:
        monkeypatch.undo()
        importlib.reload(config_settings)


def test_json_formatter_keeps_exceptions_and_chinese() -> None:
    logger = logging.getLogger("anju.test")
    try:
        raise ValueError("坏了")
    except ValueError:
        record = logger.makeRecord("anju.test", logging.ERROR, __file__, 1, "工单 %s 失败", ("BX-1",), exc_info=True)
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "工单 BX-1 失败"
    assert line["level"] == "ERROR"
    assert "ValueError: 坏了" in line["exception"]
