"""How far what people type may reach: dates, periods, deadlines and lengths that no record could need.

A slip of the keyboard (1900 for 2000, 2099 for 2024, a name pasted with
the paragraph after it) is otherwise stored and then costs every reader:
an org "since 1900" owes 125 years of monthly meetings, a deadline in 1999
shows as ten thousand days overdue, a 40,000-character name breaks every
table it is in. Each bound is wide enough for any real record and is
refused with a code and the values involved (worded in tui.errors), by the
store for every surface, and by the command line where it parses a flag.
"""

from __future__ import annotations

from datetime import date

from .clock import parse_date
from .errors import DateError, Refusal
from .periods import Period

EARLIEST = date(2000, 1, 1)  # no org keeps these records from before
DEADLINE_YEARS = 10  # a ledger row's deadline lies within this many years of its period
TEXT_LIMIT = 2000  # notes, reasons, evidence, ledger cells: a long paragraph, not a pasted document
LIMITS = {"name": 20, "reviewer": 20, "branch": 40, "dept": 40}  # one line in a table; ID names are short


def years_from(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest(today: date) -> date:
    """The furthest day ahead anything may be dated or planned: a year from today."""
    return years_from(today, 1)


def check_day(day: date, today: date, field: str) -> date:
    """``day`` typed for ``field``, refused before 2000 or more than a year ahead of ``today``."""
    if day < EARLIEST:
        raise DateError("date-too-early", field=field, value=day.isoformat(), earliest=EARLIEST.isoformat())
    if day > latest(today):
        raise DateError("date-too-late", field=field, value=day.isoformat(), latest=latest(today).isoformat())
    return day


def typed_day(text: str | None, field: str, today: date) -> date:
    """A date typed for ``field`` (a flag, a box): given, readable and within the bounds.

    An empty value is refused rather than read as "today": ``--date ''``
    from a script whose variable was unset would otherwise record the wrong day.
    """
    if text is None or not text.strip():
        raise DateError("date-empty", field=field)
    return check_day(parse_date(text, field), today, field)


def check_period_range(period: Period, today: date) -> Period:
    """A period refused when it begins before 2000 or more than a year ahead of ``today``."""
    if period.start is not None and not EARLIEST <= period.start <= latest(today):
        raise DateError("period-out-of-range", key=period.key, earliest=EARLIEST.year,
                        latest=latest(today).isoformat())
    return period


def typed_since(text: str | None, field: str, today: date) -> date:
    """The org's start date as typed: any day after today is refused as not yet come, however far ahead."""
    if text is None or not text.strip():
        raise DateError("date-empty", field=field)
    day = parse_date(text, field)
    if day > today:
        raise DateError("since-future", value=day.isoformat(), today=today.isoformat())
    return check_day(day, today, field)


def check_year_range(year: int, today: date) -> int:
    """A year asked for (an export, a report): the years whose periods may hold records, 2000 to a year ahead."""
    if not EARLIEST.year <= year <= latest(today).year:
        raise DateError("year-out-of-range", value=year, earliest=EARLIEST.year, latest=latest(today).year)
    return year


def check_since(day: date, today: date) -> date:
    """The org's start date: a day that has come, from 2000 on (what it owes starts there)."""
    if day > today:
        raise DateError("since-future", value=day.isoformat(), today=today.isoformat())
    return check_day(day, today, "since")


def check_deadline(day: date, period: Period, column: str) -> date:
    """A ledger row's deadline within ten years of its period (either side), or anywhere after 2000 for a one-off."""
    if period.start is None or period.end is None:
        low, high = EARLIEST, date.max
    else:
        low, high = years_from(period.start, -DEADLINE_YEARS), years_from(period.end, DEADLINE_YEARS)
    if not max(low, EARLIEST) <= day <= high:
        raise Refusal("deadline-far", column=column, value=day.isoformat(), period=period.key,
                      years=DEADLINE_YEARS)
    return day


def limit_of(field: str) -> int:
    return LIMITS.get(field, TEXT_LIMIT)


def length_refusal(field: str, value: str, **where: object) -> Refusal | None:
    """The refusal of ``value`` for ``field`` when it is longer than the field holds, else None."""
    limit = limit_of(field)
    if len(value) <= limit:
        return None
    return Refusal("text-too-long", field=field, length=len(value), limit=limit, **where)


def check_length(field: str, value: str) -> None:
    refusal = length_refusal(field, value)
    if refusal is not None:
        raise refusal
