"""Platform middleware: request ids, request log line, JSON errors for the API."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from anju.core import db_router, metrics
from anju.core.errors import CoreErrorCode, error_body, server_error_response
from anju.core.logging import current_request_id

_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
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
        api = request.path.startswith("/api/")
        queries = 0

        def count(execute: Any, sql: Any, params: Any, many: Any, context: Any) -> Any:
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        try:
            with contextlib.ExitStack() as stack:
                if api:
                    for alias in connections:
                        stack.enter_context(connections[alias].execute_wrapper(count))
                response = self.get_response(request)
            response["X-Request-ID"] = request_id
            if api:
                seconds = time.monotonic() - started
                match = getattr(request, "resolver_match", None)
                route = (match.view_name or match.route) if match else "unmatched"
                method = request.method if request.method in _KNOWN_METHODS else "other"  # labels stay a closed set
                metrics.REQUEST_SECONDS.labels(route, method, str(response.status_code)).observe(seconds)
                metrics.REQUEST_QUERIES.labels(route).observe(queries)
                user = getattr(request, "user", None)
                logger.info(
                    "%s %s %s %.0fms",
                    request.method,
                    request.path,
                    response.status_code,
                    seconds * 1000,
                    extra={
                        "route": route,
                        "method": request.method,
                        "status": response.status_code,
                        "duration_ms": round(seconds * 1000, 1),
                        "queries": queries,
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    },
                )
            return response
        finally:
            current_request_id.reset(token)


class ReplicaMiddleware:
    """Reports and exports read from the read replica; a user who just wrote reads from the primary (db_router).

    The pin is keyed by the signed-in user and, for API tokens (authenticated later, inside the view), by the token.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not db_router.replica_configured():
            return self.get_response(request)
        tokens: list[Any] = []
        request._anju_read_alias_tokens = tokens  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            for token in reversed(tokens):
                db_router.reset_read_alias(token)
        if request.method not in ("GET", "HEAD", "OPTIONS") and response.status_code < 400:
            user = getattr(request, "user", None)
            keys = _pin_keys(request, user.pk if user is not None and user.is_authenticated else None)
            if keys:
                until = db_router.pin_to_primary(keys)
                response.set_cookie(
                    db_router.PIN_COOKIE,
                    f"{until:.3f}",
                    max_age=max(1, int(settings.REPLICA_PIN_SECONDS) + 1),
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
        return response

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> None:
        match = request.resolver_match
        tokens = getattr(request, "_anju_read_alias_tokens", None)
        if tokens is None or request.method != "GET" or match is None or match.view_name not in db_router.REPLICA_VIEWS:
            return
        user = getattr(request, "user", None)
        keys = _pin_keys(request, user.pk if user is not None and user.is_authenticated else None)
        alias = db_router.choose_read_alias(pin_keys=keys, cookie=request.COOKIES.get(db_router.PIN_COOKIE))
        tokens.append(db_router.set_read_alias(alias))
        logger.info("%s reads from %s", match.view_name, alias, extra={"route": match.view_name, "db_alias": alias})
        return


def _pin_keys(request: HttpRequest, user_id: int | None) -> list[str]:
    keys = [f"user:{user_id}"] if user_id is not None else []
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization:
        keys.append("credential:" + hashlib.sha256(authorization.encode()).hexdigest()[:32])
    return keys


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
                return JsonResponse(error_body(request, CoreErrorCode.VALIDATION_ERROR, message, fields), status=400)
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
