"""The annual report's figures: every one with the rows it came from.

An inspector who reads "召开党组会议12次" must be able to find those twelve
meetings. So no figure here is a bare number: each carries a Source naming the
checklist, item, periods and subjects it counted, how it counted them, and the
`duty-tui status` command that lists the same rows. A figure the library cannot
give (its checklist or item was removed or renamed locally) is None, and the
report leaves a blank for a person to fill rather than print a zero.

Pure: the caller reads the year's states (``query.wanted_periods`` with
``year_filter``), the roster and, for the few one-off items whose completion
day matters, one entry's events at a time.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .annual import Year
from .clock import local_day
from .model import ORG, Checklist, Item, subject_label
from .outstanding import Row
from .periods import ONCE
from .progress import apply_event
from .records import Event, StateKey

# How many names, dates or rows a source spells out before it says "等N项".
DETAIL_LIMIT = 30


@dataclass(frozen=True)
class Source:
    """What one figure counts, in terms an inspector can look up with `duty-tui status`."""

    checklist: Checklist
    items: tuple[Item, ...]
    periods: tuple[str, ...]
    subjects: tuple[str, ...]
    rule: str  # how the rows were counted
    detail: str = ""  # which rows: dates per period, who has not, row numbers
    person: str = ""  # the one person the figure is about, if any

    @property
    def item(self) -> Item:
        return self.items[0]

    def command(self, year: int) -> str:
        period = ONCE if self.periods and all(p == ONCE for p in self.periods) else str(year)
        words = ["duty-tui", "status", "--period", period, "--checklist", self.checklist.id, "--all"]
        if self.person:
            words += ["--person", shlex.quote(self.person)]
        return " ".join(words)

    def periods_text(self) -> str:
        if not self.periods:
            return "（无）"
        if len(self.periods) > 2:
            return f"{self.periods[0]} 至 {self.periods[-1]}（{len(self.periods)} 期）"
        return "、".join(self.periods)

    def subjects_text(self) -> str:
        return limited([subject_label(s) for s in self.subjects], "个对象") or "（无）"


@dataclass(frozen=True)
class Figure:
    """One figure (``values`` (n,) or (n, m)) and where it came from."""

    values: tuple[int, ...]
    source: Source


@dataclass(frozen=True)
class Fact:
    """Whether a one-line duty ("制定…方案") was done, for the report to state or to leave for checking."""

    state: str  # done | open | na, or absent: nobody in scope had it this year
    source: Source
    reason: str = ""  # why not applicable
    when: str = ""  # ISO UTC time of the last change


def limited(values: Sequence[str], unit: str = "项") -> str:
    shown = "、".join(values[:DETAIL_LIMIT])
    return shown + (f"等{len(values)}{unit}" if len(values) > DETAIL_LIMIT else "")


def _source(rows: Sequence[Row], checklist: Checklist, item: Item, rule: str, detail: str = "",
            person: str = "") -> Source:
    periods = tuple(sorted({r.period.key for r in rows}))
    subjects = tuple(dict.fromkeys(r.subject for r in rows if r.subject))
    return Source(checklist, (item,), periods, subjects, rule, detail, person)


def _rows(year: Year, checklist_id: str, item_id: str, person: str | None) -> tuple[Checklist, Item, list[Row]] | None:
    found = year.find(checklist_id, item_id)
    if found is None:
        return None
    rows = year.instances(checklist_id, item_id)
    if person is not None:
        rows = [r for r in rows if r.subject == person or r.owner == person]
    return found[0], found[1], rows


def count(year: Year, checklist_id: str, item_id: str, person: str | None = None) -> Figure | None:
    """Occurrences of a count item in the year, summed over its periods and subjects."""
    found = _rows(year, checklist_id, item_id, person)
    if found is None:
        return None
    checklist, item, rows = found
    per_period: dict[str, int] = {}
    for row in rows:
        per_period[row.period.key] = per_period.get(row.period.key, 0) + len(year.dates(row))
    total = sum(per_period.values())
    detail = "；".join(f"{key}：{n}{item.unit}" for key, n in sorted(per_period.items()) if n)
    return Figure((total,), _source(rows, checklist, item, f"各期{item.unit}数之和，以每次记录的日期计", detail,
                                    person or ""))


def ratio(year: Year, checklist_id: str, item_id: str, person: str | None = None) -> Figure | None:
    """Instances done, out of those due (not-applicable ones set aside), as progress counts them."""
    found = _rows(year, checklist_id, item_id, person)
    if found is None:
        return None
    checklist, item, rows = found
    due = [r for r in rows if r.state != "na"]
    done = [r for r in due if r.state == "done"]
    missing = [_who(r, len(set(x.period.key for x in rows)) > 1) for r in due if r.state != "done"]
    detail = f"未完成：{limited(missing)}" if missing else ""
    na = [r for r in rows if r.state == "na"]
    if na:
        detail += ("；" if detail else "") + f"不适用（不计入）：{limited([_who(r, True) for r in na])}"
    return Figure((len(done), len(due)), _source(rows, checklist, item, "完成的实例数/应办的实例数（不含不适用）",
                                                 detail, person or ""))


def _who(row: Row, with_period: bool) -> str:
    who = subject_label(row.subject)
    return f"{who}（{row.period.key}）" if with_period else who


def ledger(year: Year, checklist_id: str, item_id: str, owner: str | None = None) -> Figure | None:
    """Rows registered in a ledger this year, and how many of them are signed off (销号)."""
    found = _rows(year, checklist_id, item_id, owner)
    if found is None:
        return None
    checklist, item, rows = found
    rows = [r for r in rows if r.subject]  # not the "registered n/12" line of a ledger with a minimum
    closed = [r for r in rows if r.state == "done"]
    still = [f"{r.subject} {r.label}（{r.stage}）".strip() for r in rows if r.state != "done"]
    detail = f"未销号：{limited(still)}" if still else ""
    final = item.stages[-1] if item.stages else "销号"
    return Figure((len(rows), len(closed)), _source(rows, checklist, item, f"登记的行数；其中处于“{final}”的行数",
                                                    detail, owner or ""))


def reviewed(year: Year, checklist_id: str, item_id: str, reviewer: str) -> Figure | None:
    """Rows of a ledger this person signed off as reviewer (复核人) and that stay signed off."""
    found = _rows(year, checklist_id, item_id, None)
    if found is None:
        return None
    checklist, item, rows = found
    mine = [r for r in rows if r.subject and r.state == "done" and year.state(r).get("reviewer") == reviewer]
    detail = limited([f"{r.subject} {r.label}".strip() for r in mine])
    return Figure((len(mine),), _source(mine, checklist, item, "复核人为本人且已销号的行数", detail))


def items_done(year: Year, checklist_id: str, item_ids: Sequence[str] = (),
               subject: str = ORG) -> tuple[Figure, list[Item]] | None:
    """How many of a checklist's items (all, or those named) one subject has done this year, and which.

    E.g. 节日廉洁提醒: done for 元旦、春节…, out of the five.
    """
    checklist = next((c for c in year.checklists if c.id == checklist_id), None)
    chosen = [i for i in checklist.items if not item_ids or i.id in item_ids] if checklist else []
    if checklist is None or not chosen:
        return None
    rows = [r for i in chosen for r in year.instances(checklist.id, i.id) if r.subject == subject]
    due = [r for r in rows if r.state != "na"]
    done = [r for r in due if r.state == "done"]
    items = list(dict.fromkeys(r.item for r in done))
    missing = limited([r.item.title for r in due if r.state != "done"])
    source = Source(checklist, tuple(chosen), tuple(sorted({r.period.key for r in rows})), (subject,),
                    "完成的事项数/应办的事项数（不含不适用）", f"未完成：{missing}" if missing else "")
    return Figure((len(done), len(due)), source), items


def fact(year: Year, checklist_id: str, item_id: str) -> Fact | None:
    """A one-subject duty's state (the 党组's, or a one-off one's), for a sentence that states it or a blank."""
    found = _rows(year, checklist_id, item_id, None)
    if found is None:
        return None
    checklist, item, rows = found
    if not rows:
        return Fact("absent", _source(rows, checklist, item, "状态为完成"))
    # A yearly item has one instance; a finer one counts as done once any period is (e.g. a plan made in Q1).
    done = next((r for r in rows if r.state == "done"), None)
    chosen = done or next((r for r in rows if r.state == "open"), rows[0])
    state = year.state(chosen)
    return Fact(chosen.state, _source([chosen], checklist, item, "状态为完成"), state.get("reason", ""),
                state.get("updated", ""))


def completed_on(events: Iterable[Event]) -> date | None:
    """The day an entry last became done, if it is done: the date typed with the tick, else the day it was recorded."""
    state: dict | None = None
    when: date | None = None
    for event in events:
        before = (state or {}).get("state", "open")
        state = apply_event(state, event)  # type: ignore[arg-type]
        if state["state"] == "done" and before != "done":
            when = date.fromisoformat(event["date"]) if event.get("date") else local_day(event["time"])
    return when if state and state["state"] == "done" else None


def done_in_year(year: Year, checklist_id: str, item_id: str,
                 history: Callable[[StateKey], list[Event]]) -> Figure | None:
    """People (or branches) whose step was done in the year: 发展党员, 转正, 换届.

    An instance of one of the year's periods belongs to the year; a one-off
    entry belongs to none, so its completion day decides, read from the
    entry's events, one entry at a time and only for entries done.
    """
    found = _rows(year, checklist_id, item_id, None)
    if found is None:
        return None
    checklist, item, rows = found
    counted: list[tuple[Row, str]] = []
    for row in rows:
        if row.state != "done":
            continue
        if row.period.start is not None:
            counted.append((row, row.period.key))
            continue
        day = completed_on(history(StateKey(checklist.id, item.id, row.period.key, row.subject)))
        if day is not None and day.year == year.year:
            counted.append((row, day.isoformat()))
    detail = limited([f"{subject_label(r.subject)}（{when}）" for r, when in counted])
    rule = f"已完成的对象数；一次性事项只计完成日期在{year.year}年内的"
    return Figure((len(counted),), _source(rows, checklist, item, rule, detail))


