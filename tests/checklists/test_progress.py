"""Which changes mean something on an entry's current state."""

from __future__ import annotations

import pytest

from checklists.errors import Refusal
from checklists.progress import apply_event, check_untick


def after(*actions: str, target: int = 1) -> dict | None:
    state = None
    for n, action in enumerate(actions):
        state = apply_event(state, {"action": action, "time": f"2024-05-0{n + 1}T00:00:00Z", "reason": "r"}, target)
    return state


@pytest.mark.parametrize(("kind", "actions", "refused"), [
    ("check", (), "not-done"),
    ("check", ("done",), None),
    ("check", ("done", "undone"), "not-done"),
    ("check", ("na",), None),  # withdraws the n/a
    ("check", ("note",), "not-done"),
    ("count", (), "no-count"),
    ("count", ("count",), None),
    ("count", ("count", "undone"), "no-count"),
    ("count", ("count", "count", "undone"), None),
    ("count", ("na",), None),
])
def test_untick_must_take_something_back(kind, actions, refused) -> None:
    state = after(*actions, target=2)
    if refused is None:
        check_untick(kind, state)
        return
    with pytest.raises(Refusal) as refusal:
        check_untick(kind, state)
    assert refusal.value.code == refused
