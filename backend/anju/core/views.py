"""Platform endpoints: health check, the JSON 404 for unknown API paths, and the web app's entry page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from anju.core.errors import json_not_found


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
