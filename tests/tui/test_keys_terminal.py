"""In a real terminal: keys in bursts, a change from another process, and read-only mode.

Over SSH a slow link delivers several keys in one read; `tmux send-keys` with
several keys in one call does the same, so the whole burst reaches the
program before it has drawn anything in between.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

pytestmark = [pytest.mark.slow, pytest.mark.tmux]

BIN = Path(sys.executable).parent / "duty-tui"
NAMES = ("DUTY_TUI_DB", "DUTY_TUI_TODAY", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


def cli(env: dict[str, str], *args: str) -> str:
    return subprocess.run([str(BIN), *args], env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "DUTY_TUI_DB": str(tmp_path / "duty.json"), "DUTY_TUI_TODAY": "2024-05-20"}
    cli(env, "people", "add", "张华", "--role", "班子成员", "--dept", "规划科")
    cli(env, "whoami", "--link", "张华")
    return env


def terminal(env: dict[str, str], *flags: str) -> Tmux:
    return Tmux(" ".join([str(BIN), "--no-mouse", *flags]), env={name: env[name] for name in NAMES if name in env})


def open_checklist(term: Tmux, title: str) -> None:
    term.wait_for("清单进度")
    term.keys("/")
    term.wait_for("搜索清单或事项")
    term.keys(title, "Enter")
    term.wait_for(f"搜索：{title}")
    term.keys("Enter")


def wait_for_line(term: Tmux, *parts: str, timeout: float = 15) -> str:
    """A line of the screen holding all of ``parts``, once it appears."""
    end = time.monotonic() + timeout
    while True:
        screen = term.screen()
        found = next((line for line in screen.splitlines() if all(part in line for part in parts)), None)
        if found is not None:
            return found
        if time.monotonic() > end:
            raise AssertionError(f"no line with {parts!r}; screen was:\n{screen}")
        time.sleep(0.05)


def open_empty_ledger(term: Tmux) -> None:
    open_checklist(term, "挂牌督办台账")
    term.wait_for("挂牌督办台账")
    term.keys("Enter")
    term.wait_for("共 0 行")


def ledger_after_quitting(term: Tmux, env: dict[str, str]) -> list[dict]:
    term.keys("q")
    assert term.exit_status(timeout=10) == 0, term.screen()
    return json.loads(cli(env, "ledger", "list", "guapai-duban", "guapai-duban", "--format", "json"))


def test_a_burst_opens_the_form_and_fills_every_field(env) -> None:
    """The key that opens the form, the text of five fields, Tab and Enter between them, all in one read."""
    with terminal(env) as term:
        open_empty_ledger(term)
        term.keys("a", "招商引资一号工程", "Tab", "张华", "Tab", "规划科", "Enter", "2024-12-31", "Enter",
                  "已签约两个项目", "Enter")
        term.wait_for("已新增一行")
        (row,) = ledger_after_quitting(term, env)
    assert row["fields"] == {"shixiang": "招商引资一号工程", "zerenren": "张华", "keshi": "规划科",
                             "shixian": "2024-12-31", "jinzhan": "已签约两个项目"}


def test_a_burst_after_a_refused_save_goes_into_the_field_it_names(env) -> None:
    """A name not in the roster, the save, then the right name, all in one read: the name replaces the wrong one."""
    with terminal(env) as term:
        open_empty_ledger(term)
        term.keys("a", "招商引资一号工程", "Tab", "钱七", "Tab", "Tab", "2024-12-31", "Enter", "Enter",
                  "张华", "Enter", "Enter", "Enter", "Enter")
        term.wait_for("已新增一行")
        (row,) = ledger_after_quitting(term, env)
    assert row["fields"] == {"shixiang": "招商引资一号工程", "zerenren": "张华", "keshi": "",
                             "shixian": "2024-12-31", "jinzhan": ""}


def test_a_burst_through_dialogs_and_cursor_moves(env) -> None:
    """Move, note, move, evidence, move, tick, in one read: each lands on the entry it was typed for."""
    with terminal(env) as term:
        open_checklist(term, "节日廉洁")
        term.wait_for("元旦廉洁提醒")
        term.keys("Down", "n", "短信已发送", "Enter", "Down", "e", "局办〔2024〕9号", "Enter", "Down", "Space")
        term.wait_for("已勾选：中秋廉洁提醒")
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()
    events = {(e["item"], e["action"], e.get("note") or e.get("evidence") or "")  # saved in parallel: any order
              for e in json.loads(cli(env, "log", "--format", "json"))}
    assert events == {("chunjie", "note", "短信已发送"), ("duanwu", "evidence", "局办〔2024〕9号"),
                      ("zhongqiu", "done", "")}


def test_backspace_in_a_burst_deletes_what_was_typed_before_it(env) -> None:
    """Editing keys are bindings handled after the letters before them: a burst must not reorder them."""
    with terminal(env) as term:
        open_checklist(term, "节日廉洁")
        term.wait_for("元旦廉洁提醒")
        term.keys("n", "短信已发送X", "BSpace", "。", "Enter")
        term.wait_for("备注已保存")
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()
    (event,) = json.loads(cli(env, "log", "--format", "json"))
    assert (event["item"], event["note"]) == ("yuandan", "短信已发送。")


def test_a_change_by_another_process_shows_on_the_screen_beneath(env) -> None:
    """The checklist screen takes in another process's tick; Esc then shows it on the dashboard too, no key pressed."""
    with terminal(env) as term:
        open_checklist(term, "节日廉洁")
        term.wait_for("元旦廉洁提醒")
        cli(env, "tick", "jieri-lianjie", "chunjie", "--note", "另一个终端记的")
        wait_for_line(term, "春节廉洁提醒", "[x]")  # the checklist screen took the change in by itself
        term.keys("Escape")
        term.wait_for("搜索：节日廉洁")  # back on the dashboard, which kept its search
        wait_for_line(term, "节日廉洁提醒", " 1/5 ", timeout=5)  # no key pressed
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()


def test_read_only_offers_no_edit_key_and_opens_no_edit_dialog(env) -> None:
    before = cli(env, "log", "--format", "json")
    with terminal(env, "--read-only") as term:
        header = term.wait_for("清单进度").splitlines()[0]
        assert "只读" in header, header
        open_checklist(term, "节日廉洁")
        screen = term.wait_for("元旦廉洁提醒")
        bar = screen.rstrip().splitlines()[-1]
        for word in ("勾选", "不适用", "备注", "佐证", "撤销"):
            assert word not in bar, bar
        assert "Esc 返回" in bar and "Enter 打开" in bar, bar
        term.keys("n", "x", "a", "Space", "u")
        term.keys("?")  # a key that does act, to know the ones before it were taken
        help_screen = term.wait_for("按键说明")
        assert "的备注" not in help_screen and "理由" not in help_screen.split("按键说明")[0]
        assert "[只读]" in help_screen
        term.keys("Escape")
        term.wait_for("元旦廉洁提醒")
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()
    assert cli(env, "log", "--format", "json") == before
