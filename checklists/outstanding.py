"""What is outstanding: every (checklist, item, period, subject) that concerns a date.

Pure: the caller passes the library, the roster's people and branch names
and the stored states, so the same computation serves `status`, the TUI and
replays of past dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from .clock import day_start_utc
from .collation import Key, name_key, person_key
from .due import days_overdue, due_date
from .model import ORG, Checklist, Item, subject_label
from .periods import ONCE, Period, finer_or_same, parse_period, period_for, periods_between
from .progress import apply_event
from .records import Event, State, StateKey, key_of
from .roster import Person
from .terms import BranchTerm, term_instance


@dataclass(frozen=True)
class Row:
    checklist: Checklist
    item: Item
    period: Period
    subject: str
    state: str
    count: int
    due: date | None
    days_overdue: int
    note: str = ""
    account: str = ""
    updated: str = ""
    dept: str = ""
    branch: str = ""
    # Ledger rows only: who owes the row, what it is, and where it stands.
    owner: str = ""
    label: str = ""
    stage: str = ""
    # From a period before the current one, and still open (the default view carries these).
    carried: bool = False
    # Open, and due within the next few days (the 即将到期 window).
    soon: bool = False

    @property
    def open(self) -> bool:
        return self.state == "open"

    @property
    def title(self) -> str:
        """The item, or for a ledger row the row itself (e.g. "调研课题 #3 营商环境")."""
        if self.item.kind != "ledger":
            return self.item.title
        return " ".join(part for part in (self.item.title, self.subject, self.label) if part)


def item_period(item: Item, today: date, key: str | None = None) -> Period:
    """The item's period for a requested key, or its current one.

    A key of another recurrence selects the item's period that contains the
    key's last day (or today, if that is earlier): asking for "2023" shows a
    monthly meeting's December 2023.
    """
    if key is None:
        return period_for(item.every, today)
    wanted = parse_period(key)
    if wanted.every == item.every:
        return wanted
    if item.every == "once" or wanted.start is None or wanted.end is None:
        return period_for(item.every, today)
    return period_for(item.every, min(wanted.end, max(today, wanted.start)))


def subjects(checklist: Checklist, people: Sequence[Person], branches: Sequence[str]) -> list[tuple[str, str, str]]:
    """(subject, dept, branch) for each instance of a checklist."""
    if checklist.scope == "org":
        return [(ORG, "", "")]
    if checklist.scope == "branch":
        return [(b, "", b) for b in branches]
    wanted = set(checklist.roles)
    return [(p.name, p.dept, p.branch) for p in people if wanted & set(p.roles)]


def replay(events: Iterable[Event], targets: dict[str, int], until: date) -> dict[StateKey, State]:
    """States as they were at the end of local day ``until``, rebuilt from events (stored in UTC).

    Each carries its identity (checklist, item, period, subject) as the
    store's states do: a ledger row is named by its subject ("#3").
    """
    end = "9" if until >= date.max - timedelta(days=1) else day_start_utc(until + timedelta(days=1))  # "9": after every time
    states: dict[StateKey, State] = {}
    for event in sorted(events, key=lambda e: (e["time"], e.get("seq", 0))):
        if event["time"] >= end:
            break
        key = key_of(event)
        state = apply_event(states.get(key), event, targets.get(f"{event['checklist']}/{event['item']}", 1))
        state.update(checklist=key.checklist, item=key.item, period=key.period, subject=key.subject,
                     account=event["account"], updated=event["time"])
        states[key] = state  # type: ignore[assignment]  # the same fields, built as a plain dict
    return states


def view_periods(item: Item, today: date, period_key: str | None = None, since: date | None = None) -> list[Period]:
    """The item's periods an answer covers, oldest first.

    With no key: every period from the one holding ``since`` to the current
    one (the current one last), since what is not done stays outstanding
    whatever period it belongs to. With a key: every period of the item
    inside it (a year holds twelve months of a monthly meeting, of which those
    begun by today; all of them when the year lies ahead), or the item's one
    period that holds it.
    """
    if period_key is None:
        if item.every == "once":
            return [Period("once", ONCE)]
        return periods_between(item.every, since if since and since < today else today, today)
    wanted = parse_period(period_key)
    if wanted.every == "once" or item.every == "once":
        return [Period("once", ONCE)] if item.every == "once" else []
    if item.every == wanted.every:
        return [wanted]
    assert wanted.start is not None and wanted.end is not None
    if finer_or_same(item.every, wanted.every):
        last = today if wanted.start <= today < wanted.end else wanted.end
        return periods_between(item.every, wanted.start, last)
    return [period_for(item.every, wanted.start)]


_YEAR_IN_ID = re.compile(r"-(\d{4})$")
_YEAR_IN_TITLE = re.compile(r"(\d{4})年")


def named_year(checklist: Checklist) -> int | None:
    """The year a one-off checklist is named for (zhuti-jiaoyu-2023, "2023年主题教育"), if any.

    Such a campaign belongs to its year whatever its deadlines (2023's ran to
    January 2024), so a year's view and that year's report read it whole.
    """
    if checklist.every != "once":
        return None
    found = _YEAR_IN_ID.search(checklist.id) or _YEAR_IN_TITLE.search(checklist.title)
    return int(found.group(1)) if found else None


def _once_in_view(checklist: Checklist, due: date | None, wanted: Period) -> bool:
    """Whether a one-off item falls in a (non-once) period asked for: its named year's, else by its deadline."""
    year = named_year(checklist)
    if year is not None and wanted.every == "year":
        return wanted.start is not None and wanted.start.year == year
    return due is None or wanted.contains(due)


def _before_start(checklist: Checklist, since: date | None) -> bool:
    """A one-off checklist named for a year before the org's start (zhuti-jiaoyu-2023 in a database begun in
    2024) is no obligation of the org's, whatever its deadlines: it ran before the records did."""
    year = named_year(checklist)
    return year is not None and since is not None and year < since.year


def out_of_view(checklist: Checklist, period_key: str | None, since: date | None, past_once: bool = False) -> bool:
    """Whether a one-off checklist named for a year is another year's business than the view's.

    In the default view, one named for a year before the org's start; in a
    year's view, one named for another year. Progress leaves such a
    checklist out rather than show it at 0/0 in every later year.
    """
    if period_key is None:
        return not past_once and _before_start(checklist, since)
    year = named_year(checklist)
    wanted = parse_period(period_key)
    return year is not None and wanted.every == "year" and wanted.start is not None and wanted.start.year != year


def _obligation(due: date | None, period: Period, since: date | None) -> bool:
    """Instances due before the org's start date are not its obligations (a new database is not born overdue)."""
    if since is None:
        return True
    if due is not None:
        return due >= since
    return period.end is None or period.end >= since


def compute(
    checklists: Iterable[Checklist],
    people: Sequence[Person],
    branches: Sequence[str],
    states: Mapping[StateKey, State],
    today: date,
    period_key: str | None = None,
    *,
    since: date | None = None,
    soon_days: int = 14,
    past_once: bool = False,
    terms: Mapping[str, BranchTerm] | None = None,
) -> list[Row]:
    """Every instance row the view covers (see view_periods).

    In the default view (no ``period_key``) earlier periods contribute only
    what is still open, marked ``carried``. One-off checklists due before
    ``since``, or named for a year before it, show only with ``past_once`` or
    when their period is asked for; a year asked for shows only its own.
    """
    rows: list[Row] = []
    checklists = list(checklists)
    ledgers = _ledger_index(checklists, states)
    window = _Window(today, soon_days)
    wanted = parse_period(period_key) if period_key else None
    for checklist in checklists:
        if checklist.term_years:
            rows += _term_rows(checklist, branches, terms or {}, states, today, wanted, since, window)
            continue
        if wanted is None and out_of_view(checklist, None, since, past_once):
            continue
        instances = subjects(checklist, people, branches)
        for item in checklist.items:
            periods = view_periods(item, today, period_key, since)
            # A one-off ledger in a year's view: its rows follow the rule its other items follow.
            in_year = wanted if item.every == "once" and wanted is not None and wanted.every != "once" else None
            for period in periods:
                carried = period_key is None and period is not periods[-1]
                if item.kind == "ledger":
                    found = ledgers.get((checklist.id, item.id, period.key), [])
                    rows += [window.mark(r, carried) for r in ledger_rows(checklist, item, period, found, today)
                             if (not carried or r.open)
                             and (in_year is None or _once_in_view(checklist, r.due, in_year))]
                    if item.min_rows:
                        register = registered(checklist, item, period, len(found), today)
                        if in_year is not None and not _once_in_view(checklist, register.due, in_year):
                            continue
                        if _obligation(register.due, period, since) and (not carried or register.open):
                            rows.append(window.mark(register, carried))
                    continue
                due = due_date(item.due, period)
                if item.every == "once":
                    if wanted is not None and wanted.every != "once" and not _once_in_view(checklist, due, wanted):
                        continue
                    if wanted is None and not past_once and not _obligation(due, period, since):
                        continue
                elif period_key is None and not _obligation(due, period, since):
                    continue
                for subject, dept, branch in instances:
                    st = states.get(StateKey(checklist.id, item.id, period.key, subject)) or {}
                    state = st.get("state", "open")
                    if carried and state != "open":
                        continue
                    late = days_overdue(due, today) if state == "open" else 0
                    rows.append(Row(checklist, item, period, subject, state, st.get("count", 0), due, late,
                                    st.get("note", ""), st.get("account", ""), st.get("updated", ""), dept, branch,
                                    carried=carried, soon=window.soon(due, state)))
    return rows


def _term_rows(checklist: Checklist, branches: Sequence[str], terms: Mapping[str, BranchTerm],
               states: Mapping[StateKey, State], today: date, wanted: Period | None, since: date | None,
               window: _Window) -> list[Row]:
    """A term checklist's rows: one instance per branch whose term ends in view (see checklists.terms).

    The default view shows it from its notice date on, and keeps it while
    open; a period asked for shows the terms that end in it. A branch whose
    election date is not recorded has no instance yet.
    """
    rows = []
    for branch in branches:
        term = terms.get(branch)
        if term is None:
            continue
        instance = term_instance(checklist, branch, term)
        if wanted is not None:
            if not wanted.contains(instance.ends) and wanted.every != "once":
                continue
        elif today < instance.notice_from or (since is not None and instance.ends < since):
            continue
        carried = wanted is None and instance.period.key < str(today.year)
        for item in checklist.items:
            st = states.get(StateKey(checklist.id, item.id, instance.period.key, branch)) or {}
            state = st.get("state", "open")
            if carried and state != "open":
                continue
            late = days_overdue(instance.ends, today) if state == "open" else 0
            rows.append(Row(checklist, item, instance.period, branch, state, st.get("count", 0), instance.ends, late,
                            st.get("note", ""), st.get("account", ""), st.get("updated", ""), "", branch,
                            label=f"届满 {instance.ends.isoformat()}", carried=carried,
                            soon=window.soon(instance.ends, state)))
    return rows


@dataclass(frozen=True)
class _Window:
    """The 即将到期 window: open instances due within ``days`` days of ``today``."""

    today: date
    days: int

    def soon(self, due: date | None, state: str) -> bool:
        return state == "open" and due is not None and 0 <= (due - self.today).days <= self.days

    def mark(self, row: Row, carried: bool) -> Row:
        soon = self.soon(row.due, row.state)
        return replace(row, carried=carried, soon=soon) if carried or soon else row


def registered(checklist: Checklist, item: Item, period: Period, count: int, today: date) -> Row:
    """A ledger that must hold ``min_rows`` rows in a period (12 调研课题) is open until it does."""
    due = due_date(item.due, period)
    state = "done" if count >= item.min_rows else "open"
    return Row(checklist, item, period, "", state, count, due, days_overdue(due, today) if state == "open" else 0,
               label=f"已登记 {count}/{item.min_rows}{item.unit}")


def _ledger_index(checklists: Iterable[Checklist],
                  states: Mapping[StateKey, State]) -> dict[tuple[str, str, str], list[State]]:
    """Each ledger's rows, by (checklist, item, period); a row whose adding was undone has no cells."""
    ledgers = {(c.id, i.id) for c in checklists for i in c.items if i.kind == "ledger"}
    index: dict[tuple[str, str, str], list[State]] = {}
    for key, state in states.items():
        if (key.checklist, key.item) in ledgers and state.get("fields"):
            index.setdefault((key.checklist, key.item, key.period), []).append(state)
    return index


def ledger_rows(checklist: Checklist, item: Item, period: Period, states: Sequence[Mapping[str, Any]],
                today: date) -> list[Row]:
    """One Row per ledger row; its deadline column is its due date and its owner column who owes it.

    Runs for every row of every ledger on each screen load, so the per-row
    work is kept to dictionary lookups.
    """
    dept = next((c.id for c in item.columns if c.type == "dept"), None)
    label = next((c.id for c in item.columns if c.type == "text"), None)
    stages = item.stages
    rows = []
    for st in sorted(states, key=lambda s: int(s["subject"][1:])):
        fields = st["fields"]
        due = row_due(item, st)
        state = st.get("state", "open")
        stage = stages[min(st.get("stage", 0), len(stages) - 1)] if stages else ""
        rows.append(Row(checklist, item, period, st["subject"], state, 0, due,
                        days_overdue(due, today) if state == "open" else 0, st.get("note", ""),
                        st.get("account", ""), st.get("updated", ""), fields.get(dept, "") if dept else "", "",
                        fields.get(item.owner, "") if item.owner else "", fields.get(label, "") if label else "", stage))
    return rows


def row_due(item: Item, state: Mapping[str, Any]) -> date | None:
    """A ledger row's deadline: the value of its item's deadline column (stored as an ISO date)."""
    deadline = state["fields"].get(item.deadline, "") if item.deadline else ""
    return date.fromisoformat(deadline) if deadline else None


def row_overdue(item: Item, state: Mapping[str, Any], today: date) -> int:
    """Days a ledger row is past its deadline; 0 once closed. Cheap enough to run over every row."""
    return days_overdue(row_due(item, state), today) if state.get("state", "open") == "open" else 0


def subject_key(row: Row) -> Key:
    """Where a row's subject comes in reading order: a person's name read as one, a branch's by pinyin and number,
    a ledger row by its number, the org as the 党组 it reads as."""
    if row.checklist.scope == "person" and row.item.kind != "ledger":
        return person_key(row.subject)
    return name_key(subject_label(row.subject))


def sort_outstanding(rows: Iterable[Row]) -> list[Row]:
    """Overdue first (most late first), then by due date, then checklist order, then subjects in reading order."""
    return sorted(rows, key=lambda r: (-r.days_overdue, r.due or date.max, r.checklist.id, subject_key(r)))
