"""The real path: the installed `duty-tui` in a real terminal (tmux), driven by keys.

Pilot never touches a terminal, so this is the test that would catch a
program that works in tests but is garbled or stuck over SSH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = [pytest.mark.slow, pytest.mark.tmux]

BIN = Path(sys.executable).parent / "duty-tui"


@pytest.fixture
def session(tmp_path: Path):
    db = tmp_path / "duty.json"
    env = {**os.environ, "DUTY_TUI_DB": str(db), "DUTY_TUI_TODAY": "2024-05-20"}
    subprocess.run([str(BIN), "people", "add", "张三", "--role", "班子成员"], env=env, check=True, capture_output=True)
    names = ("DUTY_TUI_DB", "DUTY_TUI_TODAY", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    with Tmux(f"{BIN} --no-mouse", env={name: env[name] for name in names if name in env}) as terminal:
        yield terminal, env


def test_tick_and_note_in_a_real_terminal(session) -> None:
    terminal, env = session
    terminal.wait_for("清单进度")
    terminal.keys("/")
    terminal.wait_for("搜索清单或事项")
    terminal.keys("节日廉洁", "Enter")
    terminal.wait_for("搜索：节日廉洁")
    terminal.keys("Enter")
    terminal.wait_for("元旦廉洁提醒")
    terminal.keys("Down", "Space")
    terminal.wait_for("已勾选：春节廉洁提醒")
    terminal.keys("n")
    terminal.wait_for("的备注")
    terminal.keys("短信已发送", "Enter")
    terminal.wait_for("备注已保存")
    terminal.keys("q")
    assert terminal.exit_status(timeout=10) == 0, terminal.screen()
    out = subprocess.run([str(BIN), "status", "--format", "json", "--all", "-c", "jieri-lianjie"], env=env,
                         capture_output=True, text=True, check=True).stdout
    row = next(r for r in json.loads(out)["items"] if r["item"] == "chunjie")
    import pwd

    assert (row["state"], row["note"], row["last_account"]) == ("done", "短信已发送", pwd.getpwuid(os.getuid()).pw_name)


def test_a_note_pasted_in_a_real_terminal_keeps_every_line(session) -> None:
    terminal, env = session
    terminal.wait_for("清单进度")
    terminal.keys("/")
    terminal.wait_for("搜索清单或事项")
    terminal.keys("节日廉洁", "Enter")
    terminal.wait_for("搜索：节日廉洁")
    terminal.keys("Enter")
    terminal.wait_for("元旦廉洁提醒")
    terminal.keys("Down", "n")
    terminal.wait_for("的备注")
    terminal.paste("短信已发送\n共 56 人\n")
    terminal.wait_for("短信已发送⏎共 56 人")
    terminal.keys("Enter")
    terminal.wait_for("备注已保存")
    terminal.keys("q")
    assert terminal.exit_status(timeout=10) == 0, terminal.screen()
    out = subprocess.run([str(BIN), "status", "--format", "json", "--all", "-c", "jieri-lianjie"], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert next(r for r in json.loads(out)["items"] if r["item"] == "chunjie")["note"] == "短信已发送\n共 56 人"


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
    env = {"DUTY_TUI_DB": str(tmp_path / "duty.json"), "LANG": "C", "LC_ALL": "C",
           "HOME": os.environ.get("HOME", "/tmp")}
    with Tmux(f"{BIN} --no-mouse --demo", env=env) as terminal:
        screen = terminal.wait_for("党组书记第一责任人职责")  # a row of real data, in Chinese
        assert "清单进度" in screen and "终端编码" not in screen
        terminal.keys("q")


def test_the_system_config_alone_opens_the_shared_database(tmp_path: Path) -> None:
    """`ssh -t host duty-tui` reads no shell profile: the system file must be enough to find the bureau's data."""
    shared = tmp_path / "srv" / "bureau.json"
    base = {**os.environ, "DUTY_TUI_TODAY": "2024-05-20"}
    assert "DUTY_TUI_DB" not in base
    for args in (["people", "add", "张三", "--role", "班子成员"], ["whoami", "--link", "张三"]):
        subprocess.run([str(BIN), "--db", str(shared), *args], env=base, check=True, capture_output=True)
    system = Path(os.environ["DUTY_TUI_SYSTEM_CONFIG"])
    system.parent.mkdir(parents=True, exist_ok=True)
    system.write_text(f'db = "{shared}"\norg_name = "某某局党组"\n', "utf-8")
    names = ("DUTY_TUI_SYSTEM_CONFIG", "DUTY_TUI_TODAY", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    with Tmux(f"{BIN} --no-mouse", env={name: base[name] for name in names}) as terminal:
        terminal.wait_for("我的待办")  # the roster and the link came from that file (the frame may paint in parts)
        header = terminal.wait_for("数据库：bureau.json").splitlines()[0]
        assert "某某局党组" in header and "（张三）" in header, header
        terminal.keys("?")
        # The full path, however many rows a long temporary folder folds it over.
        assert "按键说明" in terminal.wait_for(f"数据库：{shared}", wrapped=True)
        terminal.keys("q")  # closes the help (Esc then q in one burst would read as Alt+q)
        terminal.wait_for("清单进度")
        terminal.keys("q")
        assert terminal.exit_status(timeout=10) == 0, terminal.screen()
