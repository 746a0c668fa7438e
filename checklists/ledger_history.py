"""A ledger row's life, step by step from its events: each stage it left and entered, who moved it and why.

The current state keeps only where a row stands; an inspection asks how it got
there (who signed it off, on what evidence, and why it was reopened), and
every event of the row says it. Pure: the caller passes the events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Item
from .records import Event, StateKey, key_of


@dataclass(frozen=True)
class Step:
    """One event of a row, with the stage names before and after it."""

    event: Event
    before: str
    after: str

    @property
    def moved(self) -> bool:
        return self.before != self.after


def _stage_name(item: Item, stage: int) -> str:
    if not item.stages:
        return ""
    return item.stages[max(0, min(stage, len(item.stages) - 1))]


def row_steps(item: Item, events: Iterable[Event]) -> dict[StateKey, list[Step]]:
    """Each row's steps, oldest first, from the events of one ledger item (any rows, any order).

    An undo restores the stage it undid; an undone addition leaves a row with
    no cells, whose steps are kept: the history shows it was added and taken back.
    """
    by_row: dict[StateKey, list[Event]] = {}
    for event in events:
        if event.get("item") == item.id:
            by_row.setdefault(key_of(event), []).append(event)
    steps: dict[StateKey, list[Step]] = {}
    for key, row_events in by_row.items():
        stage = 0
        out = []
        for event in sorted(row_events, key=lambda e: (e.get("seq", 0), e["time"])):
            before = stage
            if event["action"] == "undo":
                stage = int((event.get("restore") or {}).get("stage", 0))
            elif "stage" in event:
                stage = int(event["stage"])
            out.append(Step(event, _stage_name(item, before) if out else "", _stage_name(item, stage)))
        steps[key] = out
    return steps
