"""Replaying events into states and naming the differences, without any database."""

from __future__ import annotations

from checklists.audit import Difference, differences, replay_states
from checklists.records import StateKey

LECTURE = StateKey("qinglian-wenhua", "dajiangtang", "2024", "org")


def event(n: int, action: str, **extra) -> dict:
    return {"id": f"e{n}", "time": f"2024-03-0{n}T08:00:00Z", "account": "clerk", "action": action,
            "checklist": "qinglian-wenhua", "item": "dajiangtang", "period": "2024", "subject": "org", **extra}


def test_replay_uses_the_target_and_keeps_bookkeeping() -> None:
    events = [event(1, "count", date="2024-03-01"), event(2, "count", date="2024-03-02")]
    states, unusable = replay_states(events, {"qinglian-wenhua/dajiangtang": 3})
    state = states[LECTURE]
    assert (state["state"], state["count"], state["event"], state["updated"]) == ("open", 2, "e2", events[1]["time"])
    assert unusable == []
    assert replay_states(events, {})[0][LECTURE]["state"] == "done"


def test_differences_name_field_and_missing_sides() -> None:
    replayed, _ = replay_states([event(1, "count", date="2024-03-01")], {"qinglian-wenhua/dajiangtang": 2})
    forged = {k: dict(v, state="done") for k, v in replayed.items()}
    assert differences(forged, replayed) == [Difference(LECTURE, "state", "done", "open")]
    assert differences({}, replayed)[0].stored is None
    assert differences(replayed, {})[0].replayed is None
    assert differences(replayed, replayed) == []


def test_an_event_no_rule_can_apply_is_reported_not_raised() -> None:
    states, unusable = replay_states([event(1, "explode"), {"id": "e2"}], {})
    assert (states, unusable) == ({}, [1, 2])
