"""The national rest days, as far as the law needs them: 民法典 第二百零三条 moves the last day of a period that falls
on a statutory rest day (法定休假日) to the first day after it.

Rest days are Saturdays and Sundays (公休日) and the statutory holidays, except the make-up working days (调休上班)
the State Council announces. Two sources make up the calendar:

- **the rules** (``statutory_days(year)``): the holidays 《全国年节及纪念日放假办法》 gives every citizen, computed for
  any year from the Gregorian and lunar calendars (``lunar_python``), with the day off in lieu (补假) of 第六条 for a
  holiday that falls on a Saturday or Sunday;
- **the table** the sla app keeps (``CalendarDay`` rows, and per year whether the State Council's notice has been
  entered as the official arrangement).

``NationalCalendar`` combines them — the one calendar every period uses (warranty expiry, filing and mortgage
clocks, SLA targets). The sla app registers a reader here when it starts, so lower apps (warranty, sales) can ask
without importing it. This is the national calendar, not the service centre's opening hours: a desk that works on
Saturdays does not shorten anybody's legal period.

Which rules apply to which year:

- 2025 and later (办法 as amended 2024-11-10): 元旦 1 day, 春节 4 (除夕-初三), 清明 1, 劳动节 2 (5-1, 5-2), 端午 1,
  中秋 1, 国庆 3 (10-1-10-3);
- 2014-2024 (amended 2013): 春节 3 (初一-初三), 劳动节 1 (5-1), the others as above;
- 2008-2013 (amended 2007): 春节 3 (除夕-初二), 劳动节 1, the others as above;
- before 2008: not computed (no holidays but weekends) — enter such days in the table if an old period needs them.

第六条 (补假): each holiday day that falls on a Saturday or Sunday is made up by a day off on the next working day
after the holiday block (the run of consecutive holiday days it belongs to). The 办法 does not say what happens when
two holidays fall on the same day (中秋 on 10-1-10-3, e.g. 2028, 2031); the State Council's practice (2020: 8 days
around 10-1) keeps both, so the second holiday of such a day is made up like one on a weekend.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from lunar_python import Lunar

Reader = Callable[[datetime.date, datetime.date], dict[datetime.date, bool]]
_readers: list[Reader] = []

FIRST_COMPUTED_YEAR = 2008
ONE_DAY = datetime.timedelta(days=1)


class DayKind(StrEnum):
    """An exception to the weekly pattern (the values of ``sla.models.DayKind``)."""

    REST = "rest"  # a statutory holiday, a day off in lieu (补假) or a 调休 day off
    MAKE_UP = "make_up"  # a weekend day worked (调休上班)


class Source(StrEnum):
    COMPUTED = "computed"  # from the rules of the 办法
    OFFICIAL = "official"  # a row of a year whose State Council arrangement has been entered
    ENTERED = "entered"  # a row entered in a year still computed (it wins on its date)


class NationalDay(NamedTuple):
    date: datetime.date
    kind: DayKind
    name: str


class CalendarEntry(NamedTuple):
    date: datetime.date
    kind: DayKind
    name: str
    source: Source


class _Rules(NamedTuple):
    spring_festival: tuple[int, ...]  # offsets from 正月初一 (-1 = 除夕)
    labour_day: tuple[int, ...]  # days of May


def _rules(year: int) -> _Rules:
    if year >= 2025:
        return _Rules(spring_festival=(-1, 0, 1, 2), labour_day=(1, 2))
    if year >= 2014:
        return _Rules(spring_festival=(0, 1, 2), labour_day=(1,))
    return _Rules(spring_festival=(-1, 0, 1), labour_day=(1,))


def _solar(lunar: Lunar) -> datetime.date:
    return datetime.date.fromisoformat(lunar.getSolar().toYmd())


def holidays(year: int) -> list[tuple[datetime.date, str]]:
    """The holiday days of ``year`` by the rules, each with its festival's name (补假 not included), in date order."""
    if year < FIRST_COMPUTED_YEAR:
        return []
    rules = _rules(year)
    new_year = _solar(Lunar.fromYmd(year, 1, 1))
    qingming = datetime.date.fromisoformat(Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"].toYmd())
    days = [(datetime.date(year, 1, 1), "元旦")]
    days += [(new_year + datetime.timedelta(days=k), "春节（除夕）" if k == -1 else "春节") for k in rules.spring_festival]
    days += [(qingming, "清明节")]
    days += [(datetime.date(year, 5, d), "劳动节") for d in rules.labour_day]
    days += [(_solar(Lunar.fromYmd(year, 5, 5)), "端午节"), (_solar(Lunar.fromYmd(year, 8, 15)), "中秋节")]
    days += [(datetime.date(year, 10, d), "国庆节") for d in (1, 2, 3)]
    return sorted(days, key=lambda item: item[0])


def _festival(name: str) -> str:
    return name.split("（", maxsplit=1)[0]


def _blocks(days: list[tuple[datetime.date, str]]) -> list[list[tuple[datetime.date, str]]]:
    """Runs of holiday days on consecutive dates (two holidays on one date stay in one run)."""
    blocks: list[list[tuple[datetime.date, str]]] = []
    for day, name in days:
        if blocks and day - blocks[-1][-1][0] <= ONE_DAY:
            blocks[-1].append((day, name))
        else:
            blocks.append([(day, name)])
    return blocks


def _owed(block: list[tuple[datetime.date, str]]) -> list[str]:
    """The festivals owed a day off in lieu: a holiday day on a weekend, or the second holiday of one date."""
    owed, seen = [], set()
    for day, name in block:
        if day.isoweekday() >= 6 or day in seen:
            owed.append(_festival(name))
        seen.add(day)
    return owed


@functools.lru_cache(maxsize=64)
def statutory_days(year: int) -> tuple[NationalDay, ...]:
    """The rest days of ``year`` by the rules: the holidays and their days off in lieu (补假), in date order.

    Pure and cached per year; the State Council's arrangement, once entered and marked official, replaces it.
    """
    days = holidays(year)
    taken = {day for day, _ in days}
    names: dict[datetime.date, list[str]] = {}
    for day, name in days:
        names.setdefault(day, []).append(name)
    result = {day: NationalDay(day, DayKind.REST, "、".join(labels)) for day, labels in names.items()}
    for block in _blocks(days):
        cursor = block[-1][0]
        for festival in _owed(block):
            cursor += ONE_DAY
            while cursor.isoweekday() >= 6 or cursor in taken:
                cursor += ONE_DAY
            taken.add(cursor)
            result[cursor] = NationalDay(cursor, DayKind.REST, f"{festival}补假")
    return tuple(sorted(result.values()))


@functools.lru_cache(maxsize=64)
def _statutory_by_date(year: int) -> Mapping[datetime.date, NationalDay]:
    return {day.date: day for day in statutory_days(year)}


@dataclass(frozen=True, eq=False)
class NationalCalendar:
    """The combined calendar: the table's rows, and for every year not marked official the rules as well.

    - a year in ``official_years`` is exactly its rows (the State Council's notice as entered), plus weekends;
    - any other year is the rules' days, and a row entered for it wins on its date (a day added or corrected ahead
      of the notice; a 调休 working Saturday entered early).
    """

    entered: Mapping[datetime.date, NationalDay]
    official_years: frozenset[int] = frozenset()

    def exception(self, day: datetime.date) -> CalendarEntry | None:
        """How ``day`` departs from the weekly pattern, or ``None`` when it does not."""
        row = self.entered.get(day)
        if row is not None:
            return CalendarEntry(*row, Source.OFFICIAL if day.year in self.official_years else Source.ENTERED)
        if day.year in self.official_years:
            return None
        computed = _statutory_by_date(day.year).get(day)
        return None if computed is None else CalendarEntry(*computed, Source.COMPUTED)

    def is_rest_day(self, day: datetime.date) -> bool:
        """A national rest day: a Saturday or Sunday not worked, or a holiday (the week of the law, not of the desk)."""
        entry = self.exception(day)
        return entry.kind == DayKind.REST if entry is not None else day.isoweekday() >= 6

    def days(self, year: int) -> list[CalendarEntry]:
        """Every exception of ``year`` to the weekly pattern, in date order."""
        dates = {row for row in self.entered if row.year == year}
        if year not in self.official_years:
            dates |= {day.date for day in statutory_days(year)}
        entries = (self.exception(day) for day in sorted(dates))
        return [entry for entry in entries if entry is not None]

    def window(self, first: datetime.date, last: datetime.date) -> dict[datetime.date, bool]:
        """``{day: is_rest_day}`` for the exceptions between two days (inclusive) — the reader's answer."""
        answer: dict[datetime.date, bool] = {}
        for year in range(first.year, last.year + 1):
            answer.update({e.date: e.kind == DayKind.REST for e in self.days(year) if first <= e.date <= last})
        return answer


def rules_only(entered: Iterable[NationalDay] = ()) -> NationalCalendar:
    """A calendar with no year marked official (the rules, with ``entered`` rows on top)."""
    return NationalCalendar(entered={row.date: row for row in entered})


def register(reader: Reader) -> None:
    """``reader(first, last)`` → {day: is_rest_day} for the calendar's exceptions between the two days."""
    _readers[:] = [reader]


def last_day_of_period(day: datetime.date) -> datetime.date:
    """``day`` itself, or the first day after the rest days it falls on (民法典 第二百零三条).

    The registered reader (the sla app's table combined with the rules) decides; without one, the rules alone.
    """
    horizon = day + datetime.timedelta(days=40)  # longer than any run of rest days (Spring Festival ≈ 9)
    table = _readers[0](day, horizon) if _readers else rules_only().window(day, horizon)
    while day < horizon:
        rest = table.get(day, day.isoweekday() >= 6)
        if not rest:
            return day
        day += ONE_DAY
    return day
