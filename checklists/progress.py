"""How events change the state of one (checklist, item, period, subject).

Pure rules shared by the store (which keeps the state in step with each event)
and by replays such as ``status --as-of`` (which rebuild it from history).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import Refusal

ACTIONS = ("done", "undone", "na", "note", "evidence", "count", "undo")
# Ledger rows: the store works out the resulting stage and puts it in the
# event, so replaying history needs no knowledge of the ledger's definition.
ROW_ACTIONS = ("row-add", "row-edit", "row-advance", "row-back", "row-close", "row-reopen")
# Fields of a state record that an event may change; undo restores these.
STATE_FIELDS = ("state", "count", "dates", "note", "evidence", "reason", "stage", "fields", "reviewer")


def empty_state() -> dict[str, Any]:
    return {"state": "open", "count": 0, "dates": [], "note": "", "evidence": [], "reason": "",
            "stage": 0, "fields": {}, "reviewer": ""}


def state_fields(state: Mapping[str, Any] | None) -> dict[str, Any]:
    """A copy of what events change in an entry (every field present), e.g. to compare two states."""
    if not state:
        return empty_state()
    # Spelled out rather than looped over STATE_FIELDS: a replay calls this for every event.
    return {"state": state.get("state", "open"), "count": state.get("count", 0),
            "dates": list(state["dates"]) if "dates" in state else [], "note": state.get("note", ""),
            "evidence": list(state["evidence"]) if "evidence" in state else [], "reason": state.get("reason", ""),
            "stage": state.get("stage", 0), "fields": dict(state["fields"]) if "fields" in state else {},
            "reviewer": state.get("reviewer", "")}


def check_untick(kind: str, state: Mapping[str, Any] | None, **entry: str) -> None:
    """Unticking must take something back: a tick, one count, or an n/a.

    Unticking an entry that is still open would add an event that changes
    nothing, and the audit trail would show an undone tick that never was.
    ``entry`` (item, subject, period) names the entry in the refusal.
    """
    current = state_fields(state)
    if kind == "count":
        if current["count"] == 0 and current["state"] != "na":
            raise Refusal("no-count", **entry)
    elif current["state"] == "open":
        raise Refusal("not-done", **entry)


def apply_event(state: Mapping[str, Any] | None, event: Mapping[str, Any], target: int = 1) -> dict[str, Any]:
    """The state after ``event``; ``target`` is the count item's goal per period.

    A count item is "done" once its occurrences reach the target, so progress
    reads the same whichever way it was reached.
    """
    new = state_fields(state)
    advance(new, event, target)
    return new


def advance(new: dict[str, Any], event: Mapping[str, Any], target: int = 1) -> None:
    """Apply ``event`` to ``new`` (every field present) in place, as apply_event does to a copy.

    A replay of a whole database (verify) goes through every event, and a
    copy of the state per event was most of its time. A malformed event
    raises before anything is changed, so the state is still the one before
    it: every value is read from the event first.
    """
    action = event["action"]
    note, added = event.get("note"), event.get("evidence")
    if action == "undo":
        restored = state_fields(event.get("restore"))
        new.clear()
        new.update(restored)
    elif action == "done":
        new.update(state="done", reason="")
    elif action == "undone":
        if new["dates"]:
            new["dates"].pop()
            new["count"] = len(new["dates"])
            new["state"] = "done" if new["count"] >= target else "open"
        else:
            new["state"] = "open"
        new["reason"] = ""
    elif action == "na":
        new.update(state="na", reason=event.get("reason", ""))
    elif action == "count":
        day = event.get("date") or event["time"][:10]
        new["dates"].append(day)
        new["count"] = len(new["dates"])
        new["state"] = "done" if new["count"] >= target else "open"
        new["reason"] = ""
    elif action in ROW_ACTIONS:
        fields = dict(event.get("fields", {}))  # what dict.update would take, or the error it would raise
        reason, reviewer = event.get("reason", ""), event.get("reviewer", "")
        new["fields"].update(fields)
        new["stage"] = event.get("stage", new["stage"])
        new["state"] = "done" if action == "row-close" else "open"
        new["reason"] = reason
        if action == "row-close":
            new["reviewer"] = reviewer
        elif action == "row-reopen":
            # The sign-off no longer holds; its close event keeps who signed and on what evidence.
            new["reviewer"], new["evidence"] = "", []
    elif action == "note":
        pass
    elif action == "evidence":
        new["evidence"].append(event["evidence"])
    else:
        raise ValueError(f"unknown action {action!r}")
    if note:
        new["note"] = note
    if added and action != "evidence":
        new["evidence"].append(added)
