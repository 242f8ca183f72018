"""Query-string values: ids and days.

A list view reads its filters with ``id_param`` and ``date_param``: an absent or empty parameter is no filter, a
malformed one (``?project=abc``, ``?project=1.5``, an id too large for a 64-bit column, ``?from=9999-12-31``) is a
400 naming the parameter - the same answer on every endpoint, never ignored, never a 500.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from anju.core.errors import ApplicationError, CoreErrorCode
from anju.core.validators import InvalidValue, check_date_range

MAX_ID = 2**63 - 1  # the largest value of a signed 64-bit id column
_ID = re.compile(r"^[0-9]{1,18}$")  # ASCII digits that fit a signed 64-bit column on every database
_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def id_value(raw: str | None) -> int | None:
    """The id in ``raw``, or None when it is not a plain number a database column can hold."""
    return int(raw) if raw and _ID.fullmatch(raw) else None


def invalid_param(name: str, message: str | None = None, *, code: StrEnum = CoreErrorCode.VALIDATION_ERROR) -> ApplicationError:
    """The 400 for a malformed query parameter ``name``."""
    text = message or _("Enter a valid value.")
    return ApplicationError(code, text, fields={name: [text]})


def id_param(
    params: Mapping[str, Any], name: str, *, message: str | None = None, code: StrEnum = CoreErrorCode.VALIDATION_ERROR
) -> int | None:
    """The id in query parameter ``name``; None when it is absent or empty; a 400 when it is not a plain id."""
    raw = params.get(name, "")
    if not raw:
        return None
    value = id_value(raw)
    if value is None:
        raise invalid_param(name, message or _("Enter a valid id (a whole number)."), code=code)
    return value


def date_param(params: Mapping[str, Any], name: str) -> datetime.date | None:
    """The day (``YYYY-MM-DD``, 1900-01-01 … 2200-12-31) in query parameter ``name``; None when absent; else a 400."""
    raw = params.get(name, "")
    if not raw:
        return None
    try:
        day = datetime.date.fromisoformat(raw) if _DAY.fullmatch(raw) else None
    except ValueError:
        day = None
    if day is None:
        raise invalid_param(name, _("Enter a valid date."))
    try:
        check_date_range(day)
    except InvalidValue as exc:
        raise invalid_param(name, str(exc)) from exc
    return day
