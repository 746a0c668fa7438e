"""Due dates of items within a period, and how late an open item is."""

from __future__ import annotations

from calendar import isleap
from datetime import date, timedelta

from .festivals import holiday_date
from .model import DueRule
from .periods import Period


def due_date(rule: DueRule, period: Period) -> date | None:
    """When an item governed by ``rule`` falls due in ``period``; None if never."""
    if rule.rule == "none":
        return None
    if rule.rule == "date" and len(rule.date) == 10:
        return date.fromisoformat(rule.date)
    if period.start is None or period.end is None:
        return None
    if rule.rule == "end":
        return period.end + timedelta(days=rule.days)
    if rule.rule == "start":
        return period.start + timedelta(days=rule.days)
    if rule.rule == "date":
        month, day = (int(part) for part in rule.date.split("-"))
        year = period.start.year
        if (month, day) == (2, 29) and not isleap(year):
            day = 28  # "by 02-29" means "by the end of February"
        return date(year, month, day)
    if rule.rule == "holiday":
        # A reminder belongs to the year in which it must be sent: the 元旦
        # reminder for 1 January is sent in late December of the year before.
        for year in (period.start.year, period.start.year + 1):
            when = holiday_date(rule.holiday, year) - timedelta(days=rule.days)
            if period.contains(when):
                return when
        return holiday_date(rule.holiday, period.start.year) - timedelta(days=rule.days)
    raise ValueError(f"unknown due rule {rule.rule!r}")


def days_overdue(due: date | None, today: date) -> int:
    """Whole days past the due date (0 when not yet due or no deadline)."""
    if due is None or today <= due:
        return 0
    return (today - due).days
