"""duty-tui reached the way users reach it: `ssh -t host duty-tui`, through a real sshd, in an 80x24 terminal.

The tmux tests run the program in a terminal on this machine; here a real
SSH session stands in between, with its own pseudo-terminal, environment
and hang-up handling.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sshd import SshServer, private_dirs, remote_command
from tests.support.tmux import Tmux

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent / "duty-tui"
TODAY = "2024-05-20"


def duty_tui(folder: Path, *args: str) -> str:
    """The remote command line: the installed program on a private database, with a pinned day."""
    env = {"DUTY_TUI_TODAY": TODAY, **private_dirs(folder)}
    return remote_command([str(BIN), "--db", str(folder / "duty.json"), *args], env)


def test_dashboard_over_ssh_t_and_q_quits_cleanly(sshd: SshServer, tmp_path: Path) -> None:
    # A tick made here must show over SSH: proof the remote program opened this database on this day.
    subprocess.run([str(BIN), "--db", str(tmp_path / "duty.json"), "tick", "jieri-lianjie", "chunjie"],
                   env={**os.environ, "DUTY_TUI_TODAY": TODAY}, check=True, capture_output=True)
    with Tmux(shlex.join(sshd.client(duty_tui(tmp_path), tty=True)), timeout=30) as terminal:
        terminal.wait_for("清单进度")
        terminal.keys("/")  # a new database lists its first steps above the table: find the row wherever it is
        terminal.wait_for("搜索清单或事项")
        terminal.keys("节日廉洁", "Enter")
        screen = terminal.wait_for("节日廉洁提醒")  # the table paints after the heading
        row = next(line for line in screen.splitlines() if "节日廉洁提醒" in line)
        assert TODAY in screen and " 1/" in row, screen
        terminal.keys("q")
        assert terminal.exit_status() == 0, terminal.screen()


def test_ssh_without_t_prints_the_summary_and_the_hint(sshd: SshServer, tmp_path: Path) -> None:
    proc = subprocess.run(sshd.client(duty_tui(tmp_path)), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "各清单进度" in proc.stdout and "ssh -t" in proc.stderr


def test_ssh_t_opens_the_database_the_system_config_names(sshd: SshServer, tmp_path: Path) -> None:
    """No --db, no DUTY_TUI_DB, no profile: the config file alone leads `ssh -t host duty-tui` to the shared data."""
    shared = tmp_path / "srv" / "bureau.json"
    for args in (["people", "add", "张三", "--role", "班子成员"], ["whoami", "--link", "张三"]):
        subprocess.run([str(BIN), "--db", str(shared), *args], env=os.environ, check=True, capture_output=True)
    system = tmp_path / "etc" / "config.toml"  # stands in for /etc/duty-tui/config.toml
    system.parent.mkdir()
    system.write_text(f'db = "{shared}"\n', "utf-8")
    env = {"DUTY_TUI_TODAY": TODAY, "DUTY_TUI_SYSTEM_CONFIG": str(system), **private_dirs(tmp_path)}
    with Tmux(shlex.join(sshd.client(remote_command([str(BIN)], env), tty=True)), timeout=30) as terminal:
        header = terminal.wait_for("数据库：bureau.json").splitlines()[0]
        assert "（张三）" in header, header
        terminal.keys("q")
        assert terminal.exit_status() == 0, terminal.screen()
