"""The statutory days off around each festival, and the working days before them.

Reminders must go out before people leave, so a holiday deadline counts from
the first day of the block of days off that the State Council's yearly notice
(国务院办公厅关于某年部分节假日安排的通知) puts around a festival, not from the
festival itself: in 2024 端午 fell on 06-10 but the days off began on 06-08.

The notices come from the ``holidays`` package. Importing it and building a
year's calendar costs more than the rest of a `status` run, so the facts are
extracted once into :class:`Notices` (plain dates, cached with the library by
:mod:`checklists.loader`) and everything else here is pure date arithmetic.

A year is *known* when the package carries its notice. The package computes
holidays for any year from standing rules, so the only sign that a notice was
transcribed is the year's entry in its table of special days
(``special_public_holidays``): every notice since 2001 moved at least one
working day onto a weekend, and those moves live in that table. For a year
without an entry (the notice is usually published in November of the year
before) the festival day itself is taken as the first day off; an org can
type in the real dates in ``holidays.toml`` (:mod:`checklists.holiday_file`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from .festivals import holiday_date

# Where the dates of a block of days off came from.
NOTICE = "notice"  # the State Council's notice, as the holidays package carries it
OVERRIDE = "override"  # the org's holidays.toml
FESTIVAL = "festival"  # no notice known: the festival day itself
# The years the package is asked about: it has no notices before 2001, and its
# lunisolar calendar ends in 2099.
FIRST_NOTICE_YEAR, LAST_YEAR = 2001, 2099
# A block of days off never spans more than this; a longer run of days off
# means a notice is missing, not a holiday.
MAX_BLOCK_DAYS = 31


@dataclass(frozen=True)
class Override:
    """One festival's days off as an org typed them, with the make-up working days."""

    start: date
    end: date
    workdays: tuple[date, ...] = ()


@dataclass(frozen=True)
class Notices:
    """What the State Council's notices say for a span of years, as plain dates.

    ``rest``: every statutory day off (holidays and 调休 rest days) of the known
    years; ``workdays``: the weekend days made working days (调休上班).
    """

    first: int
    last: int
    known: frozenset[int] = frozenset()
    rest: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()

    def covers(self, year: int) -> bool:
        return self.first <= year <= self.last


@dataclass(frozen=True)
class DaysOff:
    """The block of days off around ``festival`` in ``year`` and where its dates come from."""

    festival: str
    year: int
    start: date
    end: date
    source: str


@lru_cache(maxsize=8)
def read_notices(first: int, last: int) -> Notices:
    """Extract the notices of ``first``..``last`` from the holidays package (slow: imports it).

    Kept per process: the installed package does not change while it runs.
    """
    lo, hi = max(first, FIRST_NOTICE_YEAR), min(last, LAST_YEAR)
    if lo > hi:
        return Notices(first, last)
    import holidays

    # A year's make-up working days and rest days can sit in the next or the
    # previous year (元旦), so the package is asked about one year more each side.
    china = holidays.country_holidays("CN", years=range(lo - 1, hi + 2))
    special = getattr(china, "special_public_holidays", {}) or {}
    known = frozenset(year for year in special if lo <= year <= hi)
    rest = frozenset(day for day in china if day.year in known)
    workdays = frozenset(day for day in china.weekend_workdays if lo - 1 <= day.year <= hi + 1)
    return Notices(first, last, known, rest, workdays)


@dataclass
class Calendar:
    """Notices and an org's overrides together; answers which days are off.

    ``notices`` grows on demand (importing the package) when asked about a year
    it does not cover; a calendar restored from the library cache covers the
    years around now, so the usual run never imports the package.
    """

    notices: Notices | None = None
    overrides: Mapping[tuple[str, int], Override] = field(default_factory=dict)

    def _notices_for(self, year: int) -> Notices:
        notices = self.notices
        if notices is None or not notices.covers(year):
            first = year if notices is None else min(notices.first, year)
            last = year if notices is None else max(notices.last, year)
            notices = self.notices = read_notices(first - 1, last + 1)
        return notices

    def is_off(self, day: date) -> bool:
        overrides = self.overrides.values()
        if any(o.start <= day <= o.end for o in overrides):
            return True
        if any(day in o.workdays for o in overrides):
            return False
        notices = self._notices_for(day.year)
        if day.year in notices.known and day in notices.rest:
            return True
        return day.weekday() >= 5 and day not in notices.workdays

    def days_off(self, festival: str, year: int) -> DaysOff:
        """The block of days off that holds ``festival`` in ``year``."""
        override = self.overrides.get((festival, year))
        if override is not None:
            return DaysOff(festival, year, override.start, override.end, OVERRIDE)
        anchor = holiday_date(festival, year)
        if year not in self._notices_for(year).known or not self.is_off(anchor):
            return DaysOff(festival, year, anchor, anchor, FESTIVAL)
        start = end = anchor
        while self.is_off(start - timedelta(days=1)) and (anchor - start).days < MAX_BLOCK_DAYS:
            start -= timedelta(days=1)
        while self.is_off(end + timedelta(days=1)) and (end - anchor).days < MAX_BLOCK_DAYS:
            end += timedelta(days=1)
        return DaysOff(festival, year, start, end, NOTICE)

    def working_day_before(self, day: date, skip: int = 0) -> date:
        """The last working day before ``day``, or ``skip`` working days before that one."""
        found = day
        for _ in range(skip + 1):
            found -= timedelta(days=1)
            while self.is_off(found):
                found -= timedelta(days=1)
        return found


# The calendar of this process: the loader installs the library's overrides
# (and, from its cache, the notices); until then it is the package alone.
_current = Calendar()


def install(overrides: Mapping[tuple[str, int], Override], notices: Notices | None = None) -> None:
    global _current
    _current = Calendar(notices, dict(overrides))


def current() -> Calendar:
    return _current
