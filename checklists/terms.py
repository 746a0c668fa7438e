"""Terms of office: when a branch committee's term ends, and which instance of a term checklist that is.

A 党支部 committee serves a term (3 years; 5 for villages and communities)
from the day it was elected, and must hold its 换届 election by the end of
it. So the 支部换届 checklist recurs per branch by its own term, not by the
calendar: its instance for a branch lives in the year the branch's term
ends, falls due that day, and is outstanding from some months before.
"""

from __future__ import annotations

from calendar import isleap
from dataclasses import dataclass
from datetime import date

from .model import Checklist
from .periods import Period, period_for


@dataclass(frozen=True)
class BranchTerm:
    """When a branch's committee was elected, and its term in years when it differs from the checklist's."""

    elected: date
    years: int | None = None


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    year = day.year + years
    if (day.month, day.day) == (2, 29) and not isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    from calendar import monthrange

    return date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class TermInstance:
    """One branch's term-end instance of a term checklist."""

    branch: str
    ends: date  # 届满: the due date
    period: Period  # the year the term ends, where its records are kept
    notice_from: date  # outstanding from this day


def term_instance(checklist: Checklist, branch: str, term: BranchTerm) -> TermInstance:
    ends = add_years(term.elected, term.years or checklist.term_years)
    return TermInstance(branch, ends, period_for("year", ends), add_months(ends, -checklist.notice_months))
