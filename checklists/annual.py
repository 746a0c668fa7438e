"""A year's records as the annual report and the inspection workbook read them.

One query for the year (every instance, done or not), the year's own one-off
checklists added (a 2023 campaign due in January 2024), and what counts as an
issue at year end. The figures counted from it are in checklists.figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .errors import Refusal
from .model import Checklist, Item
from .outstanding import Row, named_year, subject_key
from .query import Filter, answer
from .records import State, StateKey
from .roster import Roster


def check_year(text: str | int) -> int:
    """A year typed for an export or a report: four digits, from 1900 (the periods' own range)."""
    value = str(text).strip()
    if not (len(value) == 4 and value.isdigit() and value >= "1900"):
        raise Refusal("year-format", value=value)
    return int(value)


def year_filter(year: int, *, person: str | None = None, branch: str | None = None) -> Filter:
    """Every instance of the year, done or not: each month of a monthly item, each quarter of a quarterly one."""
    return Filter(period=str(year), person=person, branch=branch, include_closed=True)


@dataclass
class Year:
    """One year's instances (done or not) and their stored states, as the report and the workbook read them."""

    year: int
    day: date  # today: what is overdue, and which periods of a year in progress have begun
    checklists: Sequence[Checklist]
    roster: Roster
    states: Mapping[StateKey, State]
    rows: list[Row]
    _index: dict[tuple[str, str], list[Row]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            self._index.setdefault((row.checklist.id, row.item.id), []).append(row)

    @property
    def cutoff(self) -> date:
        """Year end, or today while the year runs: what was due by then and is not done is an issue."""
        return min(date(self.year, 12, 31), self.day)

    @property
    def ended(self) -> bool:
        return self.day > date(self.year, 12, 31)

    def find(self, checklist_id: str, item_id: str) -> tuple[Checklist, Item] | None:
        checklist = next((c for c in self.checklists if c.id == checklist_id), None)
        item = checklist.item(item_id) if checklist else None
        return (checklist, item) if checklist and item else None

    def checklist_starting(self, prefix: str) -> Checklist | None:
        """The year's own checklist, such as zhuti-jiaoyu-2023 for a campaign of that year."""
        return next((c for c in self.checklists if c.id.startswith(prefix)), None)

    def instances(self, checklist_id: str, item_id: str) -> list[Row]:
        return self._index.get((checklist_id, item_id), [])

    def state(self, row: Row) -> State:
        return self.states.get(StateKey(row.checklist.id, row.item.id, row.period.key, row.subject)) or {}

    def dates(self, row: Row) -> list[str]:
        """A count row's occurrence dates that belong to this year (a one-off period spans years)."""
        dates = self.state(row).get("dates", [])
        if row.period.start is None:
            return [d for d in dates if d.startswith(f"{self.year}-")]
        return list(dates)


def named_for(checklist: Checklist, year: int) -> bool:
    """A one-off checklist of this year's own (zhuti-jiaoyu-2023, "2023年主题教育"), whatever its deadline."""
    return named_year(checklist) == year


def read_year(checklists: Sequence[Checklist], roster: Roster, states: Mapping[StateKey, State], day: date,
              year: int, flt: Filter | None = None) -> Year:
    """The year's instances through the same query `status --period YEAR --all` uses, so the two agree.

    That query reads the year's own one-off checklists whole (see named_year),
    as `status --period once` reads them.
    """
    rows = answer(checklists, roster, states, day, flt or year_filter(year)).rows
    return Year(year, day, checklists, roster, states, rows)


def issues(year: Year, person: str | None = None) -> list[Row]:
    """What was due by year end (today, while the year runs) and is still not done: candidates for 存在问题.

    A row with no deadline (a ledger row without one) counts once the year is
    over; a one-off step with none (发展党员's) is no year's failing. Overdue first.
    """
    found = []
    for row in year.rows:
        if not row.open:
            continue
        if person is not None and row.subject != person and row.owner != person:
            continue
        if row.due is None and not (year.ended and row.period.start is not None):
            continue
        if row.due is not None and row.due > year.cutoff:
            continue
        found.append(row)
    return sorted(found, key=lambda r: (-r.days_overdue, r.checklist.id, r.item.id, r.period.key, subject_key(r)))
