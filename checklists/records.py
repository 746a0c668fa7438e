"""The shapes of what is recorded: events, the states they produce, and the key that names an entry.

They stay plain dicts at run time (TypedDicts), because a year's records are
read straight from JSON by the hundred thousand and a conversion per record
would cost more than the read; the types exist for the checker and the reader.
An entry is named by a StateKey everywhere above the storage format, so no
layer builds or splits key strings of its own.
"""

from __future__ import annotations

from typing import NamedTuple, TypedDict


class StateKey(NamedTuple):
    """One entry: a checklist's item, in one period, for one subject (person, branch, org or ledger row)."""

    checklist: str
    item: str
    period: str
    subject: str


class StateFields(TypedDict, total=False):
    """What an event may change about an entry (see checklists.progress)."""

    state: str  # "open" | "done" | "na"
    count: int
    dates: list[str]
    note: str
    evidence: list[str]
    reason: str
    stage: int
    fields: dict[str, str]
    reviewer: str


class State(StateFields, total=False):
    """An entry's current state, with who changed it last and by which event."""

    checklist: str
    item: str
    period: str
    subject: str
    account: str
    updated: str  # ISO-8601 UTC time of the last event
    event: str  # id of the last event


class Event(TypedDict, total=False):
    """One recorded change. ``time`` is ISO-8601 UTC; ``account`` the OS account that made it."""

    id: str
    time: str
    account: str
    action: str
    checklist: str
    item: str
    period: str
    subject: str
    note: str
    reason: str
    evidence: str
    date: str
    undoes: str
    restore: StateFields
    fields: dict[str, str]
    stage: int
    reviewer: str
    seq: int  # place in its shard
    gseq: int  # place in the whole database (schema 2; absent in events written before)
    hash: str


def key_of(record: State | Event) -> StateKey:
    """The entry an event or a stored state belongs to."""
    return StateKey(record["checklist"], record["item"], record["period"], record["subject"])
