"""`duty-tui status` with no options, kept with the database: the same bytes as computing it, for every terminal.

The computed answer to compare with is `status --limit 30`: the same table
(30 is the table's default), reached through Typer and never kept.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from store.tinydb import TinyStore
from tests.cli.test_remind import TODAY, db, tick  # noqa: F401 - the fixture
from tests.conftest import run_cli
from tests.support.probe import entry
from tests.support.tmux import Tmux

BIN = Path(sys.executable).parent / "duty-tui"


def status(db: Path, **env: str) -> tuple[str, list[str]]:
    return entry("--db", str(db), "status", DUTY_TUI_TODAY=TODAY, **env)


def computed(db: Path, **env: str) -> str:
    out = run_cli(db, "status", "--limit", "30", DUTY_TUI_TODAY=TODAY, **env)
    assert out.returncode == 0, out.stderr
    return out.stdout


def kept_terminals(db: Path) -> list[dict]:
    """The terminals the kept summary has a status text for: tui.fast.terminal's context, and the console's size."""
    data = json.loads(db.with_name("duty.json.summary").read_text("utf-8"))["data"]
    return [{"context": entry["context"], "size": entry["size"]} for entry in data.get("status", [])]


@pytest.mark.parametrize("env", [{}, {"COLUMNS": "120"}, {"NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "xterm"},
                                 {"TERM": "dumb", "FORCE_COLOR": "1"}], ids=str)
def test_kept_for_a_pipe_it_is_what_computing_it_gives(db: Path, env: dict[str, str]) -> None:
    first, loaded = status(db, **env)
    assert "rich" in loaded and first == computed(db, **env)
    again, loaded = status(db, **env)
    assert (again, loaded) == (first, [])
    if env.get("FORCE_COLOR") and env.get("TERM") != "dumb":
        assert "\x1b[1m" in again  # colour forced on a pipe: the kept text carries it too


def test_kept_per_kind_of_terminal_at_most_four(db: Path) -> None:
    texts = {}
    for columns in ("80", "90", "100", "110", "120"):
        texts[columns] = status(db, COLUMNS=columns)[0]
    assert [t["size"][0] for t in kept_terminals(db)] == [120, 110, 100, 90]
    assert status(db, COLUMNS="90") == (texts["90"], [])
    assert "rich" in status(db, COLUMNS="80")[1]  # the oldest was let go


def test_every_write_through_the_command_line_keeps_each_terminals_text_current(db: Path) -> None:
    for columns in ("80", "100"):
        status(db, COLUMNS=columns)
    done = run_cli(db, "tick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "-p", "2024", DUTY_TUI_TODAY=TODAY)
    assert done.returncode == 0, done.stderr
    for columns in ("80", "100"):
        text, loaded = status(db, COLUMNS=columns)
        assert loaded == [] and text == computed(db, COLUMNS=columns)


def test_a_write_elsewhere_is_never_answered_from_the_old_text(db: Path) -> None:
    before, _ = status(db)
    tick(TinyStore(db), "yishu-sibiao", "chengnuoshu", "2024", "张三")
    after, loaded = status(db)
    assert "rich" in loaded and after != before and after == computed(db)


def test_in_a_real_terminal_the_kept_text_is_what_the_terminal_showed(db: Path) -> None:
    # The terminal's own size, not the COLUMNS the test environment sets.
    command = shlex.join(["env", "-u", "COLUMNS", "-u", "LINES", f"DUTY_TUI_TODAY={TODAY}", str(BIN), "--db", str(db),
                          "status", "--limit", "30"])
    shown = []
    for plain in (False, True, True):  # computed through Typer, then computed and kept, then read back
        line = command.replace(" --limit 30", "") if plain else command
        with Tmux(f"{line}; echo STATUS-DONE", width=100, height=120) as terminal:
            terminal.wait_for("STATUS-DONE")
            # With the scrollback: a quick answer may be printed before tmux has given the pane its full height.
            everything = terminal.run("capture-pane", "-p", "-S", "-", "-t", "main")
            shown.append(everything.split("STATUS-DONE")[0].lstrip("\n"))
    assert "各清单进度" in shown[0] and shown[0] == shown[1] == shown[2]
    (kept,) = [t for t in kept_terminals(db) if t["context"]["tty"]]
    assert kept["size"] == [100, 120] and kept["context"]["size"] == [100, 120]


def test_options_are_always_computed(db: Path) -> None:
    status(db)
    for args in (["--all"], ["-f", "json"], ["--mine"]):
        _, loaded = entry("--db", str(db), "status", *args, DUTY_TUI_TODAY=TODAY)
        assert "checklists" in loaded, args


def test_the_tui_board_brings_the_kept_text_up_to_date(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from checklists.loader import load_library
    from tests.cli.test_remind_summary import join_keepers
    from tui.board import Board
    from tui.resolve import settings_for

    status(db)
    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    board = Board(TinyStore(db), load_library(), settings=settings_for({"db": db, "checklists": None}))
    board.load()
    tick(TinyStore(db), "yishu-sibiao", "chengnuoshu", "2024", "张三")  # another session's write
    board.load()
    join_keepers()
    text, loaded = status(db)
    assert loaded == [] and text == computed(db)
