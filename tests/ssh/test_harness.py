"""The SSH harness itself: login shells read the profile a test gives them, and missing tools skip or fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sshd import SshServer, login_shell
from tests.support.tools import REQUIRE, need


@pytest.mark.slow
def test_profile_snippet_runs_in_an_interactive_login_shell(login_sshd: SshServer, tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.sh"
    # Arithmetic and SSH_TTY only come out right when a shell runs the snippet inside the SSH session.
    snippet.write_text('echo "marker $((6 * 7)) tty=${SSH_TTY:+yes}"\n')
    with login_shell(login_sshd, snippet) as terminal:
        terminal.wait_for("marker 42 tty=yes")
        terminal.keys('echo "shell=$0"', "Enter")  # a login shell's name starts with "-"
        terminal.wait_for("shell=-")
        terminal.keys("exit", "Enter")
        assert terminal.exit_status() == 0, terminal.screen()


def test_a_missing_tool_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-sshd"):
        need("/nonexistent/no-such-sshd", "openssh-server")


def test_a_missing_tool_fails_when_terminal_tests_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception, match="openssh-server"):
        need("/nonexistent/no-such-sshd", "openssh-server")
    need("sh", "dash")  # present: nothing happens
