"""Who has what overdue or soon due: the data every reminder is worded from.

One query over everyone (checklists.query, with the same filter `status`
and the dashboard use), then each person's rows exactly as
`status --person 姓名` selects them: their own items and the ledger rows
they own, open, overdue (``days_overdue > 0``) or within the 即将到期
window (``Row.soon``), in status's order, most overdue first.

The result is plain JSON data so that it can be kept with the database as a
summary (Store.save_summary) and read back at login without the query layer
(tui.quick). ``made_with`` says what else it depends on besides the database
files: the settings, the checklist files, the program's own files and the
day; tui.quick checks all of it before trusting a kept summary.
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklists.loader import Library, fingerprint_files, user_dir
from checklists.model import Checklist, subject_label
from checklists.outstanding import Row
from checklists.query import Filter, answer, select, wanted_periods
from checklists.roster import Org, Roster
from checklists.text import visible

from .files import file_stats, program_files

if TYPE_CHECKING:
    from store.interface import Store

    from .config import Settings

SCHEMA = 1  # of `remind --format json` and of the kept summary's data


def summary_settings(settings: Settings) -> dict[str, Any]:
    """The settings reminders depend on, as tui.quick keeps and compares them: a summary holds only for equal ones.

    "zone" names the clock "today" is read on: the configured time zone, or
    this machine's local time as the TZ variable names it.
    """
    return {"db": str(settings.db_path), "checklists": str(user_dir(settings.checklists_dir)),
            "zone": settings.timezone or f"local:{os.environ.get('TZ', '')}", "soon_days": settings.soon_days}


def made_with(settings: Settings, day: date) -> dict[str, Any]:
    """Everything besides the database files that the data depends on, in a form tui.quick checks with os alone."""
    from checklists.clock import ENV_TODAY, day_start_utc

    from .quick import program_root

    key = summary_settings(settings)
    library = [key["checklists"], *map(str, fingerprint_files(Path(key["checklists"])))]
    start, end = (datetime.fromisoformat(day_start_utc(d).replace("Z", "+00:00")).timestamp()
                  for d in (day, day + timedelta(days=1)))
    return {"checklists": key["checklists"], "zone": key["zone"], "soon_days": key["soon_days"],
            "pinned": os.environ.get(ENV_TODAY, ""), "start": start, "end": end,
            "files": file_stats([*library, "/etc/localtime"]), "root": program_root(),
            "program": file_stats(program_files())}


def item(row: Row, day: date) -> dict[str, Any]:
    """One overdue or soon-due row: the raw fields for scripts, and ``label``, safe to print on any terminal."""
    label = f"{row.checklist.title}·{row.title}"
    if row.carried:  # an earlier period's: say which, a monthly meeting may be owed for several months
        label += f" {row.period.label()}"
    return {
        "checklist": row.checklist.id, "checklist_title": row.checklist.title, "item": row.item.id,
        "item_title": row.item.title, "title": row.title, "period": row.period.key, "subject": row.subject,
        "owner": row.owner, "due": row.due.isoformat() if row.due else None, "days_overdue": row.days_overdue,
        "soon": row.soon, "days_left": (row.due - day).days if row.soon and row.due else None,
        "label": visible(label, multiline=False),
    }


def person_entry(name: str, email: str, rows: Iterable[Row], day: date) -> dict[str, Any] | None:
    """A person's reminder (None when nothing is overdue or soon due), rows in status's order."""
    due = [item(r, day) for r in rows if r.days_overdue > 0 or r.soon]
    if not due:
        return None
    return {"name": name, "shown_name": visible(subject_label(name), multiline=False), "email": email,
            "overdue": sum(1 for d in due if d["days_overdue"] > 0),
            "soon": sum(1 for d in due if not d["days_overdue"]), "items": due}


def from_rows(checklists: Sequence[Checklist], roster: Roster, rows: list[Row], day: date, flt: Filter,
              settings: Settings) -> dict[str, Any]:
    """The reminders of everyone in the roster, from rows already computed for the default view."""
    people = []
    for person in roster.active():
        mine = select(checklists, rows, roster, replace(flt, person=person.name, include_closed=False)).shown
        entry = person_entry(person.name, person.email, mine, day)
        if entry:
            people.append(entry)
    return {"schema": SCHEMA, "as_of": day.isoformat(), "soon_days": flt.soon_days, "people": people,
            "accounts": dict(roster.accounts), "names": [p.name for p in roster.active()],
            "made_with": made_with(settings, day)}


def compute(store: Store, library: Library, settings: Settings, day: date) -> dict[str, Any]:
    """Read the database and compute everyone's reminders for ``day``."""
    roster = store.roster()
    org: Org = store.org(day)
    checklists = list(library)
    flt = Filter(since=org.since, soon_days=settings.soon_days)
    states = store.states(wanted_periods(checklists, day, flt))
    return from_rows(checklists, roster, answer(checklists, roster, states, day, flt).rows, day, flt, settings)


def current(store: Store, library: Library, settings: Settings, day: date) -> dict[str, Any]:
    """The reminders for ``day``: the kept summary when it still holds, else computed and kept for the next reader."""
    from .quick import still_holds

    kept = store.summary()
    if isinstance(kept, dict) and still_holds(kept, summary_settings(settings)):
        return kept
    signature = store.signature()  # before reading: a write in between makes the kept copy stale, not wrong
    data = compute(store, library, settings, day)
    keep(store, data, signature)
    return data


def keep(store: Store, data: dict[str, Any], signature: Hashable) -> None:
    """Keep ``data`` beside the database if this account may write there; a read-only one simply recomputes."""
    if not store.read_only and store.exists():
        store.save_summary(data, signature)


def keep_current(store: Store, library: Library, settings: Settings, signature: Hashable, day: date,
                 roster: Roster, rows: list[Row], flt: Filter) -> None:
    """After a write: bring a kept summary up to date from rows the caller computed anyway (the TUI's board).

    Only where someone uses reminders (a summary is kept already), so a database
    nobody is reminded from is not given one.
    """
    if store.read_only or store.summary(stale=True) is None or store.summary() is not None:
        return
    keep(store, from_rows(list(library), roster, rows, day, flt, settings), signature)


def refresh(store: Store, library: Library, settings: Settings) -> None:
    """After a command wrote to the database: recompute a kept summary so the next login reads it, not the shards."""
    from checklists.clock import today

    if store.read_only or store.summary(stale=True) is None:
        return
    signature = store.signature()
    keep(store, compute(store, library, settings, today()), signature)

