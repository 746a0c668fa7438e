"""The real path: the installed `duty-tui` in a real terminal (tmux), driven by keys.

Pilot never touches a terminal, so this is the test that would catch a
program that works in tests but is garbled or stuck over SSH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.tmux]

BIN = Path(sys.executable).parent / "duty-tui"


# One tmux server per test process, so two test runs on one machine never kill each other's sessions.
SOCKET = f"duty-tui-test-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=False).stdout


def wait_for(text: str, timeout: float = 15) -> str:
    end = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < end:
        screen = tmux("capture-pane", "-t", "t", "-p")
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear; screen was:\n{screen}")


@pytest.fixture
def session(tmp_path: Path):
    db = tmp_path / "duty.json"
    env = {**os.environ, "DUTY_TUI_DB": str(db), "DUTY_TUI_TODAY": "2024-05-20", "TERM": "xterm-256color"}
    subprocess.run([str(BIN), "people", "add", "张三", "--role", "班子成员"], env=env, check=True, capture_output=True)
    script = tmp_path / "run.sh"
    script.write_text(f"#!/bin/sh\n{BIN} --no-mouse\necho EXITED=$? > {tmp_path / 'exit'}\nsleep 30\n")
    script.chmod(0o755)
    tmux("kill-server")
    env_args = [arg for key in ("DUTY_TUI_DB", "DUTY_TUI_TODAY", "TERM", "HOME", "XDG_CONFIG_HOME",
                                "XDG_DATA_HOME", "XDG_CACHE_HOME") if key in env
                for arg in ("-e", f"{key}={env[key]}")]
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", *env_args, str(script))
    yield db, env, tmp_path
    tmux("kill-server")


def test_tick_and_note_in_a_real_terminal(session) -> None:
    db, env, folder = session
    wait_for("清单进度")
    tmux("send-keys", "-t", "t", "/")
    wait_for("搜索清单或事项")
    tmux("send-keys", "-t", "t", "节日廉洁", "Enter")
    wait_for("搜索：节日廉洁")
    tmux("send-keys", "-t", "t", "Enter")
    wait_for("元旦廉洁提醒")
    tmux("send-keys", "-t", "t", "Down", "Space")
    wait_for("已勾选：春节廉洁提醒")
    tmux("send-keys", "-t", "t", "n")
    wait_for("的备注")
    tmux("send-keys", "-t", "t", "短信已发送", "Enter")
    wait_for("备注已保存")
    tmux("send-keys", "-t", "t", "q")
    deadline = time.monotonic() + 10
    while not (folder / "exit").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (folder / "exit").read_text().strip() == "EXITED=0"
    out = subprocess.run([str(BIN), "status", "--format", "json", "--all", "-c", "jieri-lianjie"], env=env,
                         capture_output=True, text=True, check=True).stdout
    row = next(r for r in json.loads(out)["items"] if r["item"] == "chunjie")
    import pwd

    assert (row["state"], row["note"], row["last_account"]) == ("done", "短信已发送", pwd.getpwuid(os.getuid()).pw_name)


def test_without_a_terminal_it_prints_the_summary_and_a_hint(tmp_path: Path) -> None:
    env = {**os.environ, "DUTY_TUI_DB": str(tmp_path / "duty.json")}
    proc = subprocess.run([str(BIN)], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)
    assert proc.returncode == 0
    assert "各清单进度" in proc.stdout and "ssh -t" in proc.stderr


def test_non_utf8_terminal_is_refused_with_advice(tmp_path: Path) -> None:
    env = {**os.environ, "DUTY_TUI_DB": str(tmp_path / "duty.json"), "PYTHONIOENCODING": "gbk", "PYTHONUTF8": "0"}
    proc = subprocess.run([str(BIN)], env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=30)
    assert proc.returncode == 2
    assert "PYTHONUTF8=1" in proc.stderr.decode("gbk")


def test_lang_c_still_shows_chinese(tmp_path: Path) -> None:
    """Some servers run with LANG=C; Python then speaks UTF-8 and the screen must still be Chinese."""
    env = {**os.environ, "DUTY_TUI_DB": str(tmp_path / "duty.json")}
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "-e", f"DUTY_TUI_DB={env['DUTY_TUI_DB']}",
         "-e", "LANG=C", "-e", "LC_ALL=C", "-e", f"HOME={env.get('HOME', '/tmp')}",
         f"{BIN} --no-mouse --demo")
    try:
        screen = wait_for("党组书记第一责任人职责")  # a row of real data, in Chinese
        assert "清单进度" in screen and "终端编码" not in screen
        tmux("send-keys", "-t", "t", "q")
    finally:
        tmux("kill-server")
