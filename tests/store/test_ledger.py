"""Ledger rows: typed columns, stage rules, sign-off, undo, import, status and concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from checklists.periods import parse_period
from store.changes import all_events, undo_last
from store.db import Store
from store.errors import StoreUsageError
from store.ledger import add_rows, change_row, ledger_rows
from tui.cli import app

runner = CliRunner()
ROOT = Path(__file__).parent.parent.parent
ROW = {"事项": "招商引资一号工程", "责任人": "王五", "责任科室": "财务科", "时限": "2024-03-31"}


@pytest.fixture
def duban(library):
    checklist = library.get("guapai-duban")
    return checklist, checklist.item("guapai-duban"), parse_period("2024")


def test_add_checks_types_and_required_columns(store: Store, duban) -> None:
    c, item, period = duban
    (event,) = add_rows(store, c, item, period, [ROW], account="clerk")
    assert (event["subject"], event["stage"], event["fields"]["zerenren"]) == ("#1", 0, "王五")
    for bad, message in [
        ({**ROW, "责任人": "赵六"}, '责任人：名册中没有 "赵六"'),
        ({**ROW, "责任科室": "保卫科"}, '责任科室：没有科室 "保卫科"'),
        ({**ROW, "时限": "下周"}, "时限: expected a date YYYY-MM-DD"),
        ({k: v for k, v in ROW.items() if k != "时限"}, "缺少必填列：时限"),
        ({**ROW, "预算": "1万"}, '没有列 "预算"'),
    ]:
        with pytest.raises(StoreUsageError, match=message):
            add_rows(store, c, item, period, [bad])
    assert len(ledger_rows(store, c, item, period)) == 1


def test_stage_rules_and_sign_off(store: Store, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW])
    with pytest.raises(StoreUsageError, match="不能再退回"):
        change_row(store, c, item, period, "1", "row-back", reason="x")
    change_row(store, c, item, period, "1", "row-advance")
    change_row(store, c, item, period, "#1", "row-advance")
    with pytest.raises(StoreUsageError, match="销号须用 close"):
        change_row(store, c, item, period, "1", "row-advance")
    with pytest.raises(StoreUsageError, match="退回须说明理由"):
        change_row(store, c, item, period, "1", "row-back")
    with pytest.raises(StoreUsageError, match="复核人不能是责任人本人（王五）"):
        change_row(store, c, item, period, "1", "row-close", reviewer="王五", evidence="局办〔2024〕1号")
    with pytest.raises(StoreUsageError, match="销号须提供佐证"):
        change_row(store, c, item, period, "1", "row-close", reviewer="李四")
    with pytest.raises(StoreUsageError, match="须指定复核人"):
        change_row(store, c, item, period, "1", "row-close", evidence="x")
    change_row(store, c, item, period, "1", "row-close", reviewer="李四", evidence="局办〔2024〕1号")
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], item.stages[row["stage"]], row["reviewer"], row["evidence"]) == (
        "done", "已销号", "李四", ["局办〔2024〕1号"])
    with pytest.raises(StoreUsageError, match="已销号"):
        change_row(store, c, item, period, "1", "row-close", reviewer="李四", evidence="x")
    change_row(store, c, item, period, "1", "row-back", reason="复核发现未完成")
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], row["stage"], row["reason"]) == ("open", 2, "复核发现未完成")
    with pytest.raises(StoreUsageError, match="没有第 9 行"):
        change_row(store, c, item, period, "9", "row-advance")


def test_row_changes_share_the_audit_trail_and_undo(store: Store, duban, library) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW], account="clerk")
    change_row(store, c, item, period, "1", "row-edit", fields={"进展": "已签约"}, account="clerk")
    lookup = {f"{x.id}/{i.id}": i for x in library for i in x.items}
    undo_last(store, lookup, account="clerk")
    (row,) = ledger_rows(store, c, item, period)
    assert row["fields"].get("jinzhan", "") == ""
    undo_last(store, lookup, account="clerk")
    assert ledger_rows(store, c, item, period) == []
    assert [e["action"] for e in all_events(store)] == ["row-add", "row-edit", "undo", "undo"]
    from store.verify import verify

    assert verify(store)[0] == []


def test_ledger_rows_in_status(store: Store, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW, {**ROW, "事项": "营商环境", "责任人": "张三", "责任科室": "办公室",
                                            "时限": "2024-12-31"}])
    env = {"DUTY_TUI_TODAY": "2024-05-20"}
    data = json.loads(runner.invoke(app, ["--db", str(store.path), "status", "-c", "guapai-duban", "-f", "json"],
                                    env=env).output)
    rows = {r["subject"]: r for r in data["items"]}
    assert rows["#1"]["owner"] == "王五" and rows["#1"]["days_overdue"] == 50 and rows["#1"]["stage"] == "挂牌"
    assert rows["#2"]["row_title"] == "营商环境" and rows["#2"]["days_overdue"] == 0
    mine = json.loads(runner.invoke(app, ["--db", str(store.path), "status", "--person", "王五", "-f", "json"],
                                    env=env).output)["items"]
    assert [r["subject"] for r in mine if r["checklist"] == "guapai-duban"] == ["#1"]
    by_dept = json.loads(runner.invoke(app, ["--db", str(store.path), "status", "--dept", "办公室", "-f", "json"],
                                       env=env).output)["items"]
    assert {r["subject"] for r in by_dept if r["checklist"] == "guapai-duban"} == {"#2"}
    table = runner.invoke(app, ["--db", str(store.path), "status", "-c", "guapai-duban"], env=env).output
    assert "挂牌督办台账 #1 招商引资一号工程" in table and "50天" in table


def cli(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args], env={"DUTY_TUI_TODAY": "2024-05-20"})


def test_cli_add_list_advance_close(store: Store) -> None:
    db = store.path
    ok = cli(db, "ledger", "add", "guapai-duban", "挂牌督办台账", *[f"-s{k}={v}" for k, v in ROW.items()])
    assert ok.exit_code == 0 and "#1：新增（挂牌）" in ok.output
    assert cli(db, "ledger", "advance", "guapai-duban", "guapai-duban", "1").exit_code == 0
    bad = cli(db, "ledger", "close", "guapai-duban", "guapai-duban", "1", "--reviewer", "王五", "-e", "x")
    assert bad.exit_code == 2 and "复核人不能是责任人本人" in bad.stderr
    listed = json.loads(cli(db, "ledger", "list", "guapai-duban", "guapai-duban", "--json").output)
    assert listed[0]["stage"] == "推进中" and listed[0]["fields"]["shixiang"] == "招商引资一号工程"
    assert "招商引资一号工程" in cli(db, "ledger", "list", "guapai-duban", "guapai-duban").output
    missing = cli(db, "ledger", "add", "jieri-lianjie", "chunjie")
    assert missing.exit_code == 2 and "没有台账" in missing.stderr
    bad_set = cli(db, "ledger", "add", "guapai-duban", "guapai-duban", "-s", "事项")
    assert bad_set.exit_code == 2 and "--set 应写成 列=值" in bad_set.stderr


HEADER = ["事项", "责任人", "责任科室", "时限", "备注列"]
GOOD = [["招商引资一号工程", "王五", "财务科", "2024-03-31", "x"], ["优化营商环境", "张三", "办公室", "2024-06-30", ""]]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    path.write_bytes(("\r\n".join(",".join(r) for r in rows) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_import_csv(store: Store, tmp_path: Path, encoding: str) -> None:
    source = write_csv(tmp_path / "督办.csv", [HEADER, *GOOD], encoding)
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(source))
    assert result.exit_code == 0 and "已导入 2 行" in result.output
    assert "表头“备注列”不对应任何列，已忽略" in result.stderr
    listed = json.loads(cli(store.path, "ledger", "list", "guapai-duban", "guapai-duban", "--json").output)
    assert [r["row"] for r in listed] == ["#1", "#2"]


def test_import_xlsx_with_real_dates(store: Store, tmp_path: Path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["招商引资一号工程", "王五", "财务科", datetime(2024, 3, 31), None])
    book.save(tmp_path / "督办.xlsx")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(tmp_path / "督办.xlsx"))
    assert result.exit_code == 0, result.stderr
    listed = json.loads(cli(store.path, "ledger", "list", "guapai-duban", "guapai-duban", "--json").output)
    assert listed[0]["fields"]["shixian"] == "2024-03-31"


def test_import_with_bad_rows_imports_nothing(store: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "bad.csv", [HEADER, GOOD[0], ["问题", "赵六", "", "2024-01-01", ""],
                                              ["问题二", "张三", "", "明天", ""]], "utf-8")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(source))
    assert result.exit_code == 2
    assert f'{source}：第 3 行：责任人：名册中没有 "赵六"' in result.stderr
    assert f"{source}：第 4 行：时限: expected a date" in result.stderr
    assert json.loads(cli(store.path, "ledger", "list", "guapai-duban", "guapai-duban", "--json").output) == []
    missing = write_csv(tmp_path / "missing.csv", [["事项", "责任科室"], ["x", "财务科"]], "utf-8")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(missing))
    assert result.exit_code == 2 and "表头缺少必填列：责任人、时限" in result.stderr
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(tmp_path / "junk.xlsx"))
    assert result.exit_code == 2 and "不是可读取的 Excel 工作簿" in result.stderr


ADDER = """
import sys
from pathlib import Path
from checklists.loader import load_library
from checklists.periods import parse_period
from store.db import Store
from store.ledger import add_rows
c = load_library().get("guapai-duban")
store = Store(Path(sys.argv[1]), lock_timeout=60)
for n in range(int(sys.argv[2])):
    add_rows(store, c, c.item("guapai-duban"), parse_period("2024"),
             [{"事项": f"{sys.argv[3]}-{n}", "责任人": "王五", "时限": "2024-12-31"}])
"""


@pytest.mark.slow
def test_two_processes_adding_rows_get_distinct_numbers(store: Store, duban) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(store.path), "20", name], cwd=ROOT)
             for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    c, item, period = duban
    rows = ledger_rows(store, c, item, period)
    assert [r["subject"] for r in rows] == [f"#{n}" for n in range(1, 41)]
