"""Platform endpoints: health check, the JSON 404 for unknown API paths, and the web app's entry page."""

from __future__ import annotations

import datetime
import hmac
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from kombu import Connection
from prometheus_client import CONTENT_TYPE_LATEST
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core import metrics
from anju.core.errors import CoreErrorCode, error_body, json_not_found
from anju.core.models import Heartbeat

logger = logging.getLogger("anju.ready")


class HealthView(APIView):
    """Liveness and database check for load balancers and monitoring; no login needed."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="health",
        responses=inline_serializer("Health", {"status": serializers.CharField(), "database": serializers.CharField()}),
        auth=[],
    )
    def get(self, request: Request) -> Response:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            database = "ok"
        except Exception:  # noqa: BLE001 - any failure means "not ok"; details stay in the log
            database = "error"
        ok = database == "ok"
        return Response({"status": "ok" if ok else "degraded", "database": database}, status=200 if ok else 503)


_readiness = {"migrations_applied": False}  # once true, stays true: applied migrations stay applied


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.warning("readiness: database unreachable", exc_info=True)
        return "error"
    return "ok"


def _check_migrations() -> str:
    """Every migration of the code is applied (remembered once true: applied migrations stay applied)."""
    if _readiness["migrations_applied"]:
        return "ok"
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        logger.warning("readiness: migrations could not be read", exc_info=True)
        return "error"
    if pending:
        return "pending"
    _readiness["migrations_applied"] = True
    return "ok"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not_configured"
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        logger.warning("readiness: broker unreachable", exc_info=True)
        return "error"
    return "ok"


def _check_heartbeat(name: str, interval: float) -> tuple[str, float | None]:
    """The job's last finished run is younger than READY_HEARTBEAT_INTERVALS of its intervals."""
    try:
        heartbeat = Heartbeat.objects.filter(name=name).first()
    except Exception:  # noqa: BLE001
        return "error", None
    if heartbeat is None:
        return "missing", None
    age = (timezone.now() - heartbeat.beat_at).total_seconds()
    return ("ok" if age < interval * settings.READY_HEARTBEAT_INTERVALS else "stale"), round(age, 1)


_READY = inline_serializer(
    "Ready",
    {
        "status": serializers.ChoiceField(choices=["ready", "not_ready"]),
        "database": serializers.CharField(),
        "migrations": serializers.CharField(),
        "broker": serializers.CharField(),
        "sweep": serializers.CharField(),
        "sweep_age_seconds": serializers.FloatField(allow_null=True),
    },
)


class ReadyView(APIView):
    """Readiness for a load balancer: the database answers, every migration is applied, the broker answers (when one is
    configured) and the SLA sweep ran within the last three sweep intervals. 503 when any check fails."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="ready",
        responses={200: _READY, 503: _READY},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        database = _check_database()
        migrations = _check_migrations() if database == "ok" else "unknown"
        broker = _check_broker()
        schedule: Any = settings.CELERY_BEAT_SCHEDULE["sla-sweep"]["schedule"]
        interval = schedule.total_seconds() if isinstance(schedule, datetime.timedelta) else float(schedule)
        sweep, age = _check_heartbeat("sla-sweep", interval) if database == "ok" else ("unknown", None)
        ready = database == "ok" and migrations == "ok" and broker in ("ok", "not_configured") and sweep == "ok"
        body = {
            "status": "ready" if ready else "not_ready",
            "database": database,
            "migrations": migrations,
            "broker": broker,
            "sweep": sweep,
            "sweep_age_seconds": age,
        }
        return Response(body, status=200 if ready else 503)


class MetricsView(APIView):
    """Prometheus metrics (text format) for a scraper holding ``ANJU_METRICS_TOKEN`` as a bearer token; off (404)
    while no token is configured."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="metrics",
        responses={(200, "text/plain"): OpenApiTypes.STR, 401: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
        auth=[],
    )
    def get(self, request: Request) -> HttpResponse:
        expected = settings.METRICS_TOKEN
        if not expected:
            return json_not_found(request)
        given = request.META.get("HTTP_AUTHORIZATION", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            body = error_body(request, CoreErrorCode.AUTH_NOT_AUTHENTICATED, _("A valid metrics token is required."))
            response = JsonResponse(body, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="metrics"'
            return response
        return HttpResponse(metrics.render(), content_type=CONTENT_TYPE_LATEST)


@csrf_exempt  # nothing here changes state: an unknown API address is a 404 for every method, not a CSRF 403
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return json_not_found(request)


# The web app's policy: scripts only from this origin; Element Plus and ECharts set inline styles.
SPA_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def single_page_app(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Serve the built web app's ``index.html`` for every client-side route (history mode).

    Built files under ``/assets/`` are served by WhiteNoise from ``FRONTEND_DIST``; this view only
    answers paths that are not the API, the admin or static files, so the router in the browser
    can show the page (or its own 404). Paths under ``/owner/`` are the owner app, the second entry of the same
    build (``owner/index.html``).
    """
    owner = request.path == "/owner" or request.path.startswith("/owner/")
    index = Path(settings.FRONTEND_DIST) / ("owner/index.html" if owner else "index.html")
    if not index.is_file():
        message = _("The web app has not been built yet. Run `make web` (or `make run`), then reload this page.")
        response = HttpResponse(f"<!doctype html><meta charset=utf-8><title>Anju</title><p>{message}</p>", status=503)
    else:
        response = HttpResponse(index.read_bytes(), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Content-Security-Policy"] = SPA_CONTENT_SECURITY_POLICY
    return response
