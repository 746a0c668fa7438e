"""Periods a checklist recurs over, and their keys.

Keys are short, sortable and typed by users: ``2024``, ``2024-H1``,
``2024-Q3``, ``2024-07``; a one-off checklist has the single period ``once``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from .errors import DateError

ONCE = "once"
_PATTERNS = {
    "year": re.compile(r"^(\d{4})$"),
    "half": re.compile(r"^(\d{4})-H([12])$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
}
_MONTHS_PER = {"year": 12, "half": 6, "quarter": 3, "month": 1}
_EXAMPLES = {"year": "2024", "half": "2024-H1", "quarter": "2024-Q3", "month": "2024-07", "once": "once"}


@dataclass(frozen=True, order=True)
class Period:
    """One occurrence of a recurrence; ``start``/``end`` are inclusive, None for once."""

    every: str
    key: str
    start: date | None = None
    end: date | None = None

    def label(self) -> str:
        if self.every == "once" or self.start is None:
            return "一次性"
        y, m = self.start.year, self.start.month
        return {
            "year": f"{y}年",
            "half": f"{y}年{'上' if m == 1 else '下'}半年",
            "quarter": f"{y}年第{(m - 1) // 3 + 1}季度",
            "month": f"{y}年{m}月",
        }[self.every]

    def shift(self, steps: int) -> "Period":
        """The period ``steps`` away (negative for earlier); once stays once."""
        if self.start is None:
            return self
        months = _MONTHS_PER[self.every] * steps
        index = self.start.year * 12 + self.start.month - 1 + months
        return period_for(self.every, date(index // 12, index % 12 + 1, 1))

    def contains(self, day: date) -> bool:
        return self.start is None or self.start <= day <= self.end  # type: ignore[operator]


def _make(every: str, year: int, first_month: int) -> Period:
    last_month = first_month + _MONTHS_PER[every] - 1
    start = date(year, first_month, 1)
    end = date(year, last_month, monthrange(year, last_month)[1])
    if every == "year":
        key = f"{year}"
    elif every == "half":
        key = f"{year}-H{1 if first_month == 1 else 2}"
    elif every == "quarter":
        key = f"{year}-Q{(first_month - 1) // 3 + 1}"
    else:
        key = f"{year}-{first_month:02d}"
    return Period(every, key, start, end)


def period_for(every: str, day: date) -> Period:
    """The period of this recurrence that contains ``day``."""
    if every == "once":
        return Period("once", ONCE)
    size = _MONTHS_PER[every]
    return _make(every, day.year, (day.month - 1) // size * size + 1)


def every_of_key(key: str) -> str | None:
    if key == ONCE:
        return "once"
    return next((every for every, pattern in _PATTERNS.items() if pattern.match(key)), None)


def parse_period(key: str, every: str | None = None) -> Period:
    """Parse a key typed by a user; if ``every`` is given the key must be of that kind."""
    key = (key or "").strip()
    key = ONCE if key.lower() == ONCE else key.upper()
    kind = every_of_key(key)
    if kind is None:
        raise DateError("period-format", key=key)
    if every is not None and kind != every:
        raise DateError("period-kind", key=key, kind=kind, every=every, example=_EXAMPLES[every])
    if kind == "once":
        return Period("once", ONCE)
    match = _PATTERNS[kind].match(key)
    assert match
    year = int(match[1])
    if year < 1900:
        raise DateError("period-year", key=key, year=year)
    part = int(match[2]) if kind != "year" else 1
    first_month = 1 if kind == "year" else (part - 1) * _MONTHS_PER[kind] + 1
    return _make(kind, year, first_month)


def periods_between(every: str, first: date, last: date) -> list[Period]:
    """The periods of a recurrence from the one containing ``first`` to the one containing ``last``."""
    if every == "once":
        return [Period("once", ONCE)]
    periods = []
    period = period_for(every, first)
    end = period_for(every, last)
    while period.start <= end.start:  # type: ignore[operator]
        periods.append(period)
        period = period.shift(1)
    return periods


def finer_or_same(every: str, than: str) -> bool:
    """Whether periods of ``every`` fit inside periods of ``than`` (a month inside a quarter, a year inside a year)."""
    order = ("month", "quarter", "half", "year")
    return every in order and than in order and order.index(every) <= order.index(than)
