"""Platform middleware: request ids, request log line, JSON errors for the API."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from anju.core.errors import error_body, server_error_response
from anju.core.logging import current_request_id

logger = logging.getLogger("anju.request")
_VALID_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or keep a well-formed incoming X-Request-ID).

    The id is in every log line, in the X-Request-ID response header and in every error body.
    The log line names the method, the path without query string and the status only:
    personal data never travels in paths (search uses POST bodies).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if request.path.startswith("/api/"):
                logger.info(
                    "%s %s %s %.0fms",
                    request.method,
                    request.path,
                    response.status_code,
                    (time.monotonic() - started) * 1000,
                )
            return response
        finally:
            current_request_id.reset(token)


class RejectNulMiddleware:
    """A NUL character anywhere in an API query string is a 400 (target I3): PostgreSQL cannot even compare it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            bad = sorted({key for key, values in request.GET.lists() if "\x00" in key or any("\x00" in v for v in values)})
            if bad:
                message = _("Text may not contain NUL characters.")
                fields = {key.replace("\x00", "\\0"): [message] for key in bad}
                return JsonResponse(error_body(request, "validation_error", message, fields), status=400)
        return self.get_response(request)


class ApiExceptionMiddleware:
    """Any exception escaping an /api/ view becomes the standard JSON 500, even with DEBUG on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith("/api/"):
            return None
        logger.error("unhandled exception", exc_info=exception)
        return server_error_response(request)


class QueryCountMiddleware:
    """Benchmarks only (``ANJU_BENCH_QUERY_COUNT=1``): report the SQL statements a request ran in ``X-Query-Count``."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        count = 0

        def counter(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Query-Count"] = str(count)
        return response
