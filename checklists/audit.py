"""Rebuilding stored states from their events, and naming where the two differ.

Pure: ``verify`` passes one shard's events in their order and its stored state
records; the rules the store applied when writing (progress.apply_event) say
what each state must be. A count item's "done" depends on its target, so the
caller passes the library's targets, keyed "checklist/item".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .progress import STATE_FIELDS, advance, empty_state
from .records import StateKey

IDENTITY = ("checklist", "item", "period", "subject")
BOOKKEEPING = ("account", "updated", "event")
COMPARED = IDENTITY + STATE_FIELDS + BOOKKEEPING


def entry_of(record: dict[str, Any]) -> StateKey:
    """The entry a record names, even one edited by hand that lacks a field (records.key_of would raise)."""
    get = record.get  # runs for every event of a verify: no generator, no conversion
    return StateKey(get("checklist", ""), get("item", ""), get("period", ""), get("subject", ""))


@dataclass(frozen=True)
class Difference:
    """One way a stored state differs from its replay; ``field`` is "" when a whole side is missing."""

    key: StateKey
    field: str
    stored: Any
    replayed: Any


def replay_states(events: Iterable[dict[str, Any]],
                  targets: dict[str, int]) -> tuple[dict[StateKey, dict[str, Any]], list[int]]:
    """States rebuilt from events in stored order, and the positions (from 1) of events no rule can apply.

    Each state is built up in place (progress.advance): an event no rule can
    apply leaves its entry's state as it was. A verify runs this over every
    event of the database, so the loop is kept lean: plain tuples as keys
    (equal to StateKey), and an entry's identity written once.
    """
    states: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    unusable: list[int] = []
    for position, event in enumerate(events, 1):
        try:
            key = (event["checklist"], event["item"], event["period"], event["subject"])
            account, updated, event_id = event["account"], event["time"], event["id"]
            state = states.get(key) or empty_state()
            advance(state, event, targets.get(f"{key[0]}/{key[1]}", 1))
        except (KeyError, ValueError, TypeError, AttributeError):  # TypeError: also a list where text belongs
            unusable.append(position)
            continue
        if "checklist" not in state:  # new, or cleared by an undo
            state.update(zip(IDENTITY, key, strict=True))
        state["account"], state["updated"], state["event"] = account, updated, event_id
        states[key] = state
    return {StateKey(*key): state for key, state in states.items()}, unusable


def differences(stored: dict[StateKey, dict[str, Any]], replayed: dict[StateKey, dict[str, Any]]) -> list[Difference]:
    """Every field in which a stored state differs from the replayed one, and states only one side has."""
    defaults = empty_state()  # readers take a missing field as its default; so does the comparison
    found: list[Difference] = []
    for key in sorted(stored.keys() | replayed.keys(), key=lambda k: tuple(map(str, k))):
        have, want = stored.get(key), replayed.get(key)
        if have is None or want is None:
            found.append(Difference(key, "", have, want))
            continue
        found += [Difference(key, f, have.get(f, defaults.get(f)), want.get(f)) for f in COMPARED
                  if have.get(f, defaults.get(f)) != want.get(f)]
    return found
