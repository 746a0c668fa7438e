"""`duty-tui` alone starts the TUI without Typer; it must read the options exactly as Typer does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tui.launch
from tui.cli import app
from tui.entry import tui_options

ROOT = Path(__file__).resolve().parents[2]

SAME = [
    [],
    ["--db", "/srv/duty/duty.json"],
    ["--db=/srv/duty/duty.json", "--read-only"],
    ["--checklists", "/etc/duty", "--demo", "--no-mouse"],
    ["--no-mouse", "--checklists=本局清单", "--db", "台账.json"],
]
TO_TYPER = [
    ["status"], ["--help"], ["-h"], ["--version"], ["--db"], ["--db", "--demo"], ["--db="], ["--dbx", "a"],
    ["--demo", "--demo"], ["--db", "a", "--db", "b"], ["--db", "a", "status"], ["--readonly"], ["--", "x"],
]


def typer_reading(argv: list[str], monkeypatch) -> tuple:
    seen: list[tuple] = []

    def capture(ctx, *, demo: bool, mouse: bool) -> None:
        from tui.context import settings

        seen.append((settings(ctx), demo, mouse))

    monkeypatch.setattr(tui.launch, "launch", capture)
    result = CliRunner().invoke(app, argv)
    assert result.exit_code == 0, result.output
    (reading,) = seen
    return reading


@pytest.mark.parametrize("argv", SAME, ids=" ".join)
@pytest.mark.parametrize("env", [{}, {"DUTY_TUI_DB": "/env/duty.json", "DUTY_TUI_CHECKLISTS": "/env/lists"}])
def test_global_options_read_the_same_as_typer(argv, env, monkeypatch) -> None:
    for name in ("DUTY_TUI_DB", "DUTY_TUI_CHECKLISTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert tui_options(argv) == typer_reading(argv, monkeypatch)


@pytest.mark.parametrize("argv", TO_TYPER, ids=" ".join)
def test_anything_else_goes_to_typer(argv) -> None:
    assert tui_options(argv) is None


def test_console_script_without_a_terminal_still_prints_the_summary(tmp_path) -> None:
    """The quick path needs a terminal; a pipe goes through Typer to the status fallback."""
    out = subprocess.run([sys.executable, "-m", "tui", "--db", str(tmp_path / "duty.json")], cwd=ROOT,
                         capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr
    assert "没有终端" in out.stderr and "清单" in out.stdout
