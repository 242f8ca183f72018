"""Validation and normalisation of identity numbers and mobile numbers.

- Resident ID (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character (computed
  by python-stdnum), a real birth date not in the future. Lower-case ``x`` and full-width
  characters are normalised; a legacy 15-digit number is converted to 18 digits.
- Mobile: parsed with phonenumbers (accepts +86 / 0086 / spaces / dashes), then the
  broad mainland rule ``^1[3-9]\\d{9}$`` (domain rules §6.4: new segments keep appearing).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import phonenumbers
from django.utils.translation import gettext as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


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
    if raw.startswith("0086"):
        raw = "+86" + raw[4:]
    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException as exc:
        raise InvalidValue(_("Enter a valid mainland China mobile number.")) from exc
    national = str(parsed.national_number)
    if parsed.country_code != 86 or not _MOBILE.match(national):
        raise InvalidValue(_("Enter a valid mainland China mobile number."))
    return national
