"""One answer to "what is outstanding, for whom, and how far along is each checklist".

`status`, the dashboard's 我的待办 and progress table, the checklist screens and
the exports all ask this module, so they cannot disagree: a filter means the
same thing on every surface, and so does a progress figure.
Pure: the caller reads the states (see ``wanted_periods``) and the roster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .collation import Key, name_key, person_key
from .errors import Refusal
from .model import ROLES, Checklist
from .outstanding import Row, compute, out_of_view, sort_outstanding, subject_key, view_periods
from .periods import finer_or_same, parse_period
from .records import State, StateKey
from .roster import Roster


@dataclass(frozen=True)
class Filter:
    """Which rows to answer for. ``person`` is a roster name (the caller resolves "mine" to it)."""

    period: str | None = None
    person: str | None = None
    branch: str | None = None
    role: str | None = None
    dept: str | None = None
    overdue: bool = False
    include_closed: bool = False  # done and not-applicable rows as well as open ones
    since: date | None = None  # the org's start: nothing due before it is outstanding
    soon_days: int = 14  # open rows due within this many days are marked 即将到期
    past_once: bool = False  # one-off checklists due before ``since`` too (asked for by name)

    @property
    def narrows_subjects(self) -> bool:
        return any(v is not None for v in (self.person, self.branch, self.role, self.dept))


@dataclass(frozen=True)
class Progress:
    """How far one checklist is in the period viewed: instances done out of those due, not-applicable ones set aside.

    ``carried`` counts what is still open from earlier periods (the default
    view only); ``overdue`` counts both those and the period's own.
    """

    checklist: Checklist
    done: int = 0
    total: int = 0
    na: int = 0
    overdue: int = 0
    next_due: date | None = None
    carried: int = 0


@dataclass
class Answer:
    rows: list[Row]  # every instance in scope, whatever its state: what progress counts
    shown: list[Row]  # the rows to list: open (or all), overdue first
    progress: list[Progress] = field(default_factory=list)


def check_filter(flt: Filter, roster: Roster) -> None:
    """Refuse a filter that names nobody, so a typo never reads as "nothing outstanding"."""
    if flt.period is not None:
        parse_period(flt.period)
    if flt.person is not None and roster.person(flt.person) is None:
        raise Refusal("person-unknown", name=flt.person)
    if flt.branch is not None and flt.branch not in roster.branches:
        raise Refusal("branch-unknown", name=flt.branch, known=tuple(roster.branches))
    if flt.role is not None and flt.role not in ROLES:
        raise Refusal("role-unknown", name=flt.role, known=ROLES)
    if flt.dept is not None and flt.dept not in roster.depts(include_removed=True):
        raise Refusal("dept-unknown", name=flt.dept, known=tuple(roster.depts()))


def wanted_periods(checklists: Iterable[Checklist], day: date, flt: Filter) -> set[tuple[str, str]]:
    """(checklist id, period key) pairs whose states an answer needs: what to read from the store."""
    wanted = {(c.id, p.key) for c in checklists for i in c.items for p in view_periods(i, day, flt.period, flt.since)}
    first = (flt.since or day).year
    for c in checklists:
        if c.term_years:  # a term may end in a year ahead, and is shown from months before it
            wanted |= {(c.id, str(year)) for year in range(min(first, day.year), day.year + 3)}
    return wanted


def _in_scope(row: Row, flt: Filter, roster: Roster) -> bool:
    personal = row.checklist.scope == "person"
    if flt.person is not None and not (personal and row.subject == flt.person or row.owner == flt.person):
        return False
    if flt.branch is not None and row.branch != flt.branch:
        return False
    if flt.role is not None:
        holder = roster.person(row.subject) if personal else None
        if holder is None or flt.role not in holder.roles:
            return False
    return flt.dept is None or row.dept == flt.dept


def progress(checklists: Sequence[Checklist], rows: Iterable[Row]) -> list[Progress]:
    """One Progress per checklist, in the order given; a checklist with nobody in scope reads 0/0."""
    tally: dict[str, dict] = {c.id: {"done": 0, "total": 0, "na": 0, "overdue": 0, "next_due": None, "carried": 0}
                              for c in checklists}
    for r in rows:
        t = tally.get(r.checklist.id)
        if t is None:
            continue
        if r.carried:
            t["carried"] += 1
            t["overdue"] += r.days_overdue > 0
            if r.due and (t["next_due"] is None or r.due < t["next_due"]):
                t["next_due"] = r.due
            continue
        if r.state == "na":
            t["na"] += 1
            continue
        t["total"] += 1
        t["done"] += r.state == "done"
        t["overdue"] += r.days_overdue > 0
        if r.open and r.due and (t["next_due"] is None or r.due < t["next_due"]):
            t["next_due"] = r.due
    return [Progress(c, **tally[c.id]) for c in checklists]


def answer(checklists: Sequence[Checklist], roster: Roster, states: Mapping[StateKey, State], day: date,
           flt: Filter = Filter()) -> Answer:
    """Rows in scope, the rows to list, and each checklist's progress."""
    rows = compute(checklists, roster.active(), roster.branches, states, day, flt.period, since=flt.since,
                   soon_days=flt.soon_days, past_once=flt.past_once, terms=roster.terms)
    return select(checklists, rows, roster, flt)


def select(checklists: Sequence[Checklist], rows: list[Row], roster: Roster, flt: Filter) -> Answer:
    """The answer from rows already computed for ``flt.period``: a screen computes once and asks several times.

    With a filter that narrows the subjects (a person, a branch, a role or a
    department), progress lists only the checklists that concern them. A
    year's view leaves out another year's one-off checklist with nothing in
    it; the default view lists every checklist (at 0/0 when nothing is due,
    as one begun before the org's start), so each can still be opened.
    """
    if flt.narrows_subjects:
        rows = [r for r in rows if _in_scope(r, flt, roster)]
    shown = [r for r in rows if flt.include_closed or r.open]
    if flt.overdue:
        shown = [r for r in shown if r.days_overdue > 0]
    present = {r.checklist.id for r in rows}
    concerned = checklists
    if flt.narrows_subjects:
        concerned = [c for c in checklists if c.id in present]
    elif flt.period is not None:  # a year's view: another year's one-off checklist is not its business
        concerned = [c for c in checklists if c.id in present or not out_of_view(c, flt.period, flt.since)]
    return Answer(rows, sort_outstanding(shown), progress(concerned, rows))


def person_of(row: Row) -> str:
    """Whom a row concerns: a ledger row's owner, else its subject; "" for a ledger line nobody owns yet."""
    return row.owner or row.subject


def _person_order(row: Row) -> Key:
    """A ledger row by its owner's name; anything else by its subject (a person, a branch or the 党组)."""
    return person_key(row.owner) if row.owner else subject_key(row)


# How `status --by` groups: the group's name, and where the group comes in reading order.
GROUPS: dict[str, tuple[Callable[[Row], str], Callable[[Row], Key]]] = {
    "person": (person_of, _person_order),
    "branch": (lambda r: r.branch, lambda r: name_key(r.branch)),
    "dept": (lambda r: r.dept, lambda r: name_key(r.dept)),
}


def grouped(rows: Iterable[Row], by: str) -> list[Row]:
    """Rows grouped by whom they concern ("person"), their branch or their department: the most overdue group
    first, and the most overdue first in each; groups equally late in reading order, rows with none last.

    Staff chase people in this order, so it follows the same rule as every
    other list: overdue first.
    """
    group, key = GROUPS[by]
    rows = list(rows)
    worst: dict[str, int] = {}
    for r in rows:
        worst[group(r)] = max(worst.get(group(r), 0), r.days_overdue)
    return sorted(rows, key=lambda r: (-worst[group(r)], group(r) == "", key(r), -r.days_overdue))



@dataclass(frozen=True)
class Rollup:
    """One item for one subject across the sub-periods of a longer period (a monthly meeting over a year)."""

    rows: tuple[Row, ...]  # one per sub-period begun, oldest first

    @property
    def first(self) -> Row:
        return self.rows[0]

    @property
    def done(self) -> int:
        return sum(r.state == "done" for r in self.rows)

    @property
    def total(self) -> int:
        """Sub-periods that count: not-applicable ones are set aside, as in progress."""
        return sum(r.state != "na" for r in self.rows)

    @property
    def missing(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.open)

    @property
    def overdue(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.days_overdue > 0)


def rollups(rows: Iterable[Row], period_key: str | None) -> tuple[list[Rollup], list[Row]]:
    """Rows of items that recur within the period asked for, rolled up per (item, subject); and the rest.

    ``status --period 2025`` shows "支委会会议 第一党支部 10/12" with the
    missing months named, instead of twelve lines per branch.
    """
    if period_key is None:
        return [], list(rows)
    every = parse_period(period_key).every
    groups: dict[tuple[str, str, str], list[Row]] = {}
    rest: list[Row] = []
    for r in rows:
        if r.item.every != every and r.item.kind != "ledger" and finer_or_same(r.item.every, every):
            groups.setdefault((r.checklist.id, r.item.id, r.subject), []).append(r)
        else:
            rest.append(r)
    rolled = [Rollup(tuple(sorted(group, key=lambda r: r.period.key))) for group in groups.values()]
    rolled.sort(key=lambda u: (-len(u.overdue), -len(u.missing), u.first.checklist.id, subject_key(u.first)))
    return rolled, rest
