"""`duty-tui status`: golden outputs, filters, period boundaries, --as-of and exit codes.

The fixture database is built through the store with pinned clocks, so the
goldens in tests/data/status only change when the output format does. To
refresh them after an intended change: DUTY_TUI_UPDATE_GOLDENS=1 pytest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checklists.collation import name_key
from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from store.tinydb.roster import add_person
from tests.support.writes import Change, record
from tui.cli import app

runner = CliRunner()
GOLDEN = Path(__file__).parent.parent / "data" / "status"
ROOT = Path(__file__).parent.parent.parent
TODAY = "2024-01-10"
CHOSEN = ["-c", "yishu-sibiao", "-c", "sanhui-yike", "-c", "jieri-lianjie", "-c", "qinglian-wenhua"]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("status") / "duty.json"
    store = TinyStore(path)
    add_person(store, "张三", ["班子成员", "党员"], "办公室", "第一党支部")
    add_person(store, "李四", ["班子成员", "党员"], "财务科", "第二党支部")
    add_person(store, "王五", ["党员"], "财务科", "第二党支部")
    library = load_library()

    def tick(cid, item, period, subject="", action="done", **kw):
        c = library.get(cid)
        record(store, Change(c, c.item(item), parse_period(period), subject, action, **kw), account="clerk")

    tick("yishu-sibiao", "chengnuoshu", "2023", "张三", note="已签字，原件存档")
    tick("yishu-sibiao", "chengnuoshu", "2024", "张三", note="2024年度已签")
    tick("sanhui-yike", "zhiweihui", "2024-01", "第一党支部", "count", date="2024-01-05")
    tick("jieri-lianjie", "yuandan", "2023", note="短信平台已发送")
    tick("jieri-lianjie", "chunjie", "2024", "", "na", reason="与元旦合并发送")
    tick("qinglian-wenhua", "dajiangtang", "2023", "", "count", date="2023-06-01")
    return path


def run(db: Path, *args: str, today: str = TODAY):
    return runner.invoke(app, ["--db", str(db), "status", *args], env={"DUTY_TUI_TODAY": today, "COLUMNS": "80"})


def golden(name: str, text: str, db: Path) -> None:
    # The table folds a database path too long for its width (a long temporary folder): "DB" stands for it whole.
    text = re.sub("\n?".join(map(re.escape, str(db))), "DB", text)
    path = GOLDEN / name
    if os.environ.get("DUTY_TUI_UPDATE_GOLDENS"):
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize(("name", "args"), [
    ("table.txt", []), ("markdown.md", ["-f", "markdown"]), ("by-person.txt", ["--by", "person"]),
])
def test_goldens(db: Path, name: str, args: list[str]) -> None:
    result = run(db, *CHOSEN, *args)
    assert result.exit_code == 0, result.output
    golden(name, result.output, db)


def test_table_fits_80_columns(db: Path) -> None:
    from rich.cells import cell_len

    lines = run(db, *CHOSEN).output.splitlines()
    assert max(cell_len(line) for line in lines) <= 80


def test_json_golden_and_keys(db: Path) -> None:
    result = run(db, *CHOSEN, "-f", "json", "--all")
    data = json.loads(result.output)
    assert data["schema"] == 1 and data["as_of"] == TODAY
    row = next(r for r in data["items"] if r["item"] == "chengnuoshu" and r["subject"] == "张三")
    assert row["state"] == "done" and row["note"] == "2024年度已签" and row["last_account"] == "clerk"
    assert set(row) >= {"checklist", "checklist_title", "item", "item_title", "period", "subject", "state",
                        "count", "target", "due", "days_overdue", "last_account", "last_time", "note"}
    golden("all.json", "\n".join(line for line in result.output.splitlines() if "last_time" not in line), db)


def test_csv_has_bom_and_opens_as_rows(db: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "status", *CHOSEN, "-f", "csv"],
                          capture_output=True, cwd=ROOT, env={**os.environ, "DUTY_TUI_TODAY": TODAY})
    assert proc.returncode == 0
    assert proc.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8-sig"))))
    assert rows[0][:4] == ["清单ID", "清单", "事项ID", "事项"]
    golden("status.csv", proc.stdout.decode("utf-8"), db)


def test_filters(db: Path) -> None:
    def items(*args: str) -> set[tuple[str, str]]:
        data = json.loads(run(db, "-f", "json", *args).output)
        return {(r["item"], r["subject"]) for r in data["items"]}

    assert {s for _, s in items("--person", "李四")} == {"李四"}
    assert ("chengnuoshu", "李四") in items("--person", "李四", "-c", "yishu-sibiao")
    assert ("chengnuoshu", "张三") not in items("-c", "yishu-sibiao")  # done this year
    assert ("chengnuoshu", "张三") in items("-c", "yishu-sibiao", "--all")
    assert {s for _, s in items("--branch", "第二党支部")} == {"第二党支部", "李四", "王五"}
    assert {s for _, s in items("--role", "班子成员")} == {"张三", "李四"}
    assert json.loads(run(db, "-f", "json", "--overdue").output)["items"] == []  # nothing due yet on 01-10
    overdue = json.loads(run(db, "-f", "json", "--overdue", today="2024-02-15").output)["items"]
    assert overdue and all(r["days_overdue"] > 0 for r in overdue)


def test_period_and_as_of(db: Path) -> None:
    def state(*args: str, today: str = TODAY) -> dict:
        data = json.loads(run(db, "-f", "json", "--all", "-c", "yishu-sibiao", "--person", "张三", *args,
                              today=today).output)
        return {r["item"]: (r["period"], r["state"]) for r in data["items"]}

    assert state()["chengnuoshu"] == ("2024", "done")
    assert state("--period", "2023")["chengnuoshu"] == ("2023", "done")
    # Events carry the real time they were recorded (today); on 2023-12-31 nothing was recorded yet.
    assert state("--as-of", "2023-12-31")["chengnuoshu"] == ("2023", "open")
    monthly = json.loads(run(db, "-f", "json", "--all", "-c", "sanhui-yike", "--period", "2024").output)["items"]
    assert {r["period"] for r in monthly if r["item"] == "zhiweihui"} == {"2024-01"}


def test_as_of_replays_history(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    env = {"DUTY_TUI_TODAY": "2024-03-01"}
    runner.invoke(app, ["--db", str(db), "tick", "jieri-lianjie", "chunjie", "-p", "2024"], env=env)
    today = json.loads(runner.invoke(app, ["--db", str(db), "status", "-f", "json", "--all", "-c", "jieri-lianjie"],
                                     env=env).output)
    assert next(r for r in today["items"] if r["item"] == "chunjie")["state"] == "done"
    past = json.loads(runner.invoke(app, ["--db", str(db), "status", "-f", "json", "--all", "-c", "jieri-lianjie",
                                          "--as-of", "2000-01-01"], env=env).output)
    assert past["as_of"] == "2000-01-01" and all(r["state"] == "open" for r in past["items"])


def test_exit_codes(db: Path) -> None:
    assert run(db, "--fail-on-overdue").exit_code == 0
    assert run(db, "--fail-on-overdue", today="2024-02-15").exit_code == 1
    assert run(db, "-c", "zhuti-jiaoyu-2023", "--fail-on-overdue", today="2023-06-01").exit_code == 0
    for args, message in [
        (["--person", "赵六"], '名册中没有 "赵六"'),
        (["--branch", "第九党支部"], '没有支部 "第九党支部"'),
        (["--role", "处长"], '角色 "处长" 无效'),
        (["-c", "nope"], '没有清单 "nope"'),
        (["--period", "2024-Q9"], '周期 "2024-Q9"'),
        (["--as-of", "2023-02-30"], "--as-of：2023 年 2 月没有 30 日"),
        (["--mine"], "尚未关联人员"),
    ]:
        result = run(db, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_no_color_pipe_and_lang_c(db: Path) -> None:
    env = {**os.environ, "DUTY_TUI_TODAY": TODAY, "NO_COLOR": "1", "LANG": "C", "LC_ALL": "C"}
    proc = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "status", *CHOSEN],
                          capture_output=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert "\x1b[" not in text and "签订《同级监督承诺书》" in text


def test_status_does_not_import_textual(db: Path) -> None:
    code = (f"import sys; from tui.cli import main; sys.argv=['duty-tui','--db',{str(db)!r},'status','-f','json'];\n"
            "try:\n main()\nexcept SystemExit: pass\n"
            "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN', file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stderr.strip().endswith("CLEAN")


def test_warm_cache_spares_status_the_calendar_packages(db: Path, tmp_path: Path) -> None:
    """Holiday deadlines come from the library cache: neither holidays nor lunar_python is imported."""
    code = (f"import sys; from tui.cli import main; sys.argv=['duty-tui','--db',{str(db)!r},'status','-c','jieri-lianjie'];\n"
            "try:\n main()\nexcept SystemExit: pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'holidays', 'lunar_python'}), file=sys.stderr)"
            )
    env = {**os.environ, "DUTY_TUI_TODAY": TODAY, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
            for _ in range(2)]
    assert runs[0].stderr.strip().endswith("['holidays', 'lunar_python']")  # cold: the cache is built
    assert runs[1].stderr.strip().endswith("[]"), runs[1].stderr
    assert runs[0].stdout == runs[1].stdout and "2024-06-07" in runs[1].stdout  # 端午, off from 06-08


def test_table_lists_at_most_30_items_by_default(db: Path) -> None:
    full = run(db, "--limit", "0")
    short = run(db)
    assert "未列出" not in full.output
    hidden = [line for line in short.output.splitlines() if "未列出" in line]
    open_items = json.loads(run(db, "-f", "json").output)["items"]
    assert len(open_items) > 30
    assert hidden and f"另有 {len(open_items) - 30} 项待办未列出" in hidden[0]
    assert len(json.loads(run(db, "-f", "json", "--limit", "5").output)["items"]) == 5
    assert run(db, "--limit", "-1").exit_code == 2


def test_by_person_puts_the_most_overdue_person_first_and_names_unowned_ledger_lines(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    env = {"DUTY_TUI_TODAY": "2024-01-20", "COLUMNS": "80"}
    for args in (["org", "set", "--since", "2023-01-01"], ["people", "add", "张三", "--role", "班子成员"],
                 ["people", "add", "李四", "--role", "党员", "--branch", "第一党支部"]):
        assert runner.invoke(app, ["--db", str(db), *args], env=env).exit_code == 0
    table = runner.invoke(app, ["--db", str(db), "status", "--by", "person", "--limit", "0"], env=env).output
    data = json.loads(runner.invoke(app, ["--db", str(db), "status", "-f", "json", "--limit", "0"], env=env).output)
    worst: dict[str, int] = {}
    for row in data["items"]:
        who = row["owner"] or row["subject"]
        worst[who] = max(worst.get(who, 0), row["days_overdue"])
    assert "" in worst and "【】" not in table and "【未指定责任人】" in table
    headers = [line.split("】")[0].lstrip("【") for line in table.splitlines() if line.startswith("【")]
    label = {"org": "党组", "": "未指定责任人"}
    # Equally late, in reading order: 党组 dǎng, 第一党支部 dì, 李四 lǐ, 张三 zhāng.
    order = sorted(worst, key=lambda who: (-worst[who], who == "", name_key(label.get(who, who))))
    assert headers == [label.get(who, who) for who in order]
    assert len(set(worst.values())) < len(worst)  # some are equally late: the names decide
