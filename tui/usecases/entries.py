"""Recording a change to an entry (tick, untick, n/a, note, evidence, count) and undoing one's last change.

The one path both the command line and the screens take: which period a
change belongs to (given, or by its date, or the current one), the rules of
checklists.rules on the entry as read, then one append at the version read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checklists.clock import parse_date, today
from checklists.errors import Refusal
from checklists.ledger_rules import check_undo
from checklists.model import Checklist, Item
from checklists.periods import Period, parse_period, period_for
from checklists.progress import apply_event, check_untick, state_fields
from checklists.records import Event, StateKey, key_of
from checklists.roster import Roster
from checklists.rules import check_action, check_bounds, check_entry_date, check_period, check_subject, count_date
from checklists.text import check_text
from store.interface import Draft, Store

from .requests import RecordChange, UndoLast
from .session import Session, retried

DETAILS = ("note", "reason", "evidence", "date")


def record(session: Session, request: RecordChange) -> Event:
    """Record one change; a date, when given, decides the period and is checked against it and the calendar."""
    checklist, item = session.item(request.checklist, request.item)
    action = request.action
    check_text("date", request.date)  # text that cannot be stored is refused as such, before it is read as a date
    period, when = _period_and_date(session.store, checklist, item, request, action)
    values = {"note": request.note, "reason": request.reason, "evidence": request.evidence, "date": when}
    return retried(lambda: _record_once(session, checklist, item, period, request.subject, action, values))


def _period_and_date(store: Store, checklist: Checklist, item: Item, request: RecordChange,
                     action: str) -> tuple[Period, str]:
    day = today()
    chosen = parse_period(request.period, item.every) if request.period else None
    when = request.date
    if when:
        dated = parse_date(when)
        if request.back_fill:
            chosen = chosen or period_for(item.every, dated)
        else:
            chosen = check_entry_date(dated, item, today=day, since=store.org(day).since, period=chosen)
        when = dated.isoformat()
    chosen = chosen or _term_period(store, checklist, request.subject, day) or period_for(item.every, day)
    if action == "count" and not when:
        when = count_date(chosen, today=day).isoformat()
    return chosen, when


def _term_period(store: Store, checklist: Checklist, subject: str, day: date) -> Period | None:
    """A term checklist's steps belong to the year the branch's term ends, not to this year."""
    if not checklist.term_years:
        return None
    from checklists.terms import term_instance

    term = store.roster().terms.get(subject.strip())
    return term_instance(checklist, subject.strip(), term).period if term else None


def _record_once(session: Session, checklist: Checklist, item: Item, period: Period, subject: str, action: str,
                 values: dict[str, str]) -> Event:
    store = session.store
    check_action(item, action, note=values["note"], reason=values["reason"], evidence=values["evidence"],
                 date_text=values["date"], subject=subject)
    check_period(item, period)
    check_bounds(period, values["date"], today())
    # The org's own entries do not depend on the roster; the rest are decided on the roster's version read
    # first, so a change to it between reading it and writing is caught by the append.
    version = store.roster_version() if checklist.scope != "org" else None
    subject = check_subject(checklist, subject, store.roster() if version is not None else Roster())
    key = StateKey(checklist.id, item.id, period.key, subject)
    current = store.states({(checklist.id, period.key)}).get(key)
    if action == "undone":
        check_untick(item.kind, current, item=item.title, subject=subject, period=period.key)
    event: dict[str, Any] = {"account": session.account, "action": action, "checklist": checklist.id,
                             "item": item.id, "period": period.key, "subject": subject}
    event.update({name: values[name].strip() for name in DETAILS if values[name].strip()})
    draft = Draft(event, apply_event(current, event, item.target))  # type: ignore[arg-type]
    (written,) = store.append([draft], expected={key: current["event"] if current else None}, roster=version)
    return written


def undo(session: Session, request: UndoLast) -> Event:
    """Reverse the asker's own last change by appending a reversing event.

    If someone changed the same entry since, undoing would silently discard
    their change, so it is refused; with ``expect``, so is undoing any other
    change than the one the person was shown.
    """
    return retried(lambda: _undo_once(session, request.expect))


def _undo_once(session: Session, expect: str | None) -> Event:
    store, account = session.store, session.account
    target = store.last_change(account)
    if target is None:
        raise Refusal("nothing-to-undo", account=account)
    if expect is not None and target["id"] != expect:
        raise Refusal("undo-moved")
    check_undo(dict(target))
    goal = session.library.targets().get(f"{target['checklist']}/{target['item']}", 1)
    key = key_of(target)
    current = store.states({(key.checklist, key.period)}).get(key)
    events = store.entry_events(key)
    if any(e.get("undoes") == target["id"] for e in events):
        raise Refusal("already-undone")
    before = _state_before(events, target, goal)
    if state_fields(current) != apply_event(before, target, goal):
        raise Refusal("undo-changed-since", checklist=key.checklist, item=key.item, subject=key.subject,
                      period=key.period)
    event: dict[str, Any] = {"account": account, "action": "undo", "checklist": key.checklist, "item": key.item,
                             "period": key.period, "subject": key.subject, "undoes": target["id"],
                             "restore": before}
    draft = Draft(event, before)  # type: ignore[arg-type]
    (written,) = store.append([draft], expected={key: current["event"] if current else None})
    return written


def _state_before(events: list[Event], target: Event, goal: int) -> dict[str, Any]:
    """Replay the target's entry up to (not including) the target event."""
    state: dict[str, Any] | None = None
    for event in sorted(events, key=lambda e: e["seq"]):
        if event["id"] == target["id"]:
            break
        state = apply_event(state, event, goal)
    return state_fields(state)
