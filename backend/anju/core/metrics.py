"""Prometheus metrics and job heartbeats (issue 18 §2).

Instruments live in one registry. Several processes (gunicorn workers, Celery's prefork children) share their
figures through ``PROMETHEUS_MULTIPROC_DIR`` when it is set (``ANJU_METRICS_DIR`` sets it): the metrics endpoint
then adds up every process of the machine. Without it each process reports its own figures (the embedded mode).

Gauges that describe the database (the outbox backlog) are not kept in memory: a *backlog source* registered by the
app that owns the table is asked at scrape time (``register_backlog``), so every server reports the same number.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

logger = logging.getLogger("anju.metrics")

REGISTRY = CollectorRegistry(auto_describe=True)

REQUEST_SECONDS = Histogram(
    "anju_http_request_duration_seconds",
    "API request latency by route name, method and status.",
    ["route", "method", "status"],
    registry=REGISTRY,
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
REQUEST_QUERIES = Histogram(
    "anju_http_request_queries",
    "SQL statements run by one API request, by route name.",
    ["route"],
    registry=REGISTRY,
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200, 500),
)
TASK_RUNS = Counter("anju_celery_task_runs", "Celery task runs by task and outcome.", ["task", "outcome"], registry=REGISTRY)
TASK_SECONDS = Histogram(
    "anju_celery_task_duration_seconds",
    "Celery task duration by task.",
    ["task"],
    registry=REGISTRY,
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0),
)
JOB_SECONDS = Histogram(
    "anju_job_duration_seconds",
    "Periodic job duration (the SLA sweep, ...), by job.",
    ["job"],
    registry=REGISTRY,
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0),
)
JOB_ITEMS = Counter("anju_job_items", "Items a periodic job handled (SLA steps fired, ...), by job.", ["job"], registry=REGISTRY)

_backlog_sources: dict[str, Callable[[], int]] = {}


def register_backlog(name: str, count: Callable[[], int]) -> None:
    """``count()`` is asked at every scrape for the number of messages waiting in the queue ``name``."""
    _backlog_sources[name] = count


class _BacklogCollector:
    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("anju_outbox_backlog", "Messages waiting to be sent, by queue.", labels=["queue"])
        for name, count in sorted(_backlog_sources.items()):
            try:
                family.add_metric([name], float(count()))
            except DatabaseError:
                logger.warning("outbox backlog %s could not be counted", name)
        yield family

    def describe(self) -> list[Any]:
        return []


def render() -> bytes:
    """The exposition text of every process (multi-process mode) or of this one, plus the backlog gauges."""
    registry: CollectorRegistry
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Forward(REGISTRY))
    registry.register(_BacklogCollector())
    return generate_latest(registry)


class _Forward:
    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Any:
        return self.source.collect()


# --- Periodic jobs: duration, items and a heartbeat the readiness check reads ----------------------------------------


class JobRun:
    items = 0


@contextlib.contextmanager
def timed_job(name: str) -> Iterator[JobRun]:
    """Time one run of a periodic job; when it finishes, count its items and record its heartbeat."""
    run = JobRun()
    started = time.monotonic()
    yield run
    seconds = time.monotonic() - started
    JOB_SECONDS.labels(name).observe(seconds)
    JOB_ITEMS.labels(name).inc(run.items)
    beat(name, seconds=seconds, items=run.items)


def beat(name: str, *, seconds: float = 0.0, items: int = 0) -> None:
    from anju.core.models import Heartbeat

    try:
        with transaction.atomic():
            Heartbeat.objects.update_or_create(
                name=name, defaults={"beat_at": timezone.now(), "duration_ms": int(seconds * 1000), "items": items}
            )
    except DatabaseError:
        logger.exception("heartbeat of %s not recorded", name)


# --- Celery task signals ---------------------------------------------------------------------------------------------

_task_started: dict[str, float] = {}


def connect_celery_signals() -> None:
    from celery import signals

    def prerun(task_id: str = "", **_: Any) -> None:
        _task_started[task_id] = time.monotonic()

    def postrun(task_id: str = "", task: Any = None, state: str = "", **_: Any) -> None:
        name = getattr(task, "name", "unknown")
        started = _task_started.pop(task_id, None)
        if started is not None:
            TASK_SECONDS.labels(name).observe(time.monotonic() - started)
        TASK_RUNS.labels(name, "success" if state == "SUCCESS" else "failure").inc()

    signals.task_prerun.connect(prerun, weak=False, dispatch_uid="anju.metrics.prerun")
    signals.task_postrun.connect(postrun, weak=False, dispatch_uid="anju.metrics.postrun")
