"""Build databases with N stored events for benchmarks, through the store's own code.

Events are spread the way a bureau's history is: every built-in checklist,
its items, periods from 2019 to 2026 and a roster of 60 people in 6 branches.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from checklists.loader import load_library
from checklists.progress import apply_event
from store.tinydb.changes import _append, shard_name, state_key
from store.tinydb import TinyStore
from store.tinydb.db import utc_now
from checklists.roster import Person
from store.tinydb.roster import add_people

BRANCHES = [f"第{n}党支部" for n in "一二三四五六"]
ROLE_SETS = [("党组书记", "党员"), ("班子成员", "党员"), ("班子成员", "党员"), ("中层干部", "党员"), ("党员",),
             ("干部",), ("预备党员",), ("发展对象",), ("新提任干部", "党员")]


def roster() -> list[Person]:
    return [Person(f"干部{n:03d}", ROLE_SETS[n % len(ROLE_SETS)], f"科室{n % 8}", BRANCHES[n % 6])
            for n in range(60)]


def period_key(every: str, rng: random.Random) -> str:
    year = rng.randint(2019, 2026)
    return {"once": "once", "year": f"{year}", "half": f"{year}-H{rng.randint(1, 2)}",
            "quarter": f"{year}-Q{rng.randint(1, 4)}", "month": f"{year}-{rng.randint(1, 12):02d}"}[every]


def plan(n_events: int, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """Raw events (unsealed) grouped by shard."""
    rng = random.Random(seed)
    library = list(load_library())
    people = roster()
    shards: dict[str, list[dict[str, Any]]] = {}
    for n in range(n_events):
        checklist = rng.choice(library)
        item = rng.choice(checklist.items)
        if checklist.scope == "org":
            subject = "org"
        elif checklist.scope == "branch":
            subject = rng.choice(BRANCHES)
        else:
            subject = rng.choice([p.name for p in people if set(p.roles) & set(checklist.roles)] or ["干部000"])
        action = "count" if item.kind == "count" else rng.choice(["done", "done", "note", "undone"])
        period = period_key(item.every, rng)
        event = {"id": f"b{n:07d}", "time": utc_now(), "account": f"user{n % 12}", "action": action,
                 "checklist": checklist.id, "item": item.id, "period": period, "subject": subject,
                 "note": "备注" * rng.randint(0, 6)}
        if action == "count":
            event["date"] = f"{period[:4]}-06-01"
        shards.setdefault(shard_name(checklist.id, period), []).append(event)
    return shards


def build(path: Path, n_events: int, planned: dict[str, list[dict[str, Any]]] | None = None) -> TinyStore:
    """The plan's events (or ``planned``, by shard) written through the store's own append (global numbers, seal, states)."""
    store = TinyStore(path, lock_timeout=60)
    add_people(store, roster())
    targets = load_library().targets()
    for shard, events in (plan(n_events) if planned is None else planned).items():
        with store.change_txn(shard) as (_head, txn):
            states: dict[str, dict[str, Any]] = {}
            for event in events:
                key = state_key(event["item"], event["period"], event["subject"])
                states[key] = apply_event(states.get(key), event, targets[f"{event['checklist']}/{event['item']}"])
                _append(txn, event, states[key])
    return store


def flat_events(n_events: int) -> list[dict[str, Any]]:
    return [e for events in plan(n_events).values() for e in events]

