"""The kept summary, brought up to date by what each write changed, equals the summary computed afresh.

A random sequence of writes (ticks, counts, not-applicable, notes, undo,
ledger rows added and moved between stages, several writes before one
refresh) is followed by refresh_summary, and what it kept is compared, field
by field and the `status` texts byte by byte, with a full computation from
the files. Roster changes and the turn of a day cannot be followed checklist
by checklist: for them the refresh must compute in full, and still agree.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checklists.clock import ENV_TODAY
from checklists.errors import Refusal
from checklists.loader import load_library
from checklists.outstanding import subjects
from checklists.periods import period_for
from checklists.rules import count_date
from store.tinydb import TinyStore
from tests.support import writes
from tests.support.writes import Change, add_person
from tui import reminders, usecases
from tui.resolve import settings_for

START = date(2024, 5, 20)
LIBRARY = load_library()
# Kinds of terminal `status` was asked on: a pipe, and a colour terminal of another width.
TERMINALS = [
    {"context": {"tty": False, "size": None, "env": {"TERM": "xterm"}, "encoding": "utf-8"}, "size": [80, 25]},
    {"context": {"tty": True, "size": [110, 30], "env": {"TERM": "xterm-256color"}, "encoding": "utf-8"},
     "size": [110, 30]},
]
ENTRIES = [(c, i) for c in LIBRARY for i in c.items if i.kind != "ledger" and not c.term_years]
LEDGER = LIBRARY.get("guapai-duban")
ROLE_SETS = [("班子成员", "党员"), ("党组书记", "党员"), ("党员",), ("干部",), ("中层干部", "党员")]

write_op = st.one_of(
    st.tuples(st.just("entry"), st.integers(0, len(ENTRIES) - 1), st.integers(0, 9),
              st.sampled_from(["done", "done", "undone", "na", "note"]), st.booleans()),
    st.tuples(st.just("undo")),
    st.tuples(st.just("ledger-add"), st.integers(-20, 20)),
    st.tuples(st.just("ledger-stage"), st.integers(1, 3), st.sampled_from(["row-advance", "row-back"])),
)
full_op = st.one_of(
    st.tuples(st.just("person-add"), st.integers(0, len(ROLE_SETS) - 1)),
    st.tuples(st.just("person-remove")),
    st.tuples(st.just("link")),
    st.tuples(st.just("term"), st.integers(0, 5)),
    st.tuples(st.just("day")),
)
# Each step: an operation, and whether a refresh follows it (otherwise the next refresh covers both).
step = st.tuples(st.one_of(write_op, write_op, write_op, full_op), st.booleans())


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_TODAY, START.isoformat())


def fresh(path: Path) -> TinyStore:
    store = TinyStore(path)
    add_person(store, "张三", ["班子成员", "党员"], "办公室", "第一党支部")
    add_person(store, "李四", ["党组书记", "党员"], "财务科", "第二党支部")
    add_person(store, "王五", ["党员"], "财务科", "第二党支部")
    writes.link_account(store, "clerk", "张三")
    return store


def kept(store: TinyStore) -> dict:
    """The summary kept, with the rows kept beside it; only while current."""
    found = store.kept_summary()
    assert found is not None and store.summary() is not None
    return found[0]  # type: ignore[return-value]


def computed_afresh(store: TinyStore, settings, day: date, terminals: list = TERMINALS) -> dict:
    """The summary as a reader with no kept copy computes it, for the same terminals."""
    roster, plain, flt = reminders.compute(store, LIBRARY, settings, day)
    return reminders.summarize(store, LIBRARY, settings, day, roster, plain, flt, terminals)


def apply(store: TinyStore, op: tuple, day: date, added: list[str]) -> date:
    """Carry out one operation; a refusal by the rules (nothing to undo, a stage that cannot move) writes nothing."""
    kind = op[0]
    roster = store.roster()
    try:
        if kind == "entry":
            _, n, pick, action, earlier = op
            c, item = ENTRIES[n]
            who = subjects(c, roster.active(), roster.branches)
            if not who:
                return day
            period = period_for(item.every, day)
            if earlier and item.every != "once":
                period = period.shift(-1)  # an earlier period's entry: carried while open
            extra: dict[str, str] = {"note": f"备注{pick}"} if action == "note" else {}
            if action == "na":
                extra["reason"] = "本期无此项工作"
            if item.kind == "count" and action == "done":
                action, extra["date"] = "count", count_date(period, today=day).isoformat()
            writes.record(store, Change(c, item, period, who[pick % len(who)][0], action, **extra), account="clerk")
        elif kind == "undo":
            writes.undo_last(store, LIBRARY.targets(), account="clerk")
        elif kind == "ledger-add":
            row = {"事项": f"督办事项{op[1]}", "责任人": "王五", "责任科室": "财务科",
                   "时限": (day + timedelta(days=op[1])).isoformat()}
            writes.add_rows(store, LEDGER, LEDGER.items[0], period_for("year", day), [row], account="clerk")
        elif kind == "ledger-stage":
            writes.change_row(store, LEDGER, LEDGER.items[0], period_for("year", day), str(op[1]), op[2], account="clerk",
                             reason="复核退回")
        elif kind == "person-add":
            name = f"干部{len(added)}"
            add_person(store, name, ROLE_SETS[op[1]], "办公室", "第一党支部")
            added.append(name)
        elif kind == "person-remove" and added:
            usecases.remove_person(writes.session(store), usecases.RemovePerson(added.pop()))
        elif kind == "link":
            writes.link_account(store, "clerk", "李四" if roster.accounts.get("clerk") == "张三" else "张三")
        elif kind == "term":
            writes.set_branch_term(store, "第一党支部", date(2021 + op[1], 3, 1))
        elif kind == "day":
            day += timedelta(days=1)
            os.environ[ENV_TODAY] = day.isoformat()
    except Refusal:
        pass
    return day


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=6))
def test_the_summary_kept_by_deltas_equals_a_full_computation(pinned: None, steps: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.environ[ENV_TODAY] = START.isoformat()
        path = Path(folder) / "duty.json"
        store = fresh(path)
        settings_ = settings_for({"db": str(path)})
        store.save_summary({"status": TERMINALS}, store.signature())  # `status` was asked on these terminals
        assert reminders.refresh_summary(store, LIBRARY, settings_) == "full"  # that stub has no rows
        day, added = START, []
        seen = (repr(store.roster()), day)  # what the summary was last kept for, besides the records
        for op, refresh in steps:
            day = apply(store, op, day, added)
            if not refresh:
                continue
            how = reminders.refresh_summary(store, LIBRARY, settings_)
            # Another roster or another day: computed in full; records alone: by delta (whatever else
            # happened in between, a roster written back as it was included).
            now = (repr(store.roster()), day)
            assert how == ("full" if now != seen else "delta"), (op, how)
            seen = now
            assert kept(store) == computed_afresh(store, settings_, day)

def test_a_write_recomputes_only_the_checklists_it_changed(pinned: None, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The delta reads and computes the written checklist alone; every other checklist's rows come from the kept
    summary, and the whole still equals a full computation."""
    store = fresh(tmp_path / "duty.json")
    settings_ = settings_for({"db": str(store.location)})
    store.save_summary({"status": TERMINALS[:1]}, store.signature())
    reminders.refresh_summary(store, LIBRARY, settings_)
    asked: list[set[tuple[str, str]]] = []
    real = TinyStore.states
    monkeypatch.setattr(TinyStore, "states", lambda self, wanted: asked.append(wanted) or real(self, wanted))
    yishu = LIBRARY.get("yishu-sibiao")
    writes.record(store, Change(yishu, yishu.item("chengnuoshu"), period_for("year", START), "张三", "done"), account="clerk")
    assert reminders.refresh_summary(store, LIBRARY, settings_) == "delta"
    assert asked and {c for wanted in asked for c, _ in wanted} == {"yishu-sibiao"}
    assert kept(store) == computed_afresh(store, settings_, START, TERMINALS[:1])
