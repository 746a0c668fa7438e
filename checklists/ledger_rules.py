"""What may happen to a ledger row: stage moves, sign-off (销号) and reopening, required cells, reviewer ≠ owner.

Pure rules over a row's current state. The application layer (tui.usecases)
applies them to the row as read, and the store writes only if the row is
still as read; the screens apply them too, to refuse a key before asking for
a reviewer or a reason. Refusals carry codes; the command line and the
screens word them (tui.errors).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .bounds import check_deadline
from .clock import parse_date
from .errors import Refusal
from .model import Item
from .periods import Period
from .progress import ROW_ACTIONS, apply_event
from .roster import Roster
from .text import check_text


def final_stage(item: Item) -> int:
    """The last stage means signed off: nothing moves a row out of it but reopening."""
    return len(item.stages) - 1


def reopen_stage(item: Item) -> int:
    """Where a reopened row goes: the stage before the final one.

    Reopening withdraws the sign-off, not the work: the row is back where it
    stood when it was put up for review, can be signed off again at once by
    someone else, or moved further back with a reason if the work was not done.
    """
    return len(item.stages) - 2


def close_stages(item: Item) -> tuple[int, ...]:
    """Stages a row may be signed off from: the definition's ``close_from``, else the one before the final."""
    if item.close_from:
        return tuple(item.stages.index(name) for name in item.close_from)
    return (reopen_stage(item),)


def is_closed(item: Item, state: dict[str, Any]) -> bool:
    return state.get("stage", 0) >= final_stage(item)


def missing_required(item: Item, fields: Mapping[str, str]) -> list[str]:
    """Titles of the required columns that ``fields`` leaves empty."""
    return [c.title for c in item.columns if c.required and not fields.get(c.id, "").strip()]


def check_complete(item: Item, fields: Mapping[str, str]) -> None:
    missing = missing_required(item, fields)
    if missing:
        raise Refusal("required", columns=tuple(missing))


def check_reviewer(item: Item, owner: str, reviewer: str) -> None:
    """A row is never signed off by the person who owes it, however either of them came to be set."""
    if item.owner and owner and owner.strip() == reviewer.strip():
        raise Refusal("reviewer-is-owner", owner=owner.strip())


def check_close_reviewer(item: Item, fields: Mapping[str, str], reviewer: str, roster: Roster | None) -> None:
    """Who may sign off a row with these cells: someone named, not its owner, and in the roster (when known).

    The reviewer prompt asks this before the evidence is typed, so nothing
    typed after it is lost to a refusal; the use case asks again on the row as saved.
    """
    if not reviewer.strip():
        raise Refusal("reviewer")
    check_reviewer(item, fields.get(item.owner, "") if item.owner else "", reviewer)
    if roster is not None and roster.person(reviewer.strip()) is None:
        raise Refusal("reviewer-unknown", name=reviewer.strip())


def check_stage(item: Item, state: dict[str, Any], action: str) -> None:
    """Whether ``action`` may start from the row's stage; nothing about what the user typed."""
    stage, last = state.get("stage", 0), final_stage(item)
    if action == "row-reopen":
        if stage != last:
            raise Refusal("not-closed")
        return
    if action not in ROW_ACTIONS or action == "row-add":
        raise Refusal("unknown-action", action=action)
    if stage >= last:
        raise Refusal("closed", action=action)
    if action == "row-advance" and stage >= last - 1:
        raise Refusal("to-final", final=item.stages[last])
    if action == "row-back" and stage == 0:
        raise Refusal("first-stage", stage=item.stages[0])
    if action == "row-close" and stage not in close_stages(item):
        raise Refusal("close-stage", stage=item.stages[stage], allowed=tuple(item.stages[s] for s in close_stages(item)))


def check_transition(item: Item, state: dict[str, Any], action: str, *, fields: dict[str, str] | None = None,
                     reason: str = "", reviewer: str = "", evidence: str = "",
                     roster: Roster | None = None) -> dict[str, Any]:
    """What the event for ``action`` on this row records (its new stage and details), or Refusal.

    ``fields`` are the edited cells, already checked against their column
    types; the row as it would be after the edit must still be complete.
    """
    check_stage(item, state, action)
    stage = state.get("stage", 0)
    current = state.get("fields", {})
    if action == "row-edit":
        fields = fields or {}
        check_complete(item, {**current, **fields})
        if item.owner in fields and state.get("reviewer"):
            check_reviewer(item, fields[item.owner], state["reviewer"])
        return {"stage": stage, "fields": fields}
    if action == "row-advance":
        return {"stage": stage + 1}
    if action in ("row-back", "row-reopen"):
        if not reason.strip():
            raise Refusal("reason", action=action)
        return {"stage": stage - 1 if action == "row-back" else reopen_stage(item), "reason": reason.strip()}
    check_close_reviewer(item, current, reviewer, roster)
    if not evidence.strip():
        raise Refusal("evidence")
    return {"stage": final_stage(item), "reviewer": reviewer.strip(), "evidence": evidence.strip()}


def check_undo(event: dict[str, Any]) -> None:
    """Undoing a sign-off would reopen a row with no reason on record; reopening is the way."""
    if event.get("action") == "row-close":
        raise Refusal("undo-close")


def check_fields(item: Item, values: Mapping[str, str], roster: Roster, *, partial: bool = False,
                 period: Period | None = None) -> dict[str, str]:
    """Cells typed by a person (keyed by column id or title), checked against the column types.

    Returns them keyed by column id, dates in ISO form. ``partial``: an edit
    of some cells (whether the row stays complete is check_transition's call).
    With the row's ``period``, its deadline must lie within ten years of it.
    """
    known = {c.id: c for c in item.columns} | {c.title: c for c in item.columns}
    fields: dict[str, str] = {}
    for name, value in values.items():
        column = known.get(name.strip())
        if column is None:
            raise Refusal("column-unknown", item=item.title, name=name, known=tuple(c.title for c in item.columns))
        value = value.strip()
        check_text(column.title, value, multiline=column.type == "text")
        if value and column.type == "person" and roster.person(value) is None:
            raise Refusal("cell-person-unknown", column=column.title, name=value)
        if value and column.type == "dept" and value not in roster.depts():
            raise Refusal("cell-dept-unknown", column=column.title, name=value, known=tuple(roster.depts()))
        if value and column.type == "date":
            day = parse_date(value, column.title)
            if period is not None and column.id == item.deadline:
                check_deadline(day, period, column.title)
            value = day.isoformat()
        fields[column.id] = value
    if not partial:
        check_complete(item, fields)
    return fields


def edited_cells(item: Item, current: Mapping[str, str], values: Mapping[str, str], roster: Roster,
                 period: Period | None = None) -> dict[str, str]:
    """The cells of ``values`` that differ from the row's ``current`` cells once stored (trimmed, dates in ISO form).

    An edit records only these, so a row's history says what was changed,
    not every cell the form showed. A cell typed as it stands is not checked
    again: a 责任人 since gone from the roster does not block editing 进展.
    """
    typed = {name: value for name, value in values.items() if value.strip() != current.get(name, "").strip()}
    checked = check_fields(item, typed, roster, partial=True, period=period)
    changed = {name: value for name, value in checked.items() if value != current.get(name, "")}
    check_complete(item, {**current, **changed})
    return changed


def check_unchanged(item: Item, state: Mapping[str, Any], loaded: Mapping[str, str], fields: Mapping[str, str],
                    history: Callable[[], Iterable[Mapping[str, Any]]], roster: Roster | None = None) -> None:
    """Refuse an edit of cells someone else changed since the form showed them: nothing is overwritten.

    Two people editing one row each send only the cells they changed; the
    second must not silently replace the first's value. ``loaded`` are the
    cells as the form showed them, ``fields`` the ones this edit sets, and
    ``state`` the row as it stands now (under the lock). A cell that already
    holds what this edit sets is no conflict. ``history`` gives the row's
    events, read only when there is a conflict, to name who set the value, when.
    """
    current = state.get("fields", {})
    stale = [c for c in item.columns if c.id in fields
             and current.get(c.id, "") != loaded.get(c.id, "") and current.get(c.id, "") != fields[c.id]]
    if not stale:
        return
    column = stale[0]
    account, time = cell_setter(history(), column.id) or (state.get("account", ""), state.get("updated", ""))
    person = roster.accounts.get(account, "") if roster is not None else ""
    raise Refusal("row-changed-since", row=str(state.get("subject", "")).lstrip("#"), column=column.title,
                  value=current.get(column.id, ""), account=account, person=person, time=time,
                  columns=tuple(c.title for c in stale))


def cell_setter(events: Iterable[Mapping[str, Any]], column: str) -> tuple[str, str] | None:
    """(account, time) of the event that gave a row's cell its present value (an undo included), or None."""
    state: dict[str, Any] | None = None
    found = None
    for event in sorted(events, key=lambda e: (e.get("seq", 0), e["time"])):
        before = (state or {}).get("fields", {}).get(column, "")
        state = apply_event(state, event)
        if state["fields"].get(column, "") != before:
            found = (event.get("account", ""), event["time"])
    return found


def refused_column(item: Item, refusal: Refusal) -> str | None:
    """The id of the column a refusal of check_fields or edited_cells is about (the first, if several)."""
    fields = refusal.fields
    columns = fields.get("columns")
    named = [fields.get("column"), fields.get("field"), *(columns if isinstance(columns, tuple) else ())]
    ids = {c.title: c.id for c in item.columns}
    return next((ids[name] for name in named if name in ids), None)


def check_ledger(item: Item) -> None:
    if item.kind != "ledger":
        raise Refusal("not-ledger", item=item.title)
