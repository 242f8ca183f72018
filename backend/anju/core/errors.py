"""One error shape for the whole API: ``{code, message, fields, request_id}``.

``code`` is stable and machine-readable (``<domain>.<reason>``), ``message`` is in the
request's language (zh-hans by default, English with ``Accept-Language: en``) and
``fields`` maps a field name to a list of messages. Nothing else leaks: no traceback,
SQL, setting names or paths.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL.Image import DecompressionBombError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

logger = logging.getLogger("anju.errors")


class CoreErrorCode(StrEnum):
    """The codes of the machinery and the rules every app shares (each app's own codes: ``<app>/errors.py``).

    The values are the API's stable ``code`` strings: clients match on them, so a value never changes.
    """

    AUTH_AUTHENTICATION_FAILED = "auth.authentication_failed"
    AUTH_CSRF_FAILED = "auth.csrf_failed"
    AUTH_NOT_AUTHENTICATED = "auth.not_authenticated"
    AUTH_PERMISSION_DENIED = "auth.permission_denied"
    BAD_REQUEST = "bad_request"
    ERROR = "error"
    FILE_TOO_MANY_PIXELS = "file.too_many_pixels"
    IDEMPOTENCY_INVALID_KEY = "idempotency.invalid_key"
    IDEMPOTENCY_KEY_REUSED = "idempotency.key_reused"
    IMPORT_BAD_FILE = "import.bad_file"
    IMPORT_EMPTY_FILE = "import.empty_file"
    IMPORT_FILE_TOO_LARGE = "import.file_too_large"
    IMPORT_INVALID_ROWS = "import.invalid_rows"
    IMPORT_MISSING_COLUMNS = "import.missing_columns"
    IMPORT_TOO_MANY_ROWS = "import.too_many_rows"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    NOT_ACCEPTABLE = "not_acceptable"
    NOT_FOUND = "not_found"
    PARSE_ERROR = "parse_error"
    RECORD_DUPLICATE = "record.duplicate"
    RECORD_VERSION_CONFLICT = "record.version_conflict"
    REQUEST_TOO_DEEP = "request.too_deep"
    REQUEST_TOO_LARGE = "request.too_large"
    REQUEST_TOO_MANY_FIELDS = "request.too_many_fields"
    SCOPE_PROJECT_OUTSIDE_SCOPE = "scope.project_outside_scope"
    SERVER_ERROR = "server_error"
    THROTTLED = "throttled"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    VALIDATION_ERROR = "validation_error"
    WORKFLOW_REASON_REQUIRED = "workflow.reason_required"


class ApplicationError(Exception):
    """A domain rule refused the request. Raised by services; rendered by the handler.

    ``code`` is a member of the raising app's ``errors.ErrorCode`` (or ``CoreErrorCode``): typed as a ``StrEnum`` so a
    bare string fails ``make typecheck``, and ``tests/test_anatomy.py`` refuses a literal.
    """

    status_code: int = status.HTTP_400_BAD_REQUEST

    def __init__(
        self,
        code: StrEnum,
        message: str,
        *,
        fields: Mapping[str, Sequence[str]] | None = None,
        status_code: int | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = {key: [str(m) for m in value] for key, value in (fields or {}).items()}
        if status_code is not None:
            self.status_code = status_code
        self.extra = dict(extra or {})


class ConflictError(ApplicationError):
    """The record changed under the caller (stale version, concurrent transition)."""

    status_code: int = status.HTTP_409_CONFLICT


def _request_id(request: HttpRequest | None) -> str:
    return getattr(request, "request_id", "-") if request is not None else "-"


def error_body(request: HttpRequest | None, code: str, message: str, fields: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": str(message), "fields": dict(fields or {}), "request_id": _request_id(request)}


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into ``{"field": [...], "items.0.name": [...]}``."""
    result: dict[str, list[str]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors" and prefix:
                name = prefix
            for sub_key, messages in flatten_errors(value, name).items():
                result.setdefault(sub_key, []).extend(messages)
    elif isinstance(detail, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in detail):
            result.setdefault(prefix or "non_field_errors", []).extend(str(item) for item in detail)
        else:
            for index, item in enumerate(detail):
                name = f"{prefix}.{index}" if prefix else str(index)
                for sub_key, messages in flatten_errors(item, name).items():
                    result.setdefault(sub_key, []).extend(messages)
    elif detail is not None:
        result.setdefault(prefix or "non_field_errors", []).append(str(detail))
    return result


_CODES: dict[type[exceptions.APIException], tuple[str, Any]] = {
    exceptions.NotAuthenticated: (CoreErrorCode.AUTH_NOT_AUTHENTICATED, gettext_lazy("Please log in first.")),
    exceptions.AuthenticationFailed: (CoreErrorCode.AUTH_AUTHENTICATION_FAILED, gettext_lazy("Authentication failed.")),
    exceptions.PermissionDenied: (CoreErrorCode.AUTH_PERMISSION_DENIED, gettext_lazy("You do not have permission to do this.")),
    exceptions.NotFound: (CoreErrorCode.NOT_FOUND, gettext_lazy("The record does not exist or is outside your data scope.")),
    exceptions.MethodNotAllowed: (CoreErrorCode.METHOD_NOT_ALLOWED, gettext_lazy("This method is not allowed here.")),
    exceptions.UnsupportedMediaType: (CoreErrorCode.UNSUPPORTED_MEDIA_TYPE, gettext_lazy("Unsupported content type.")),
    exceptions.ParseError: (CoreErrorCode.PARSE_ERROR, gettext_lazy("The request body could not be parsed.")),
    exceptions.NotAcceptable: (CoreErrorCode.NOT_ACCEPTABLE, gettext_lazy("The requested response format is not available.")),
    exceptions.Throttled: (CoreErrorCode.THROTTLED, gettext_lazy("Too many requests, please try again later.")),
}


_DATE_OVERFLOW = re.compile(r"^(year -?\d+ is out of range|date value out of range|day is out of range for month)$")


def hostile_input_response(request: HttpRequest | None, exc: BaseException) -> Response | None:
    """The 4xx for input that broke a limit deeper down (a backstop: validation should have refused it first).

    A body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is a 413; too many fields, nesting deep enough to exhaust the stack,
    an image that would decompress to too many pixels, a number too large for the database or a date whose
    arithmetic leaves the calendar are a 400. None for anything else.
    """
    status_code: int = status.HTTP_400_BAD_REQUEST
    fields: dict[str, list[str]] = {}
    if isinstance(exc, RequestDataTooBig):
        status_code, code, message = (
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            CoreErrorCode.REQUEST_TOO_LARGE,
            _("The request body is too large."),
        )
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        code, message = CoreErrorCode.REQUEST_TOO_MANY_FIELDS, _("The request has too many fields.")
    elif isinstance(exc, SuspiciousOperation):
        code, message = CoreErrorCode.BAD_REQUEST, _("Bad request.")
    elif isinstance(exc, RecursionError):
        code, message = CoreErrorCode.REQUEST_TOO_DEEP, _("The request is nested too deeply.")
    elif isinstance(exc, DecompressionBombError):
        code, message = CoreErrorCode.FILE_TOO_MANY_PIXELS, _("The image has too many pixels.")
        fields = {"file": [message]}
    elif isinstance(exc, OverflowError | ValueError) and _DATE_OVERFLOW.match(str(exc)):
        # Date arithmetic left the calendar (e.g. a warranty expiry after year 9999 from a date stored before checks).
        code, message = CoreErrorCode.VALIDATION_ERROR, _("A date in the request is out of range.")
    elif isinstance(exc, OverflowError):
        # A number in the request is too large for the database (e.g. an id in a foreign-key field on SQLite).
        code, message = CoreErrorCode.VALIDATION_ERROR, _("A number in the request is too large.")
    else:
        return None
    return Response(error_body(request, code, message, fields), status=status_code)


def exception_handler(exc: Exception, context: Mapping[str, Any]) -> Response:
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    headers: dict[str, str] = {}
    if isinstance(exc, ApplicationError):
        body = error_body(request, exc.code, exc.message, exc.fields)
        body.update(exc.extra)
        if exc.status_code == status.HTTP_429_TOO_MANY_REQUESTS and "retry_after_seconds" in exc.extra:
            headers["Retry-After"] = str(int(exc.extra["retry_after_seconds"]))  # seconds until the lockout ends
        set_rollback()
        return Response(body, status=exc.status_code, headers=headers)

    if isinstance(exc, exceptions.ValidationError):
        fields = flatten_errors(exc.detail)
        set_rollback()
        return Response(
            error_body(request, CoreErrorCode.VALIDATION_ERROR, _("Some fields are invalid."), fields),
            status=status.HTTP_400_BAD_REQUEST,
        )

    hostile = hostile_input_response(request, exc)
    if hostile is not None:
        set_rollback()
        return hostile

    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        set_rollback()
        return Response(
            error_body(request, CoreErrorCode.AUTH_CSRF_FAILED, _("Security check failed. Reload the page and try again.")),
            status=status.HTTP_403_FORBIDDEN,
        )

    if isinstance(exc, exceptions.APIException):
        code, message = _CODES.get(type(exc), (None, None))
        if code is None:
            for klass, (klass_code, klass_message) in _CODES.items():
                if isinstance(exc, klass):
                    code, message = klass_code, klass_message
                    break
        if code is None:
            code, message = CoreErrorCode.ERROR, exc.detail
        auth_header = getattr(exc, "auth_header", None)
        if auth_header:
            headers["WWW-Authenticate"] = auth_header
        if isinstance(exc, exceptions.Throttled):
            # DRF's throttles give the wait in (rounded-up) seconds; a 429 always says when to come back.
            headers["Retry-After"] = str(max(1, int(getattr(exc, "wait", None) or 1)))
        set_rollback()
        return Response(error_body(request, code, str(message)), status=exc.status_code, headers=headers)

    logger.error("unhandled exception in API view", exc_info=exc)
    set_rollback()
    return Response(
        error_body(request, CoreErrorCode.SERVER_ERROR, _("Internal server error. Please quote the request id.")),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def server_error_response(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        error_body(request, CoreErrorCode.SERVER_ERROR, _("Internal server error. Please quote the request id.")),
        status=500,
        json_dumps_params={"ensure_ascii": False},
    )


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        error_body(request, CoreErrorCode.NOT_FOUND, _("The record does not exist or is outside your data scope.")),
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )


def json_server_error(request: HttpRequest) -> JsonResponse:
    return server_error_response(request)


def json_permission_denied(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        error_body(request, CoreErrorCode.AUTH_PERMISSION_DENIED, _("You do not have permission to do this.")),
        status=403,
        json_dumps_params={"ensure_ascii": False},
    )


def json_bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        error_body(request, CoreErrorCode.BAD_REQUEST, _("Bad request.")), status=400, json_dumps_params={"ensure_ascii": False}
    )
