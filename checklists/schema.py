"""Validation of one parsed checklist file into a :class:`Checklist`.

Every problem is collected rather than stopping at the first, so a user fixing
a file sees all its defects in one run. Unknown keys are errors: a typo such as
``evidense`` must never pass silently and drop what the user meant to say.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from .errors import Problem, show
from .model import COLUMN_TYPES, EVERY, HOLIDAYS, KINDS, RESERVED_KINDS, ROLES, SCOPES, Checklist, Column, DueRule, Item
from .report_spec import parse_entries

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")
TERM_KEYS = {"years", "notice_months"}
CHECKLIST_KEYS = {"term",
    "id", "title", "summary", "category", "basis", "scope", "roles",
    "every", "due", "items", "note", "local", "report",
}
ITEM_KEYS = {"id", "title", "kind", "target", "unit", "every", "due", "evidence", "note", "local",
             "columns", "stages", "owner", "deadline", "close_from", "min_rows"}
LEDGER_KEYS = {"columns", "stages", "owner", "deadline", "close_from", "min_rows"}
COLUMN_KEYS = {"id", "title", "type", "required"}
MAX_HOLIDAY_DAYS = 30
DUE_KEYS = {
    "none": set(),
    "end": {"days"},
    "start": {"days"},
    "date": {"date"},
    "holiday": {"holiday", "days"},
}


class _Collector:
    """Accumulates problems for one file while the validator walks it."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.checklist = ""

    def add(self, message: str, *, field: str = "", item: str = "") -> None:
        self.problems.append(Problem(self.file, message, self.checklist, item, field))

    def expect_str(self, table: dict, key: str, *, item: str = "", required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.add("is required (a text)", field=key, item=item)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(f"expected a non-empty text; got {show(value)}", field=key, item=item)
            return ""
        return value.strip()

    def expect_bool(self, table: dict, key: str, *, item: str = "") -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.add(f"expected true or false; got {show(value)}", field=key, item=item)
            return False
        return value

    def expect_choice(self, table: dict, key: str, choices: tuple[str, ...], default: str | None,
                      *, item: str = "") -> str:
        value = table.get(key, default)
        if value is None:
            self.add("is required: expected one of " + ", ".join(choices), field=key, item=item)
            return ""
        if value not in choices:
            self.add(f"expected one of {', '.join(choices)}; got {show(value)}", field=key, item=item)
            return ""
        return value

    def unknown_keys(self, table: dict, allowed: set[str], *, item: str = "", where: str = "") -> None:
        for key in sorted(set(table) - allowed):
            self.add(f"unknown key{where}; allowed: {', '.join(sorted(allowed))}", field=key, item=item)


def _parse_due(c: _Collector, raw: Any, every: str, *, item: str = "") -> DueRule | None:
    """Check one due rule against the recurrence it will be applied to."""
    if not isinstance(raw, dict):
        c.add(f'expected a table such as {{ rule = "end" }}; got {show(raw)}', field="due", item=item)
        return None
    rule = raw.get("rule")
    if rule not in DUE_KEYS:
        c.add(f"expected one of {', '.join(DUE_KEYS)}; got {show(rule) if rule is not None else 'nothing'}",
              field="due.rule", item=item)
        return None
    ok = True
    for key in sorted(set(raw) - {"rule"} - DUE_KEYS[rule]):
        c.add(f'not allowed with rule "{rule}"; allowed: {", ".join(sorted(DUE_KEYS[rule])) or "nothing"}',
              field=f"due.{key}", item=item)
        ok = False
    days = raw.get("days", 0)
    if rule == "holiday":
        # Working days before the last working day ahead of the days off; more
        # than a month and a half ahead is no longer a reminder for that holiday.
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= MAX_HOLIDAY_DAYS:
            c.add(f"expected a whole number of working days from 0 to {MAX_HOLIDAY_DAYS} "
                  f"(0 = the last working day before the days off); got {show(days)}", field="due.days", item=item)
            ok = False
    elif "days" in DUE_KEYS[rule] and (not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 366):
        c.add(f"expected a whole number of days from 0 to 366; got {show(days)}", field="due.days", item=item)
        ok = False
    if rule == "start" and "days" not in raw:
        c.add('is required with rule "start" (days after the period starts)', field="due.days", item=item)
        ok = False
    when = raw.get("date", "")
    if rule == "date":
        ok &= _check_due_date(c, when, every, item)
    holiday = raw.get("holiday", "")
    if rule == "holiday":
        if holiday not in HOLIDAYS:
            c.add(f"expected one of {', '.join(HOLIDAYS)}; got {show(holiday) if holiday else 'nothing'}",
                  field="due.holiday", item=item)
            ok = False
        if every != "year":
            c.add(f'rule "holiday" needs every = "year"; got "{every}"', field="due", item=item)
            ok = False
    if rule in ("start", "end") and every == "once":
        c.add(f'rule "{rule}" needs a recurring period; a one-off checklist takes "date" or "none"',
              field="due", item=item)
        ok = False
    if not ok:
        return None
    return DueRule(rule=rule, days=days if "days" in DUE_KEYS[rule] else 0, date=when, holiday=holiday)


def _check_due_date(c: _Collector, when: Any, every: str, item: str) -> bool:
    if every == "once":
        try:
            if not (isinstance(when, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", when)):
                raise ValueError
            date.fromisoformat(when)
            return True
        except ValueError:
            c.add(f"expected a full date YYYY-MM-DD for a one-off checklist; got {show(when)}",
                  field="due.date", item=item)
            return False
    if every != "year":
        c.add(f'a month-day date needs every = "year"; use rule "end" or "start" for "{every}"',
              field="due.date", item=item)
        return False
    match = re.fullmatch(r"(\d\d)-(\d\d)", when) if isinstance(when, str) else None
    try:
        if not match:
            raise ValueError
        date(2024, int(match[1]), int(match[2]))  # a leap year, so 02-29 is accepted
        return True
    except ValueError:
        c.add(f"expected a month-day MM-DD such as \"01-31\"; got {show(when)}", field="due.date", item=item)
        return False


def _default_due(every: str) -> DueRule:
    return DueRule("none") if every == "once" else DueRule("end")


def _parse_item(c: _Collector, raw: Any, index: int, checklist_every: str, checklist_due: Any,
                seen: set[str]) -> Item | None:
    if not isinstance(raw, dict):
        c.add(f"expected a table [[items]]; item #{index + 1} is {show(raw)}", field="items")
        return None
    item_id = raw.get("id")
    label = item_id if isinstance(item_id, str) else f"#{index + 1}"
    if not isinstance(item_id, str) or not SLUG.match(item_id):
        c.add(f"expected an id of lowercase ascii letters, digits, - or _; got {show(item_id) if item_id is not None else 'nothing'}",
              field="id", item=label)
    elif item_id in seen:
        c.add("duplicate item id in this checklist", field="id", item=label)
    else:
        seen.add(item_id)
    c.unknown_keys(raw, ITEM_KEYS, item=label)
    title = c.expect_str(raw, "title", item=label, required=True)
    raw_kind = raw.get("kind", "check")
    if raw_kind in RESERVED_KINDS:
        c.add(f'kind "{raw_kind}" is reserved for a later version; use one of {", ".join(KINDS)}',
              field="kind", item=label)
        kind = ""
    else:
        kind = c.expect_choice(raw, "kind", KINDS, "check", item=label)
    every = c.expect_choice(raw, "every", EVERY, checklist_every or "year", item=label)
    target = raw.get("target", 1)
    if kind == "count":
        if "target" not in raw or not isinstance(target, int) or isinstance(target, bool) or target < 1:
            c.add(f"a count item needs a whole-number target of at least 1 per period; got "
                  f"{show(target) if 'target' in raw else 'nothing'}", field="target", item=label)
    elif kind == "check":
        for key in ("target", "unit"):
            if key in raw:
                c.add('only a "count" item takes this key', field=key, item=label)
    ledger: tuple = ((), (), "", "", (), 0)
    if kind == "ledger":
        ledger = _parse_ledger(c, raw, label)
    elif kind:
        for key in sorted(LEDGER_KEYS & set(raw)):
            c.add('only a "ledger" item takes this key', field=key, item=label)
    unit = c.expect_str(raw, "unit", item=label) or ("行" if kind == "ledger" else "次")
    if "due" in raw:
        due = _parse_due(c, raw["due"], every, item=label) if every else None
    elif checklist_due is not None and every:
        # An item with its own `every` inherits the checklist's due rule when it
        # fits that recurrence (a month-day does not fit a month), else the default.
        due = _parse_due(_Collector("-"), checklist_due, every) or _default_due(every)
    else:
        due = _default_due(every or "year")
    evidence = c.expect_str(raw, "evidence", item=label)
    note = c.expect_str(raw, "note", item=label)
    local = c.expect_bool(raw, "local", item=label)
    if not (isinstance(item_id, str) and title and kind and every and due):
        return None
    columns, stages, owner, deadline, close_from, min_rows = ledger
    return Item(item_id, title, kind, every, due, target if kind == "count" else 1, unit, evidence, note, local,
                columns, stages, owner, deadline, close_from, min_rows)


def _parse_ledger(c: _Collector, raw: dict, label: str) -> tuple:
    """Columns (typed), at least two stages, which columns name the owner and deadline, and close_from."""
    columns: list[Column] = []
    raw_columns = raw.get("columns")
    if not isinstance(raw_columns, list) or not raw_columns:
        c.add("a ledger needs at least one [[items.columns]] table", field="columns", item=label)
        raw_columns = []
    seen: set[str] = set()
    for index, col in enumerate(raw_columns):
        where = f"columns[{index}]"
        if not isinstance(col, dict):
            c.add(f"expected a table; got {show(col)}", field=where, item=label)
            continue
        for key in sorted(set(col) - COLUMN_KEYS):
            c.add(f"unknown key; allowed: {', '.join(sorted(COLUMN_KEYS))}", field=f"{where}.{key}", item=label)
        cid = col.get("id")
        if not isinstance(cid, str) or not SLUG.match(cid):
            c.add(f"expected an id of lowercase ascii letters, digits, - or _; got {show(cid) if cid is not None else 'nothing'}",
                  field=f"{where}.id", item=label)
            continue
        if cid in seen:
            c.add("duplicate column id", field=f"{where}.id", item=label)
            continue
        seen.add(cid)
        title = c.expect_str(col, "title", item=label, required=True)
        ctype = col.get("type", "text")
        if ctype not in COLUMN_TYPES:
            c.add(f"expected one of {', '.join(COLUMN_TYPES)}; got {show(ctype)}", field=f"{where}.type", item=label)
            continue
        required = c.expect_bool(col, "required", item=label)
        if title:
            columns.append(Column(cid, title, ctype, required))
    stages = raw.get("stages")
    if not isinstance(stages, list) or len(stages) < 2 or not all(isinstance(x, str) and x.strip() for x in stages):
        c.add(f"expected a list of at least two stage names, the last one closing a row; got {show(stages)}",
              field="stages", item=label)
        stages = []
    elif len(set(stages)) != len(stages):
        c.add("stage names must be different", field="stages", item=label)
    stages = [s.strip() for s in stages]
    close_from = _parse_close_from(c, raw["close_from"], stages, label) if "close_from" in raw else ()
    by_id = {col.id: col for col in columns}
    picks = []
    for key, wanted in (("owner", "person"), ("deadline", "date")):
        value = raw.get(key, "")
        if value and (value not in by_id or by_id[value].type != wanted):
            c.add(f'expected the id of a column of type "{wanted}"; got {show(value)}', field=key, item=label)
            value = ""
        picks.append(value)
    min_rows = raw.get("min_rows", 0)
    if "min_rows" in raw and (not isinstance(min_rows, int) or isinstance(min_rows, bool) or min_rows < 1):
        c.add(f"expected a whole number of rows of at least 1; got {show(min_rows)}", field="min_rows", item=label)
        min_rows = 0
    return tuple(columns), tuple(stages), picks[0], picks[1], close_from, min_rows


def _parse_close_from(c: _Collector, raw: Any, stages: list[str], label: str) -> tuple[str, ...]:
    """Stage names a row may be signed off from; they must allow closing where advancing stops.

    Advancing stops at the stage before the final one (and reopening returns
    there), so a list without it would leave rows that can never be closed.
    """
    if not isinstance(raw, list) or not raw or not all(isinstance(x, str) for x in raw):
        c.add(f'expected a list of stage names such as ["推进中", "已完成"]; got {show(raw)}',
              field="close_from", item=label)
        return ()
    if not stages:
        return ()  # the stages themselves were reported
    names = [x.strip() for x in raw]
    ok = True
    for name in names:
        if name not in stages:
            c.add(f"expected stage names from {', '.join(stages)}; got {show(name)}", field="close_from", item=label)
            ok = False
        elif name == stages[-1]:
            c.add(f"{show(name)} is the final stage, which closing leads to; name the stages before it",
                  field="close_from", item=label)
            ok = False
    if len(set(names)) != len(names):
        c.add("stage names must be different", field="close_from", item=label)
        ok = False
    if ok and stages[-2] not in names:
        c.add(f"must include {show(stages[-2])}, the stage before the final one, or rows there could never be closed",
              field="close_from", item=label)
        ok = False
    return tuple(names) if ok else ()


def parse_checklist(data: dict[str, Any], file: str, source: str = "user") -> tuple[Checklist | None, list[Problem]]:
    """Validate one file's parsed TOML; return the checklist or the problems."""
    c = _Collector(file)
    cid = data.get("id")
    if not isinstance(cid, str) or not SLUG.match(cid):
        c.add(f"expected an id of lowercase ascii letters, digits, - or _; got {show(cid) if cid is not None else 'nothing'}",
              field="id")
        cid = ""
    c.checklist = cid
    c.unknown_keys(data, CHECKLIST_KEYS)
    title = c.expect_str(data, "title", required=True)
    summary = c.expect_str(data, "summary")
    category = c.expect_str(data, "category") or "其他"
    note = c.expect_str(data, "note")
    local = c.expect_bool(data, "local")
    scope = c.expect_choice(data, "scope", SCOPES, None)
    every = c.expect_choice(data, "every", EVERY, None)
    roles = data.get("roles", [])
    if scope == "person":
        if not isinstance(roles, list) or not roles:
            c.add(f"a person-scoped checklist needs a non-empty list of roles from: {', '.join(ROLES)}",
                  field="roles")
            roles = []
        for role in roles:
            if role not in ROLES:
                c.add(f"expected roles from {', '.join(ROLES)}; got {show(role)}", field="roles")
    elif "roles" in data:
        c.add(f'only scope = "person" takes roles; this checklist has scope {show(scope)}', field="roles")
        roles = []
    basis = data.get("basis", [])
    if not isinstance(basis, list) or not all(isinstance(b, str) and b.strip() for b in basis):
        c.add(f"expected a list of document names; got {show(basis)}", field="basis")
        basis = []
    raw_due = data.get("due")
    due = _parse_due(c, raw_due, every) if raw_due is not None and every else _default_due(every or "year")
    raw_items = data.get("items")
    items: list[Item] = []
    if not isinstance(raw_items, list) or not raw_items:
        c.add("expected at least one [[items]] table", field="items")
    else:
        seen: set[str] = set()
        for index, raw in enumerate(raw_items):
            # An invalid checklist-level due was reported once already; items then fall back to the default.
            inherited = raw_due if due is not None else None
            parsed = _parse_item(c, raw, index, every, inherited, seen)
            if parsed:
                items.append(parsed)
    if scope and scope != "org":
        for item in items:
            if item.kind == "ledger":
                c.add('a ledger belongs to a checklist with scope = "org" (its rows name their own owners)',
                      field="kind", item=item.id)
    term_years, notice_months = _parse_term(c, data["term"], scope, every) if "term" in data else (0, 6)
    report, found = parse_entries(data["report"], file, cid, tuple(items)) if "report" in data else ((), [])
    c.problems += found
    if c.problems:
        return None, c.problems
    assert due is not None, "an invalid due rule is a problem reported above"
    return Checklist(
        id=cid, title=title, summary=summary, category=category, scope=scope, every=every,
        due=due, items=tuple(items), basis=tuple(b.strip() for b in basis), roles=tuple(roles),
        note=note, local=local, source=source, term_years=term_years, notice_months=notice_months, report=report,
    ), []


def _parse_term(c: _Collector, raw: Any, scope: str, every: str) -> tuple[int, int]:
    """A term of office: ``{ years = 3, notice_months = 6 }``, for a yearly branch checklist."""
    if not isinstance(raw, dict):
        c.add(f"expected a table such as {{ years = 3 }}; got {show(raw)}", field="term")
        return 0, 6
    c.unknown_keys(raw, TERM_KEYS, where=" in term")
    if scope != "branch" or every != "year":
        c.add(f'a term needs scope = "branch" and every = "year"; got scope {show(scope)}, every {show(every)}',
              field="term")
    values = []
    for key, low, high, default in (("years", 1, 10, None), ("notice_months", 0, 24, 6)):
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            c.add(f"expected a whole number from {low} to {high}; got {show(value) if value is not None else 'nothing'}",
                  field=f"term.{key}")
            value = default or 0
        values.append(value)
    return values[0], values[1]
