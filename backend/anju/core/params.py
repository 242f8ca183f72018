"""Query-string values that become database ids."""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1  # the largest value of a signed 64-bit id column
_ID = re.compile(r"^[0-9]{1,18}$")  # ASCII digits that fit a signed 64-bit column on every database


def id_value(raw: str | None) -> int | None:
    """The id in ``raw``, or None when it is not a plain number a database column can hold."""
    return int(raw) if raw and _ID.match(raw) else None
