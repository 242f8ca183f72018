"""Chinese text takes full-width punctuation: the compiled zh-hans catalogue has no ASCII ``;`` ``:`` ``,`` between
two Chinese characters (or between a Chinese character and a placeholder of the sentence)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

from django.conf import settings

CJK = "[\u3400-\u9fff\u3001-\u303f\uff01-\uff60]"
PLACEHOLDER = r"(?:%\(\w+\)[sd]|\{\w*\})"
ASCII_IN_CHINESE = re.compile(rf"{CJK}\s*[;:,]\s*(?:{CJK}|{PLACEHOLDER})|{PLACEHOLDER}\s*[;:,]\s*{CJK}")


def _catalogue() -> dict[str, str]:
    mo = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    catalog: dict[object, str] = translations._catalog  # type: ignore[attr-defined]  # the parsed .mo, msgid → msgstr
    return {str(key): value for key, value in catalog.items() if key}


def test_given_chinese_text_with_ascii_punctuation_when_checked_then_it_is_caught() -> None:
    for bad in ("原因: 漏水", "投诉; 已处理", "张三, 李四", "类别：其他,服务", "原因: %(reason)s", "%(n)s,已超时"):
        assert ASCII_IN_CHINESE.search(bad), bad
    for good in ("原因：漏水", "截止 12-14 18:00", "Excel: 客户", "%(count)s 条"):
        assert not ASCII_IN_CHINESE.search(good), good


def test_given_the_compiled_zh_hans_catalogue_when_read_then_no_ascii_punctuation_sits_inside_chinese_text() -> None:
    catalogue = _catalogue()
    assert len(catalogue) > 100  # the compiled catalogue was found and read
    offending = sorted(f"{key!r} → {text!r}" for key, text in catalogue.items() if ASCII_IN_CHINESE.search(text))
    assert offending == [], "\n".join(offending)
