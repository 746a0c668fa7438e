"""The kept `status` text is drawn in two parts, and a write that leaves the listed rows as they were reuses the
open items table drawn before instead of drawing it again with Rich."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import tui.render.status
from checklists.clock import ENV_TODAY
from store.tinydb import TinyStore
from tests.cli.test_summary_delta import LIBRARY, TERMINALS, computed_afresh, kept
from tests.support import writes
from tests.support.writes import Change, add_person
from tui import reminders
from tui.render.console import render_for
from tui.render.status import render_table
from tui.resolve import settings_for
from tui.status_view import StatusArgs, listed, table_text

START = date(2024, 5, 20)
MORE = [{"context": {"tty": True, "size": [40, 20], "env": {"TERM": "dumb"}, "encoding": "ascii"}, "size": [40, 20]},
        {"context": {"tty": True, "size": [200, 50], "env": {"TERM": "xterm-256color", "FORCE_COLOR": "1"},
                     "encoding": "utf-8"}, "size": [200, 50]}]


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> TinyStore:
    """Twenty people: far more open items than the table lists."""
    monkeypatch.setenv(ENV_TODAY, START.isoformat())
    found = TinyStore(tmp_path / "duty.json")
    for n in range(20):
        add_person(found, f"干部{n:02}", ["班子成员", "党员"], "办公室", "第一党支部")
    return found


@pytest.mark.parametrize("terminal", TERMINALS + MORE, ids=lambda t: str(t["size"]))
def test_the_parts_print_as_the_whole_table_does(store: TinyStore, terminal: dict) -> None:
    settings = settings_for({"db": str(store.location)})
    roster, plain, flt = reminders.compute(store, LIBRARY, settings, START)
    shown, hidden, year = listed(plain, StatusArgs())
    assert hidden  # the line saying how many are left out is drawn too
    whole = render_for(terminal["context"], terminal["size"],
                       render_table(plain.progress, shown, str(store.location), START, None, "checklist", year,
                                    since=flt.since),
                       f"另有 {hidden} 项待办未列出：用 --limit 0 全部列出，或用 --checklist、--person、--branch 缩小范围。")
    parts: dict[str, str] = {}
    assert table_text(plain, str(store.location), START, StatusArgs(), flt.since, terminal, parts) == whole
    assert table_text(plain, str(store.location), START, StatusArgs(), flt.since, terminal, parts) == whole
    assert list(parts.values()) and list(parts.values())[0] in whole


def test_a_write_outside_the_listed_rows_reuses_the_open_items_drawn_before(
        store: TinyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_for({"db": str(store.location)})
    store.save_summary({"status": TERMINALS}, store.signature())
    assert reminders.refresh_summary(store, LIBRARY, settings) == "full"
    drawn: list[object] = []
    real = tui.render.status.open_items_table
    monkeypatch.setattr(tui.render.status, "open_items_table", lambda *a, **k: drawn.append(a) or real(*a, **k))
    _, plain, _ = reminders.compute(store, LIBRARY, settings, START)
    listed_rows, _, _ = listed(plain, StatusArgs())
    listed_keys = {(r.checklist.id, r.item.id, r.subject) for r in listed_rows}
    outside = next(r for r in plain.shown if r.item.kind == "check" and r.state == "open"
                   and (r.checklist.id, r.item.id, r.subject) not in listed_keys)
    writes.record(store, Change(outside.checklist, outside.item, outside.period, outside.subject, "done"),
                  account="clerk")
    assert reminders.refresh_summary(store, LIBRARY, settings) == "delta"
    assert drawn == []
    assert kept(store) == computed_afresh(store, settings, START)
    # A write to a listed row draws that table again, and the text is still what a full computation gives.
    first = listed_rows[0]
    writes.record(store, Change(first.checklist, first.item, first.period, first.subject,
                                "na" if first.item.kind == "check" else "done", reason="本期无此项工作"),
                  account="clerk")
    drawn.clear()
    assert reminders.refresh_summary(store, LIBRARY, settings) == "delta"
    assert len(drawn) == len(TERMINALS)
    assert kept(store) == computed_afresh(store, settings, START)
