"""In a real terminal: a name picked by its pinyin initials when the keys arrive in one read, as over SSH."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.tmux import Tmux

from .test_keys_terminal import BIN, NAMES, cli, ledger_after_quitting, open_empty_ledger

pytestmark = [pytest.mark.slow, pytest.mark.tmux]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "DUTY_TUI_DB": str(tmp_path / "duty.json"), "DUTY_TUI_TODAY": "2024-05-20"}
    for name in ("张华", "张三", "赵四", "李明"):  # zs: 张三 only; z: three of them
        cli(env, "people", "add", name, "--role", "班子成员", "--dept", "规划科")
    cli(env, "whoami", "--link", "李明")
    return env


def terminal(env: dict[str, str], width: int = 80, height: int = 24) -> Tmux:
    return Tmux(f"{BIN} --no-mouse", env={name: env[name] for name in NAMES if name in env},
                width=width, height=height)


@pytest.mark.parametrize("size", [(80, 24), (50, 14)])
def test_a_burst_W_z_s_enter_walks_zhang_sans_items(env, size) -> None:
    with terminal(env, *size) as term:
        term.wait_for("清单进度")
        term.keys("W", "z", "s", "Enter")
        term.wait_for("对象：张三")
        term.keys("Escape")
        term.wait_for("逐项办理结束：张三的待办")
        term.keys("Escape")
        term.wait_for("W 办理某人")  # the dashboard's key bar: its headings fold away at 50x14
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()


def test_a_burst_picks_the_owner_in_the_ledger_form(env) -> None:
    """zs then Enter in the 责任人 field takes 张三 and moves on: the next text lands in the next field."""
    with terminal(env) as term:
        open_empty_ledger(term)
        term.keys("a", "招商引资一号工程", "Enter", "zs", "Enter", "规划科", "Enter", "2024-12-31", "Enter",
                  "已签约", "Enter")
        term.wait_for("已新增一行")
        (row,) = ledger_after_quitting(term, env)
    assert row["fields"] == {"shixiang": "招商引资一号工程", "zerenren": "张三", "keshi": "规划科",
                             "shixian": "2024-12-31", "jinzhan": "已签约"}


def test_the_list_shows_under_the_box_at_50x14(env) -> None:
    with terminal(env, 50, 14) as term:
        term.wait_for("清单进度")
        term.keys("W")
        screen = term.wait_for("赵四")
        lines = screen.splitlines()
        rows = [n for n, line in enumerate(lines) for name in ("李明", "张华", "张三", "赵四") if name in line]
        assert len(rows) >= 3, screen
        assert rows == sorted(rows)  # in pinyin order: li, zhang hua, zhang san, zhao
        term.keys("Escape")  # alone: ESC and a key in one read are Alt+key to a terminal
        term.wait_for("W 办理某人")  # the dashboard's key bar: its headings fold away at 50x14
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()


def test_json_of_log_is_untouched_by_picking(env) -> None:
    """Opening the picker and cancelling writes nothing."""
    before = cli(env, "log", "--format", "json")
    with terminal(env) as term:
        term.wait_for("清单进度")
        term.keys("W", "z")
        term.wait_for("张华")
        term.keys("Escape")  # alone: ESC and a key in one read are Alt+key to a terminal
        term.wait_for("清单进度")
        term.keys("q")
        assert term.exit_status(timeout=10) == 0, term.screen()
    assert json.loads(cli(env, "log", "--format", "json")) == json.loads(before)
