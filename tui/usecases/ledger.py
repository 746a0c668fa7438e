"""Adding ledger rows and moving them through their stages, by the rules in checklists.ledger_rules.

Rows are entries "#n" of their (checklist, item, period). The rules see the
row as read; the append names the version read, so two people acting on the
same row at once cannot both get past them, and two people adding rows at
once cannot both take the same number.
"""

from __future__ import annotations

from typing import Any

from checklists.bounds import check_period_range
from checklists.clock import today
from checklists.errors import Refusal
from checklists.ledger_rules import check_fields, check_ledger, check_stage, check_transition, check_unchanged
from checklists.periods import parse_period
from checklists.progress import apply_event
from checklists.records import Event, StateKey
from checklists.text import check_text
from store.interface import Draft

from .requests import AddRows, ChangeRow
from .session import Session, retried


def add_rows(session: Session, request: AddRows) -> list[Event]:
    """Add rows in one write: all of them, or none if any is invalid.

    With ``line_numbers`` (an import), every bad row is reported as
    "FILE：第 N 行：…" before anything is written.
    """
    checklist, item = session.item(request.checklist, request.item)
    check_ledger(item)
    period = check_period_range(parse_period(request.period), today())
    store = session.store

    def once() -> list[Event]:
        version = store.roster_version()
        roster = store.roster()
        checked: list[dict[str, str]] = []
        problems: list[Refusal] = []
        for index, values in enumerate(request.rows):
            try:
                checked.append(check_fields(item, values, roster, period=period))
            except Refusal as exc:
                if request.line_numbers is None:
                    raise
                problems.append(Refusal(exc.code, **exc.fields, line=request.line_numbers[index]))
        if problems:
            raise Refusal("import-rejected", source=request.source, problems=tuple(problems), noun="rows")
        taken = [key.subject for key in store.states({(checklist.id, period.key)})
                 if (key.checklist, key.item, key.period) == (checklist.id, item.id, period.key)]
        first = max((int(s[1:]) for s in taken if s.startswith("#")), default=0) + 1
        drafts: list[Draft] = []
        expected: dict[StateKey, str | None] = {}
        for n, fields in enumerate(checked):
            event: dict[str, Any] = {"account": session.account, "action": "row-add", "checklist": checklist.id,
                                     "item": item.id, "period": period.key, "subject": f"#{first + n}",
                                     "fields": fields, "stage": 0}
            drafts.append(Draft(event, apply_event(None, event)))  # type: ignore[arg-type]
            expected[StateKey(checklist.id, item.id, period.key, f"#{first + n}")] = None
        return store.append(drafts, expected=expected, roster=version)

    return retried(once)


def change_row(session: Session, request: ChangeRow) -> Event:
    """Edit, advance, move back, close (销号) or reopen one row, by the rules in checklists.ledger_rules.

    ``loaded``: an edit's cells as the person saw them; a changed cell someone else has changed since
    is refused (checklists.ledger_rules.check_unchanged) rather than overwritten.
    """
    checklist, item = session.item(request.checklist, request.item)
    check_ledger(item)
    check_text("reason", request.reason, multiline=True)
    check_text("reviewer", request.reviewer)
    check_text("evidence", request.evidence, multiline=True)
    period = parse_period(request.period)
    row = request.row if request.row.startswith("#") else f"#{request.row}"
    key = StateKey(checklist.id, item.id, period.key, row)
    store, action = session.store, request.action

    def once() -> Event:
        version = store.roster_version()
        roster = store.roster()
        current = store.states({(checklist.id, period.key)}).get(key)
        if current is None:
            raise Refusal("row-unknown", item=item.title, period=period.key, row=row[1:])
        state = dict(current)
        check_stage(item, state, action)  # a closed row is refused before its cells are looked at
        checked = (check_fields(item, request.fields or {}, roster, partial=True, period=period)
                   if action == "row-edit" else None)
        if checked is not None and request.loaded is not None:
            check_unchanged(item, state, request.loaded, checked, lambda: store.entry_events(key), roster)
        extra = check_transition(item, state, action, fields=checked, reason=request.reason,
                                 reviewer=request.reviewer, evidence=request.evidence, roster=roster)
        event: dict[str, Any] = {"account": session.account, "action": action, "checklist": checklist.id,
                                 "item": item.id, "period": period.key, "subject": row,
                                 **{k: v for k, v in extra.items() if v != ""}}
        (written,) = store.append([Draft(event, apply_event(current, event))],  # type: ignore[arg-type]
                                  expected={key: current["event"]}, roster=version)
        return written

    return retried(once)
