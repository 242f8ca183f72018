"""GB 11643 ID numbers and mainland mobile numbers (domain rules §6.3, §6.4)."""

import datetime

import pytest

from anju.core.validators import (
    InvalidValue,
    check_date_range,
    normalize_id_number,
    normalize_mobile,
    parse_day,
    strip_invisible,
)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("11010519491231002X", True),  # the standard's sample, check X
        ("440524188001010014", True),  # the standard's sample, born 1880
        ("110101199003074477", True),
        ("110105194912310021", False),  # check digit wrong
        ("11010519900307803X", False),
    ],
)
def test_domain_doc_id_vectors(number: str, valid: bool) -> None:
    if valid:
        assert normalize_id_number(number) == number
    else:
        with pytest.raises(InvalidValue):
            normalize_id_number(number)


def test_lowercase_x_and_full_width_digits_are_normalised() -> None:
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"
    assert normalize_id_number("１１０１０１１９９００３０７４４７７") == "110101199003074477"


def test_id_with_impossible_birth_date_is_refused() -> None:
    body = "11010519900230001"  # 30 February
    from stdnum.cn import ric

    with pytest.raises(InvalidValue):
        normalize_id_number(body + ric.calc_check_digit(body + "0"))


def test_id_born_in_the_future_is_refused() -> None:
    from stdnum.cn import ric

    body = "11010520990101001"
    with pytest.raises(InvalidValue):
        normalize_id_number(body + ric.calc_check_digit(body + "0"), today=datetime.date(2026, 11, 27))


def test_legacy_15_digit_number_converts_to_18() -> None:
    assert normalize_id_number("110105491231002") == "11010519491231002X"


@pytest.mark.parametrize("value", ["13800138000", "+8613800138000", "008613800138000", "138 0013 8000", "19912345678"])
def test_valid_mobiles(value: str) -> None:
    assert normalize_mobile(value) in {"13800138000", "19912345678"}


@pytest.mark.parametrize("value", ["12800138000", "1380013800", "138001380001", "+85213800138000", "abc", ""])
def test_invalid_mobiles(value: str) -> None:
    with pytest.raises(InvalidValue):
        normalize_mobile(value)


@pytest.mark.parametrize(
    "value", ["+8613700002021x", "8613700002021x", "13700002021 x", "+86(137)00002021", "+85213700002021", "１３７0000202１a"]
)
def test_a_mobile_with_anything_else_is_refused(value: str) -> None:
    with pytest.raises(InvalidValue):
        normalize_mobile(value)


@pytest.mark.parametrize("value", ["8613700002021", "+86 137-0000-2021", "１３７００００２０２１"])
def test_a_mobile_with_a_prefix_or_separators_is_normalised(value: str) -> None:
    assert normalize_mobile(value) == "13700002021"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("\u200b\u200c\u200d\u2060\ufeff", ""),
        (" \u3000\t\u00ad\u202e\u3164\u2800 ", ""),
        ("\ufe0f", ""),
        ("\u200b张三\u200b", "张三"),
        ("张\u200b三", "张\u200b三"),
        ("👍\ufe0f\u200b", "👍\ufe0f"),
        ("👨\u200d👩", "👨\u200d👩"),
    ],
)
def test_strip_invisible(value: str, expected: str) -> None:
    assert strip_invisible(value) == expected


def test_dates_are_checked_against_1900_to_2200() -> None:
    assert check_date_range(datetime.date(1900, 1, 1)) == datetime.date(1900, 1, 1)
    assert check_date_range(datetime.datetime(2200, 12, 31, 23, 59)) == datetime.datetime(2200, 12, 31, 23, 59)
    for day in (datetime.date(1899, 12, 31), datetime.date(2201, 1, 1), datetime.datetime(9999, 12, 31)):
        with pytest.raises(InvalidValue):
            check_date_range(day)
    assert parse_day(" 2024-06-30 ") == parse_day(datetime.datetime(2024, 6, 30, 8)) == datetime.date(2024, 6, 30)
    for value in ("9999-12-31", "明天", datetime.date(1800, 1, 1)):
        with pytest.raises(InvalidValue):
            parse_day(value)
