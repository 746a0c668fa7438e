"""Due dates of items within a period, and how late an open item is."""

from __future__ import annotations

from calendar import isleap
from dataclasses import dataclass
from datetime import date, timedelta

from .daysoff import Calendar, DaysOff, current
from .model import Checklist, DueRule, Item
from .periods import Period


@dataclass(frozen=True)
class HolidayDue:
    """A holiday item's deadline in one period, with the days off it counts from."""

    item: Item
    days_off: DaysOff
    due: date


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
        return holiday_due(rule, period)[1]
    raise ValueError(f"unknown due rule {rule.rule!r}")


def holiday_due(rule: DueRule, period: Period, calendar: Calendar | None = None) -> tuple[DaysOff, date]:
    """The days off a holiday rule counts from in ``period``, and the deadline.

    The deadline is the last working day before the days off begin (make-up
    working days count, weekends do not), or ``rule.days`` working days before
    that. A reminder belongs to the year in which it must be sent: the 元旦
    reminder for 1 January is sent in late December and belongs to that year.
    """
    calendar = calendar or current()
    assert period.start is not None, "a holiday rule needs a yearly period (checked by the schema)"
    year = period.start.year
    for candidate in (year, year + 1):
        days_off = calendar.days_off(rule.holiday, candidate)
        when = calendar.working_day_before(days_off.start, rule.days)
        if period.contains(when):
            return days_off, when
    days_off = calendar.days_off(rule.holiday, year)
    return days_off, calendar.working_day_before(days_off.start, rule.days)


def holiday_dues(checklist: Checklist, period: Period, calendar: Calendar | None = None) -> list[HolidayDue]:
    """Each holiday item of a yearly checklist with its days off and deadline in ``period``."""
    return [HolidayDue(item, *holiday_due(item.due, period, calendar))
            for item in checklist.items if item.due.rule == "holiday" and item.every == "year"]


def days_overdue(due: date | None, today: date) -> int:
    """Whole days past the due date (0 when not yet due or no deadline)."""
    if due is None or today <= due:
        return 0
    return (today - due).days
