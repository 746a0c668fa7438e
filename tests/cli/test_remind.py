"""`duty-tui remind`: the banner, a line per person, JSON, and agreement with `status` item by item.

Everything runs as users run it (`python -m tui`, the console script's
entry), so both ways in are covered: tui.fast answering from the summary
kept with the database, and the full command that computes and keeps it.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from checklists.loader import load_library
from checklists.periods import parse_period
from store.account import os_account
from store.tinydb import TinyStore
from store.tinydb.roster import add_person, link_account
from tests.conftest import run_cli
from tests.support.writes import Change, record

TODAY = "2024-05-20"
SOON_DAYS = 14


def tick(store: TinyStore, checklist: str, item: str, period: str, subject: str = "", action: str = "done",
         **values: str) -> None:
    library = load_library()
    c = library.get(checklist)
    record(store, Change(c, c.item(item), parse_period(period), subject, action, **values), account="clerk")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """张三 (linked to this account) owes several things; 李四 is all done; 王五 owes and has an email address."""
    path = tmp_path / "duty.json"
    store = TinyStore(path)
    add_person(store, "张三", ["班子成员", "党员"], "办公室", "第一党支部")
    add_person(store, "李四", ["干部"], "财务科", "第二党支部")
    add_person(store, "王五", ["班子成员"], "财务科", "第二党支部", email="wangwu@example.gov.cn")
    link_account(store, os_account(), "张三")
    tick(store, "yishu-sibiao", "chengnuoshu", "2024", "王五")
    return path


def remind(db: Path, *args: str, today: str = TODAY, **env: str):
    return run_cli(db, "remind", *args, DUTY_TUI_TODAY=today, **env)


def status_items(db: Path, *args: str, today: str = TODAY) -> list[dict]:
    """What `status` lists for the same people, narrowed to what reminders are about: overdue or soon due."""
    out = run_cli(db, "status", "-f", "json", *args, DUTY_TUI_TODAY=today)
    assert out.returncode == 0, out.stderr
    day = date.fromisoformat(today)

    def due_soon(row: dict) -> bool:
        return row["due"] is not None and 0 <= (date.fromisoformat(row["due"]) - day).days <= SOON_DAYS

    return [r for r in json.loads(out.stdout)["items"] if r["days_overdue"] > 0 or due_soon(r)]


def test_the_banner_counts_and_lists_what_status_lists_for_me(db: Path) -> None:
    mine = status_items(db, "--mine")
    overdue = sum(1 for r in mine if r["days_overdue"])
    out = remind(db)
    assert out.returncode == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    assert lines[0].startswith(f"你有 {overdue} 项逾期、{len(mine) - overdue} 项 14 天内到期：")
    first = mine[0]
    assert f"{first['checklist_title']}·{first['item_title']}" in lines[0]
    assert f"（逾期 {first['days_overdue']} 天）" in lines[0]
    assert len(lines) == 4 and lines[3] == f"详见：duty-tui（另有 {len(mine) - 3} 项）"


def test_json_has_the_same_items_in_the_same_order_as_status(db: Path) -> None:
    for args in ([], ["--person", "王五"]):
        data = json.loads(remind(db, "-f", "json", *args).stdout)
        (person,) = data["people"]
        expected = status_items(db, *(args or ["--mine"]))
        assert [(i["checklist"], i["item"], i["period"], i["subject"], i["due"], i["days_overdue"])
                for i in person["items"]] == [(r["checklist"], r["item"], r["period"], r["subject"], r["due"],
                                               r["days_overdue"]) for r in expected]
        assert person["overdue"] == sum(1 for r in expected if r["days_overdue"])
    assert data["people"][0]["email"] == "wangwu@example.gov.cn"
    assert data["as_of"] == TODAY and data["soon_days"] == SOON_DAYS and data["schema"] == 1


def test_nothing_at_all_when_not_linked_or_nothing_is_due(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    store = TinyStore(other)
    add_person(store, "赵六", ["干部"])
    out = remind(other)
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")  # this account is linked to nobody there
    link_account(store, os_account(), "赵六")
    for args in ([], ["--login"], ["--person", "李四"]):
        out = remind(db if args[1:] else other, *args)
        assert (out.returncode, out.stdout, out.stderr) == (0, "", ""), args
    missing = remind(tmp_path / "none.json")
    assert (missing.returncode, missing.stdout, missing.stderr) == (0, "", "")
    assert not (tmp_path / "none.json").exists()


def test_all_is_a_line_per_person_who_owes(db: Path) -> None:
    lines = remind(db, "--all").stdout.splitlines()
    assert [line.split("：")[0] for line in lines] == ["王五", "张三"]  # in reading order
    wangwu = status_items(db, "--person", "王五")
    assert lines[0].count("；") == len(wangwu) - 1
    assert remind(db, "--person", "王五").stdout.splitlines() == [lines[0]]


def test_a_new_day_moves_items_into_the_window_and_past_their_deadline(db: Path) -> None:
    before = json.loads(remind(db, "-f", "json", "--person", "王五", today="2024-01-10").stdout)
    assert before["people"] == []  # nothing due before 01-31 is within 14 days on 01-10
    soon = json.loads(remind(db, "-f", "json", "--person", "王五", today="2024-01-20").stdout)["people"][0]
    assert soon["overdue"] == 0 and soon["items"][0]["days_left"] == 11
    late = json.loads(remind(db, "-f", "json", "--person", "王五", today="2024-02-05").stdout)["people"][0]
    assert late["overdue"] and late["items"][0]["days_overdue"] == 5


@pytest.mark.parametrize(("args", "message"), [
    (["--person", "赵六"], '名册中没有 "赵六"'),
    (["--all", "--person", "张三"], "--all 与 --person 不能同用"),
    (["--mail", "-f", "json"], "--format json 与 --mail 不能同用"),
])
def test_mistakes_are_one_line_exit_2(db: Path, args: list[str], message: str) -> None:
    out = remind(db, *args)
    assert out.returncode == 2, out
    assert message in out.stderr and len(out.stderr.splitlines()) == 1, out.stderr


def test_the_soon_window_follows_the_setting(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "etc" / "config.toml"
    config.parent.mkdir()
    config.write_text("soon_days = 0\n", "utf-8")
    env = {"DUTY_TUI_SYSTEM_CONFIG": str(config)}
    first = remind(db, **env).stdout.splitlines()[0]
    assert "今天到期" not in first and "14 天" not in first
    today = json.loads(remind(db, "-f", "json", **env).stdout)
    assert today["soon_days"] == 0 and all(i["days_overdue"] for i in today["people"][0]["items"])
    out = remind(db, "-f", "json", today="2024-05-31", **env)
    due_today = [i for i in json.loads(out.stdout)["people"][0]["items"] if not i["days_overdue"]]
    assert due_today and all(i["days_left"] == 0 for i in due_today)
    assert "今天到期" in remind(db, today="2024-05-31", **env).stdout


def test_stored_control_characters_never_reach_the_terminal(db: Path) -> None:
    store = TinyStore(db)
    with store.head_txn() as txn:  # a name written into the file by hand, before input was checked
        txn.table("people").update({"name": "王\x1b]0;x\x07五"}, doc_ids=[3])
    out = remind(db, "--all")
    assert out.returncode == 0 and "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "王\\x1b]0;x\\x07五：" in out.stdout


def test_login_never_says_more_than_one_line_and_always_exits_0(db: Path, tmp_path: Path) -> None:
    broken = tmp_path / "etc" / "config.toml"
    broken.parent.mkdir()
    broken.write_text('soon_days = "x"\nlock_timeout = -1\n', "utf-8")
    out = remind(db, "--login", DUTY_TUI_SYSTEM_CONFIG=str(broken))
    assert out.returncode == 0 and out.stdout == "" and len(out.stderr.splitlines()) == 1, out
    assert "提醒未显示" in out.stderr
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b'{"_meta": {"1": {"app": "duty-tui", "schema": 2}}, "people": ')
    out = remind(damaged, "--login")
    assert out.returncode == 0 and len(out.stderr.splitlines()) == 1 and "Traceback" not in out.stderr, out
    assert "已损坏" in out.stderr
    mixed = remind(db, "--login", "--all")
    assert mixed.returncode == 0 and mixed.stdout == "" and mixed.stderr.count("\n") == 1
    assert "--all 与 --login 不能同用" in mixed.stderr


def test_login_from_a_pipe_is_not_cut_and_from_a_terminal_fits_it(db: Path) -> None:
    out = remind(db, "--all")
    assert max(len(line) for line in out.stdout.splitlines()) > 80  # a pipe gets every item


def test_environment_without_today_pin_uses_the_clock(db: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DUTY_TUI_TODAY"}
    out = run_cli(db, "remind", "-f", "json", **{k: v for k, v in env.items() if k.startswith("DUTY_TUI_")})
    assert json.loads(out.stdout)["as_of"] == date.today().isoformat()


def test_a_terminal_that_cannot_show_a_character_gets_a_question_mark_not_a_traceback(db: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT, env_for_subprocess

    store = TinyStore(db)
    with store.head_txn() as txn:  # a name only UTF-8 can spell, on a GBK terminal
        txn.table("people").update({"name": "王五\u2603"}, doc_ids=[3])
    env = env_for_subprocess(DUTY_TUI_TODAY=TODAY, PYTHONIOENCODING="gbk")
    for _ in range(2):  # computed, then read from the kept summary
        out = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "remind", "--all"], capture_output=True,
                             cwd=ROOT, env=env, timeout=60)
        assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr
        assert "王五?：" in out.stdout.decode("gbk")
