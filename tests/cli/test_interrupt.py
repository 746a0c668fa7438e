"""Ctrl-C while the program is still loading its modules ends quietly, as it does later on."""

from __future__ import annotations

import sys

import pytest


def test_an_interrupt_before_the_commands_are_loaded_is_exit_130_without_a_traceback(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import tui.cli
    from tui import entry

    def interrupted() -> None:
        raise KeyboardInterrupt  # as if it came inside `import typer`

    monkeypatch.setattr(tui.cli, "main", interrupted)
    monkeypatch.setattr(sys, "argv", ["duty-tui", "verify"])
    with pytest.raises(SystemExit) as ended:
        entry.main()
    assert ended.value.code == 130
    assert capsys.readouterr().err == ""
