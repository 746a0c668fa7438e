"""Who has what overdue or soon due, and the plain `status` table: the summary kept with the database.

One query over everyone (checklists.query, with the filter `status` and the
dashboard use), then each person's rows exactly as `status --person 姓名`
selects them: their own items and the ledger rows they own, open, overdue
(``days_overdue > 0``) or within the 即将到期 window (``Row.soon``), in
status's order, most overdue first. The same answer renders `duty-tui
status` (no options) for each kind of terminal it was recently asked on.

All of it is plain JSON data, kept with the database (Store.save_summary)
and read back by tui.fast without the query layer, TinyDB or Rich.
``made_with`` says what it depends on besides the database files: the
settings, the checklist files, the program's own files and the day;
tui.fast.kept.still_holds checks all of it before trusting a kept summary.
Every command-line write (refresh_summary), the TUI's board (keep_current)
and a reader that finds the summary out of date bring it up to date.

A write changes a few entries, yet the answer covers the whole library. So
the summary also keeps the rows the answer was made of, by checklist, and
the roster and start date they were computed for (``basis``). After a write,
refresh_summary computes the rows of only the checklists whose shards
changed since the summary was kept, through the same query (answer), takes
every other checklist's rows as kept, and derives the reminders and the
`status` text from the whole as a full computation would. What a delta
cannot follow (another day, other settings or checklist files, a roster or
start-date change, a summary without rows) is computed in full.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checklists.loader import Library, fingerprint_files, user_dir
from checklists.model import Checklist, subject_label
from checklists.outstanding import Row
from checklists.periods import Period, parse_period
from checklists.query import Answer, Filter, answer, select, wanted_periods
from checklists.records import StateKey
from checklists.roster import Roster
from checklists.text import visible

from .fast.files import file_stats, program_files

if TYPE_CHECKING:
    from store.interface import Store

    from .config import Settings

SCHEMA = 1  # of `remind --format json` and of the kept summary's data
MAX_TERMINALS = 4  # kinds of terminal whose `status` is kept: a pipe, an SSH window or two


def summary_settings(settings: Settings) -> dict[str, Any]:
    """The settings the summary depends on, as tui.fast.kept keeps and compares them: it holds only for equal ones.

    "zone" names the clock "today" is read on: the configured time zone, or
    this machine's local time as the TZ variable names it.
    """
    return {"db": str(settings.db_path), "checklists": str(user_dir(settings.checklists_dir)),
            "zone": settings.timezone or f"local:{os.environ.get('TZ', '')}", "soon_days": settings.soon_days}


def _rich_files() -> list[str]:
    """Rich renders the kept `status` text: an upgrade of it changes what the text would be."""
    import rich

    folder = os.path.dirname(rich.__file__)
    return [os.path.join(folder, name) for name in ("console.py", "table.py", "text.py", "cells.py")]


def made_with(settings: Settings, day: date) -> dict[str, Any]:
    """Everything besides the database files that the data depends on, in a form tui.fast.kept checks with os alone."""
    from checklists.clock import ENV_TODAY, day_start_utc

    from .fast.kept import program_root

    key = summary_settings(settings)
    library = [key["checklists"], *map(str, fingerprint_files(Path(key["checklists"])))]
    start, end = (datetime.fromisoformat(day_start_utc(d).replace("Z", "+00:00")).timestamp()
                  for d in (day, day + timedelta(days=1)))
    return {"checklists": key["checklists"], "zone": key["zone"], "soon_days": key["soon_days"],
            "pinned": os.environ.get(ENV_TODAY, ""), "start": start, "end": end,
            "files": file_stats([*library, "/etc/localtime", *_rich_files()]), "root": program_root(),
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
    # select() with a person keeps rows whose subject (personal items) or owner (ledger rows) is that
    # person; handing it only those rows, and only the ones a reminder can be about, gives the same
    # answer without a pass over every row for each person.
    candidates: dict[str, list[Row]] = {}
    for row in rows:
        if row.open and (row.days_overdue > 0 or row.soon):
            for name in {row.subject, row.owner} - {""}:
                candidates.setdefault(name, []).append(row)
    people = []
    for person in roster.active():
        mine = select(checklists, candidates.get(person.name, []), roster,
                      replace(flt, person=person.name, include_closed=False)).shown
        entry = person_entry(person.name, person.email, mine, day)
        if entry:
            people.append(entry)
    return {"schema": SCHEMA, "as_of": day.isoformat(), "soon_days": flt.soon_days, "people": people,
            "accounts": dict(roster.accounts), "names": [p.name for p in roster.active()],
            "made_with": made_with(settings, day), "basis": basis(roster, flt), "rows": encode_rows(rows)}


# -- the rows the summary was made of, kept for the next write's delta --------------------


def basis(roster: Roster, flt: Filter) -> str:
    """What every row depends on besides its own checklist's records: the roster (people, branches, terms,
    accounts) and the org's start date. A write that changes it cannot be followed checklist by checklist."""
    return hashlib.sha256(repr((roster, flt.since, flt.soon_days)).encode("utf-8")).hexdigest()


def encode_rows(rows: Iterable[Row]) -> dict[str, list[list[Any]]]:
    """Rows as JSON, by checklist id in the order computed (status lists ties in that order)."""
    kept: dict[str, list[list[Any]]] = {}
    for r in rows:
        kept.setdefault(r.checklist.id, []).append(
            [r.item.id, r.period.key, r.due.isoformat() if r.due else None, r.subject, r.state, r.count,
             r.days_overdue, r.note, r.account, r.updated, r.dept, r.branch, r.owner, r.label, r.stage, r.carried,
             r.soon])
    return kept


def decode_rows(checklist: Checklist, kept: list[list[Any]]) -> list[Row]:
    """The rows encode_rows kept for ``checklist``; KeyError or ValueError if they no longer fit it."""
    periods: dict[str, Period] = {}
    rows = []
    for (item_id, key, due, subject, state, count, late, note, account, updated, dept, branch, owner, label, stage,
         carried, soon) in kept:
        item = checklist.item(item_id)
        if item is None:
            raise KeyError(item_id)
        period = periods.get(key) or periods.setdefault(key, parse_period(key))
        rows.append(Row(checklist, item, period, subject, state, count, date.fromisoformat(due) if due else None,
                        late, note, account, updated, dept, branch, owner, label, stage, carried, soon))
    return rows


def terminals(kept: object, *, parts: bool = False) -> list[dict[str, Any]]:
    """The terminals (context and size) a kept summary has `status` text for, most recent first, stale or not.

    ``parts``: with each one's rendered parts (tui.status_view.table_text), to
    reuse; only where the summary still holds for this program and settings.
    """
    if not isinstance(kept, dict) or not isinstance(kept.get("status"), list):
        return []
    return [{"context": e["context"], "size": e["size"], **({"parts": e["parts"]} if parts and "parts" in e else {})}
            for e in kept["status"] if isinstance(e, dict) and "context" in e and "size" in e]


def summarize(store: Store, library: Library, settings: Settings, day: date, roster: Roster, plain: Answer,
              flt: Filter, contexts: list[dict[str, Any]], texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The whole summary from ``plain``, the answer of `status` with no options: reminders, and the table
    for each of ``contexts`` (``texts`` holds those already rendered)."""
    data = from_rows(list(library), roster, plain.rows, day, flt, settings)
    if contexts:
        from .status_view import key, plain_texts

        texts = dict(texts or {})
        missing = [c for c in contexts if key(c) not in texts]
        parts: dict[str, dict[str, str]] = {}
        texts.update(plain_texts(plain, str(store.location), day, flt.since, missing, parts))
        data["status"] = [{**{k: v for k, v in t.items() if k != "parts"}, "text": texts[key(t)],
                           **({"parts": parts[key(t)]} if key(t) in parts else {})} for t in contexts]
    return data


def compute(store: Store, library: Library, settings: Settings, day: date) -> tuple[Roster, Answer, Filter]:
    """Read the database and answer the plain `status` question for ``day``: everything the summary is made of."""
    roster = store.roster()
    checklists = list(library)
    flt = Filter(since=store.org(day).since, soon_days=settings.soon_days)
    states = store.states(wanted_periods(checklists, day, flt))
    return roster, answer(checklists, roster, states, day, flt), flt


def recompute(store: Store, library: Library, settings: Settings, day: date) -> dict[str, Any]:
    """Compute the summary afresh (for the terminals it had `status` for) and keep it for the next reader."""
    contexts = terminals(store.summary(stale=True))
    signature = store.signature()  # before reading: a write in between makes the kept copy stale, not wrong
    roster, plain, flt = compute(store, library, settings, day)
    data = summarize(store, library, settings, day, roster, plain, flt, contexts)
    keep(store, data, signature)
    return data


def current(store: Store, library: Library, settings: Settings, day: date) -> dict[str, Any]:
    """The summary for ``day``: the kept one when it still holds, else computed and kept."""
    from .fast.kept import still_holds

    kept = store.summary()
    if isinstance(kept, dict) and still_holds(kept, summary_settings(settings)):
        return kept
    return recompute(store, library, settings, day)


def keep(store: Store, data: dict[str, Any], signature: Hashable) -> None:
    """Keep ``data`` beside the database if this account may write there; a read-only one simply recomputes."""
    if not store.read_only and store.exists():
        store.save_summary(data, signature)


def keep_plain_status(store: Store, library: Library, settings: Settings, signature: Hashable, day: date,
                      roster: Roster, plain: Answer, flt: Filter, terminal: dict[str, Any], text: str) -> None:
    """After `duty-tui status` (no options) computed and printed ``text``: keep it for this kind of terminal."""
    from .status_view import key

    if store.read_only:
        return
    contexts = [terminal] + [t for t in terminals(store.summary(stale=True)) if key(t) != key(terminal)]
    data = summarize(store, library, settings, day, roster, plain, flt, contexts[:MAX_TERMINALS],
                     {key(terminal): text})
    keep(store, data, signature)


def keep_current(store: Store, library: Library, settings: Settings, signature: Hashable, day: date,
                 roster: Roster, rows: list[Row], flt: Filter) -> None:
    """After a write: bring a kept summary up to date from rows the caller computed anyway (the TUI's board).

    Only where a summary is kept already, so a database nobody is reminded
    from, nor asked `status` of, is not given one.
    """
    if store.read_only or store.summary() is not None:
        return
    kept = store.summary(stale=True)
    if kept is None:
        return
    plain_view = replace(flt, include_closed=False)
    plain = select(list(library), rows, roster, plain_view)
    keep(store, summarize(store, library, settings, day, roster, plain, plain_view, terminals(kept)), signature)


_KEEPING = threading.Lock()


def keep_quietly(*args: Any) -> None:
    """keep_current, for a thread of the TUI: one at a time (a burst of changes needs only the last), and a
    failure only leaves the summary for the next reader to compute; it must never print over the screen."""
    if not _KEEPING.acquire(blocking=False):
        return
    try:
        keep_current(*args)
    except Exception:
        pass
    finally:
        _KEEPING.release()


def reminders_for(store: Store, library: Library, settings: Settings, person: str | None) -> dict[str, Any] | None:
    """Everyone's reminders today, kept or computed; None when there is no database yet.

    ``person``: the one `--person` named, refused when the roster has no such person.
    """
    from checklists.clock import today
    from checklists.errors import Refusal

    if not store.exists():
        if person is not None:
            raise Refusal("person-unknown", name=person)
        return None
    data = current(store, library, settings, today())
    if person is not None and person not in data["names"]:
        raise Refusal("person-unknown", name=person)
    return data


def refresh(store: Store, library: Library, settings: Settings) -> None:
    """After a command wrote to the database: bring a kept summary up to date so the next reader reads it."""
    refresh_summary(store, library, settings)


def refresh_summary(store: Store, library: Library, settings: Settings, changed: Iterable[StateKey] = (),
                    day: date | None = None) -> str | None:
    """After a write: bring a kept summary up to date by the checklists written since it was kept.

    ``changed``: entries the caller knows it wrote (their checklists are
    computed again whatever the files say). Returns how: "delta", "full",
    or None where no summary is kept (a database nobody is reminded from,
    nor asked `status` of, is not given one).
    """
    from checklists.clock import today

    if store.read_only:
        return None
    found = store.kept_summary()
    if found is None:
        return None
    kept, taken = found
    day = day or today()
    signature = store.signature()  # before reading: see recompute
    rows = _delta_rows(store, library, settings, day, kept, taken, {key.checklist for key in changed})
    if rows is None:
        recompute(store, library, settings, day)
        return "full"
    roster, flt, fresh = rows
    plain = select(list(library), fresh, roster, flt)
    keep(store, summarize(store, library, settings, day, roster, plain, flt, terminals(kept, parts=True)), signature)
    return "delta"


def _delta_rows(store: Store, library: Library, settings: Settings, day: date, kept: object, taken: Hashable,
                changed: set[str]) -> tuple[Roster, Filter, list[Row]] | None:
    """(roster, filter, every row of the plain answer) with only the changed checklists computed; None where a
    delta cannot follow what changed and the whole must be computed."""
    from .fast.kept import still_holds

    if not isinstance(kept, dict) or not isinstance(kept.get("rows"), dict):
        return None
    if kept.get("as_of") != day.isoformat() or not still_holds(kept, summary_settings(settings)):
        return None  # another day, other settings, checklist files or program: not a delta
    touched = store.changed_checklists(taken)
    if touched is None:
        return None
    roster = store.roster()
    flt = Filter(since=store.org(day).since, soon_days=settings.soon_days)
    if kept.get("basis") != basis(roster, flt):
        return None  # people, branches, terms, accounts or the start date changed: every checklist may
    checklists = list(library)
    touched |= changed
    chosen = [c for c in checklists if c.id in touched]
    computed: dict[str, list[Row]] = {c.id: [] for c in chosen}
    if chosen:
        for row in answer(chosen, roster, store.states(wanted_periods(chosen, day, flt)), day, flt).rows:
            computed[row.checklist.id].append(row)
    rows: list[Row] = []
    try:
        for c in checklists:
            rows += computed[c.id] if c.id in computed else decode_rows(c, kept["rows"].get(c.id, []))
    except (KeyError, ValueError, TypeError):
        return None  # kept by another version, or torn: compute it all
    return roster, flt, rows
