"""Validation and normalisation of identity numbers and mobile numbers.

- Resident ID (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character (computed
  by python-stdnum), a real birth date not in the future. Lower-case ``x`` and full-width
  characters are normalised; a legacy 15-digit number is converted to 18 digits.
- Mobile: only digits, a leading ``+``, spaces and dashes (no letters, no extension), parsed with phonenumbers
  (accepts +86 / 0086 / spaces / dashes), then the broad mainland rule ``^1[3-9]\\d{9}$`` (domain rules §6.4: new
  segments keep appearing).
- Dates: every date the API or an import accepts lies between ``EARLIEST_DATE`` and ``LATEST_DATE``
  (1900-01-01 … 2200-12-31), so that date arithmetic (warranty expiry, SLA deadlines) can never overflow.
- Text: ``strip_invisible`` trims whitespace *and* invisible characters (zero-width spaces, BOM, other Unicode
  format characters) from both ends, so that a name made only of them counts as blank.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import phonenumbers
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

_MOBILE = re.compile(r"1[3-9]\d{9}")
_MOBILE_CHARACTERS = re.compile(r"\+?\d[\d -]*\d")

EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2200, 12, 31)

# Characters that show nothing: Unicode format characters (Cf: U+200B-U+200F, U+2060, U+FEFF, U+00AD, bidi
# controls ...), controls and separators, plus letters and marks that render blank (Hangul fillers, braille blank,
# the combining grapheme joiner). Variation selectors show nothing alone but belong to the character before them
# (an emoji's presentation): they are dropped only at the start or when nothing visible is left.
_BLANK_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
_BLANK_CHARACTERS = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")
_SELECTORS = frozenset(map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]))


class InvalidValue(ValueError):
    """A value failed validation; ``str(exc)`` is a translated message."""


def normalize_id_number(value: str, *, today: datetime.date | None = None) -> str:
    number = unicodedata.normalize("NFKC", value).strip().replace(" ", "").upper()
    if len(number) == 15 and number.isdigit():
        body = number[:6] + "19" + number[6:]
        number = body + ric.calc_check_digit(body + "0")
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise InvalidValue(_("An ID number has 18 characters: 17 digits and a digit or X."))
    if number[17] != ric.calc_check_digit(number):
        raise InvalidValue(_("The ID number's check digit is wrong."))
    try:
        birth = ric.get_birth_date(number)
    except StdnumError as exc:
        raise InvalidValue(_("The ID number contains an invalid birth date.")) from exc
    if birth > (today or datetime.date.today()) or birth.year < 1880:
        raise InvalidValue(_("The ID number contains an invalid birth date."))
    return number


def normalize_mobile(value: str) -> str:
    raw = unicodedata.normalize("NFKC", value).strip()
    # Digits, a leading +, spaces and dashes only: phonenumbers would read "x123" or "ext." as an extension and
    # ignore other letters, which a mobile number never has.
    if not _MOBILE_CHARACTERS.fullmatch(raw):
        raise InvalidValue(_("Enter a valid mainland China mobile number."))
    if raw.startswith("0086"):
        raw = "+86" + raw[4:]
    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException as exc:
        raise InvalidValue(_("Enter a valid mainland China mobile number.")) from exc
    national = str(parsed.national_number)
    if parsed.country_code != 86 or parsed.extension or not _MOBILE.fullmatch(national):
        raise InvalidValue(_("Enter a valid mainland China mobile number."))
    return national


def is_invisible(character: str) -> bool:
    """True for a character that shows nothing on its own (whitespace, zero-width and other format characters)."""
    return character.isspace() or character in _BLANK_CHARACTERS or unicodedata.category(character) in _BLANK_CATEGORIES


def strip_invisible(value: str) -> str:
    """``value`` without whitespace and invisible characters at either end (inner ones, e.g. in emoji, stay)."""
    start, end = 0, len(value)
    while start < end and (is_invisible(value[start]) or value[start] in _SELECTORS):
        start += 1
    while end > start and is_invisible(value[end - 1]):
        end -= 1
    kept = value[start:end]
    # combining marks with nothing to sit on (e.g. "\u0300\u0301") show as nothing either
    if kept and all(unicodedata.category(c).startswith("M") or is_invisible(c) for c in kept):
        return ""
    return kept


def check_date_range(value: datetime.date) -> datetime.date:
    """``value`` (a date or datetime) if it lies between 1900-01-01 and 2200-12-31, else ``InvalidValue``."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise InvalidValue(
            _("Enter a date between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()}
        )
    return value


def parse_day(value: object) -> datetime.date:
    """A day from an ISO text (``YYYY-MM-DD``), a date or a datetime (an Excel cell), within the accepted range."""
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    else:
        try:
            day = datetime.date.fromisoformat(str(value).strip())
        except ValueError as exc:
            raise InvalidValue(_("Enter a date as YYYY-MM-DD.")) from exc
    check_date_range(day)
    return day


def single_line(value: str) -> None:
    """A title or a name: one line, no control characters (it may become an e-mail subject or a file name)."""
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise DjangoValidationError(_("Use one line without control characters."), code="single_line")
