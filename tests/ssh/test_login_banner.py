"""The login banner as users meet it: README's /etc/profile.d snippet in a real login shell, over a real sshd.

The snippet is taken from README itself, so what is documented is what is
tested. It runs in the login shell's profile (tests.support.sshd.login_shell)
inside an 80x24 tmux pane, the account's own shell and terminal.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock
from rich.cells import cell_len

from store.account import os_account
from tests.support.sshd import SshServer, login_shell, private_dirs

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TODAY = "2024-05-20"
DONE = "LOGIN-COMPLETE"


def readme_snippet() -> str:
    """The /etc/profile.d file README gives, exactly."""
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"```sh\n(# /etc/profile\.d/duty-tui\.sh.*?)```", readme, re.S)
    assert found, "README lost its /etc/profile.d snippet"
    return found.group(1)


def setup(tmp_path: Path, *, lock_timeout: int = 10) -> tuple[Path, Path]:
    """A database where this account is 张三, who owes things; a system config naming it; the profile to source."""
    db = tmp_path / "srv" / "duty.json"
    env = {"DUTY_TUI_TODAY": TODAY, "DUTY_TUI_SYSTEM_CONFIG": str(tmp_path / "etc" / "config.toml")}
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "config.toml").write_text(f'db = "{db}"\nlock_timeout = {lock_timeout}\n', "utf-8")
    for args in (["people", "add", "张三", "--role", "班子成员", "--role", "党员"], ["whoami", "--link", "张三"]):
        subprocess.run([str(BIN / "duty-tui"), *args], env={**private_dirs(tmp_path), "PATH": "/usr/bin:/bin", **env},
                       check=True, capture_output=True)
    exports = {**env, **private_dirs(tmp_path / "remote"), "PATH": f"{BIN}:/usr/bin:/bin"}
    profile = tmp_path / "profile.sh"
    profile.write_text("".join(f"export {k}={shlex.quote(v)}\n" for k, v in exports.items())
                       + readme_snippet() + f"echo {DONE}\n", "utf-8")
    return db, profile


def test_an_interactive_login_shows_the_banner(login_sshd: SshServer, tmp_path: Path) -> None:
    assert os_account()  # the account sshd logs in is this one, linked to 张三 below
    _db, profile = setup(tmp_path)
    with login_shell(login_sshd, profile, timeout=30) as terminal:
        screen = terminal.wait_for(DONE)
        lines = screen.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("你有 "))
        assert lines[start].startswith("你有 11 项逾期、1 项 14 天内到期：党费按月交纳·交纳本月党费 2024年1月（逾期 1")
        assert lines[start].endswith("...") and cell_len(lines[start]) == 80  # cut to the terminal, 汉字 two columns
        assert lines[start + 3] == "详见：duty-tui（另有 9 项）"
        assert "Traceback" not in screen
        terminal.keys("exit", "Enter")
        assert terminal.exit_status() == 0, terminal.screen()


def test_the_login_completes_while_the_database_is_locked(login_sshd: SshServer, tmp_path: Path) -> None:
    """Held as every writer holds it, with an hour's lock timeout configured: the login still goes straight on.

    No summary is kept yet, so the login computes the banner from the
    database while the lock is held; it needs no lock to read, and never asks for one.
    """
    db, profile = setup(tmp_path, lock_timeout=3600)
    assert not db.with_name("duty.json.summary").exists()
    lock = FileLock(str(db.with_name("duty.json.lock")), timeout=0, thread_local=False, is_singleton=False)
    with lock, login_shell(login_sshd, profile, timeout=30) as terminal:
        screen = terminal.wait_for(DONE)
        assert "你有 " in screen and "详见：duty-tui" in screen and "Traceback" not in screen, screen
        terminal.keys("exit", "Enter")
        assert terminal.exit_status() == 0, terminal.screen()
        assert lock.is_locked


def test_a_command_over_ssh_gets_no_banner(sshd: SshServer, tmp_path: Path) -> None:
    """`ssh host cmd` reads no profile, and the snippet speaks only to a terminal: scripts see only their output."""
    _db, profile = setup(tmp_path)
    out = subprocess.run(sshd.client(f"sh -c '. {shlex.quote(str(profile))}'"), capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=60)
    assert out.returncode == 0 and out.stdout == f"{DONE}\n" and out.stderr == "", out
