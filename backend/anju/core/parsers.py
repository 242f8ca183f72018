"""The API's JSON parser: DRF's, with a nesting limit (security review: a body nested 5,000 deep was a 500).

The size limit is Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (``ANJU_MAX_JSON_BYTES``): DRF reads a JSON body through
``request.body``, which refuses a larger one with ``RequestDataTooBig``, answered 413 by the exception handler.
Multipart file uploads are not counted against it (they keep ``UPLOAD_MAX_BYTES``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 64  # far beyond any request body of this API, far below Python's recursion limit


class JSONNestingError(ParseError):
    default_detail = _("The request body is nested too deeply.")
    default_code = "too_deep"


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value  # type: ignore[assignment]
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    """``JSONParser`` that answers 400 to a body nested deeper than ``MAX_DEPTH`` instead of overflowing the stack."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise JSONNestingError() from exc
        if _depth_exceeds(data, MAX_DEPTH):
            raise JSONNestingError()
        return data
