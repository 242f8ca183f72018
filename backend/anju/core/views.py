"""Platform endpoints: health check and the JSON 404 for unknown API paths."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, JsonResponse
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


def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    return json_not_found(request)
