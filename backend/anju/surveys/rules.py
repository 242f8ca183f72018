"""The questionnaire's rules as pure functions: what a question list may hold, which questions a person is asked
(a simple show-if on an earlier answer) and whether a set of answers is complete and valid.

A question: ``{"key": "q1", "type": "rating|nps|single|multiple|text", "title": "…", "required": true,
"options": ["…"] (choices only), "section": "…" (optional), "show_if": {"question": "<an earlier key>", "equals": …},
"follow_up": {"below": 3} (rating/NPS: a score under it), {"low_score": true} (rating: a score at or below the
project's low-score threshold, ``SurveySettings.low_score_threshold``, default 2) or {"chosen": ["未解决"]} (choices: any
of these picked)}``; ``follow_up`` opens a follow-up task for the project's supervisor (see ``needs_follow_up``).

Automatic surveys: when an invitation is due (``invitation_due``: the event plus the delay, moved into the sending
hours) and on which day a yearly one asks (``yearly_date``).
Errors are ``{"questions.2.options": ["…"]}`` / ``{"answers.q1": ["…"]}``, the API's field-error shape.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.translation import gettext as _

from anju.surveys.models import QuestionType

KEY = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
MAX_QUESTIONS = 50
MAX_OPTIONS = 20
MAX_TEXT = 2000
# A rating at or below it is a low score, unless the project sets its own (``SurveySettings.low_score_threshold``);
# the same default as the return visits' threshold.
DEFAULT_LOW_SCORE = 2
# Automatic invitations are texted between these local hours (an event after 20:00 is asked the next morning).
SEND_FROM = datetime.time(9, 0)
SEND_UNTIL = datetime.time(20, 0)
CHOICES = (QuestionType.SINGLE, QuestionType.MULTIPLE)


def _possible_answer(question: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` is an answer ``question`` can be given (else the condition could never hold)."""
    kind = question["type"]
    if kind in CHOICES:
        return isinstance(value, str) and value in question.get("options", [])
    if kind == QuestionType.RATING:
        return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5
    if kind == QuestionType.NPS:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
    return isinstance(value, str) and 0 < len(value) <= 200


def has_nul(value: Any) -> bool:
    """A NUL character anywhere in a JSON value (keys included): text fields refuse it, and PostgreSQL's jsonb
    cannot store it (``\u0000``)."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(has_nul(k) or has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_nul(v) for v in value)
    return False


def clean_questions(raw: Any) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The questions in their stored shape, and the errors per field (empty when valid)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(raw, list) or not raw:
        return [], {"questions": [_("Add at least one question.")]}
    if has_nul(raw):
        return [], {"questions": [_("Null characters are not allowed.")]}
    if len(raw) > MAX_QUESTIONS:
        return [], {"questions": [_("A questionnaire has at most %(n)s questions.") % {"n": MAX_QUESTIONS}]}
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(raw):
        at = f"questions.{index}"
        if not isinstance(item, dict):
            errors[at] = [_("Enter a question.")]
            continue
        key = item.get("key")
        kind = item.get("type")
        title = item.get("title")
        if not isinstance(key, str) or not KEY.match(key):
            errors[f"{at}.key"] = [_("Use a short key of lowercase letters, digits and _.")]
        elif key in seen:
            errors[f"{at}.key"] = [_("Each question needs its own key.")]
        if kind not in QuestionType.values:
            errors[f"{at}.type"] = [_("Enter a valid value.")]
        if not isinstance(title, str) or not title.strip() or len(title) > 200:
            errors[f"{at}.title"] = [_("Enter the question (at most 200 characters).")]
        required, section = item.get("required", False), item.get("section") or ""
        if not isinstance(required, bool):
            errors[f"{at}.required"] = [_("Enter true or false.")]
        if not isinstance(section, str) or len(section) > 60:
            errors[f"{at}.section"] = [_("Enter a section name of at most 60 characters.")]
        question: dict[str, Any] = {
            "key": key,
            "type": kind,
            "title": title.strip() if isinstance(title, str) else "",
            "required": required is True,
            "section": section.strip() if isinstance(section, str) else "",
        }
        if kind in CHOICES:
            options = item.get("options")
            if (
                not isinstance(options, list)
                or not 2 <= len(options) <= MAX_OPTIONS
                or not all(isinstance(o, str) and o.strip() and len(o) <= 100 for o in options)
                or len({o.strip() for o in options}) != len(options)  # "a" and "a " are the same choice
            ):
                errors[f"{at}.options"] = [_("Give 2 to 20 different choices.")]
            else:
                question["options"] = [o.strip() for o in options]
        show_if = item.get("show_if")
        if show_if is not None:
            earlier = seen.get(str(show_if.get("question"))) if isinstance(show_if, dict) else None
            if earlier is None or not _possible_answer(earlier, show_if.get("equals")):
                errors[f"{at}.show_if"] = [_("A condition names an earlier question and the answer it waits for.")]
            else:
                question["show_if"] = {"question": earlier["key"], "equals": show_if["equals"]}
        follow_up = item.get("follow_up")
        if follow_up is not None:
            rule = _follow_up_rule(question, follow_up)
            if rule is None:
                errors[f"{at}.follow_up"] = [
                    _("A follow-up waits for a score below a number (ratings, NPS) or for chosen answers (choices).")
                ]
            elif rule:
                question["follow_up"] = rule
        if isinstance(key, str):
            seen[key] = question
        cleaned.append(question)
    return cleaned, errors


def _follow_up_rule(question: dict[str, Any], raw: Any) -> dict[str, Any] | None:
    """The stored follow-up rule of a question ({} = none), or None when it does not fit the question."""
    if raw in ({}, None):
        return {}
    if not isinstance(raw, dict) or len(raw) != 1:
        return None
    kind = question["type"]
    if kind in (QuestionType.RATING, QuestionType.NPS) and ("below" in raw or "low_score" in raw):
        return _score_rule(kind, raw)
    chosen = raw.get("chosen")
    if kind in CHOICES and "chosen" in raw:
        options = question.get("options") or []
        if not isinstance(chosen, list) or not chosen or not all(isinstance(c, str) and c in options for c in chosen):
            return None
        return {"chosen": list(dict.fromkeys(chosen))}
    return None


def _score_rule(kind: str, raw: dict[str, Any]) -> dict[str, Any] | None:
    """``{"below": n}`` within the scale, or ``{"low_score": true}`` (ratings only: the project's threshold is on the
    1-5 scale); None when it does not fit."""
    if "low_score" in raw:
        return {"low_score": True} if kind == QuestionType.RATING and raw["low_score"] is True else None
    below = raw.get("below")
    top = 5 if kind == QuestionType.RATING else 10
    ok = isinstance(below, int) and not isinstance(below, bool) and 1 <= below <= top
    return {"below": below} if ok else None


def needs_follow_up(questions: list[dict[str, Any]], values: dict[str, Any], *, low_score: int = DEFAULT_LOW_SCORE) -> list[str]:
    """The keys of the answered questions whose follow-up rule the answers meet (a score under the question's
    ``below``, a rating at or below the project's ``low_score`` threshold, a chosen answer)."""
    hits = []
    for question in questions:
        rule = question.get("follow_up")
        if not rule or question["key"] not in values:
            continue
        value = values[question["key"]]
        score = value if isinstance(value, int) else None
        if score is not None and (score < rule.get("below", 0) or (rule.get("low_score") and score <= low_score)):
            hits.append(question["key"])
        elif "chosen" in rule:
            picked = value if isinstance(value, list) else [value]
            if any(choice in rule["chosen"] for choice in picked):
                hits.append(question["key"])
    return hits


def asked(questions: list[dict[str, Any]], values: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions this person is asked, given their answers (a hidden question hides the ones depending on it)."""
    shown: dict[str, dict[str, Any]] = {}
    for question in questions:
        condition = question.get("show_if")
        if condition:
            if condition["question"] not in shown:
                continue
            answer = values.get(condition["question"])
            matches = condition["equals"] in answer if isinstance(answer, list) else answer == condition["equals"]
            if not matches:
                continue
        shown[question["key"]] = question
    return list(shown.values())


def _bad(question: dict[str, Any], value: Any) -> str | None:
    kind = question["type"]
    if kind == QuestionType.RATING:
        return None if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5 else _("Give 1 to 5 stars.")
    if kind == QuestionType.NPS:
        return (
            None
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10
            else _("Give a score from 0 to 10.")
        )
    if kind == QuestionType.SINGLE:
        return None if value in question.get("options", []) else _("Choose one of the answers.")
    if kind == QuestionType.MULTIPLE:
        options = question.get("options", [])
        ok = (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) for v in value)  # before set(): a list or dict inside is unhashable
            and len(set(value)) == len(value)
            and all(v in options for v in value)
        )
        return None if ok else _("Choose one or more of the answers.")
    ok = isinstance(value, str) and len(value) <= MAX_TEXT
    return None if ok else _("Write at most %(n)s characters.") % {"n": MAX_TEXT}


def clean_answers(questions: list[dict[str, Any]], raw: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The answers to keep (only questions asked, empty optional ones left out) and the errors per question."""
    if not isinstance(raw, dict):
        return {}, {"answers": [_("Answer the questions.")]}
    if has_nul(raw):
        return {}, {"answers": [_("Null characters are not allowed.")]}
    known = {q["key"] for q in questions}
    errors: dict[str, list[str]] = {f"answers.{k}": [_("There is no such question.")] for k in raw if k not in known}
    kept: dict[str, Any] = {}
    for question in asked(questions, raw):
        value = raw.get(question["key"])
        if isinstance(value, str):
            value = value.strip()
        if value in (None, "", []):
            if question["required"]:
                errors[f"answers.{question['key']}"] = [_("This question needs an answer.")]
            continue
        problem = _bad(question, value)
        if problem:
            errors[f"answers.{question['key']}"] = [problem]
        else:
            kept[question["key"]] = value
    return kept, errors


def invitation_due(event_at: datetime.datetime, delay_days: int) -> datetime.datetime:
    """When an automatic invitation goes out: ``delay_days`` after the event, moved into the sending hours (before
    09:00 → 09:00 that day; from 20:00 → 09:00 the next day), local time."""
    from django.utils import timezone

    local = timezone.localtime(event_at) + datetime.timedelta(days=delay_days)
    if local.time() < SEND_FROM:
        local = local.replace(hour=SEND_FROM.hour, minute=0, second=0, microsecond=0)
    elif local.time() >= SEND_UNTIL:
        local = (local + datetime.timedelta(days=1)).replace(hour=SEND_FROM.hour, minute=0, second=0, microsecond=0)
    return local


def yearly_date(year: int, month: int | None, day: int | None) -> datetime.date | None:
    """The day a yearly survey asks in ``year`` (None when the month and day do not make a date every year:
    29 February is refused, so that no year is skipped)."""
    if month is None or day is None:
        return None
    try:
        datetime.date(2027, month, day)  # a common year: a date that exists every year
    except ValueError:
        return None
    return datetime.date(year, month, day)
