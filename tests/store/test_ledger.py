"""Ledger rows: typed columns, stage rules, sign-off, undo, import, status and concurrency."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from checklists.periods import parse_period
from checklists.progress import apply_event, state_fields
from checklists.records import StateKey
from store.interface import Draft
from store.tinydb import TinyStore
from store.tinydb.changes import all_events, all_states, entry_events
from store.tinydb.ledger import ledger_rows
from tests.conftest import refused
from tests.support.writes import add_rows, change_row, undo_last
from tui.cli import app

runner = CliRunner()
ROOT = Path(__file__).parent.parent.parent
ROW = {"事项": "招商引资一号工程", "责任人": "王五", "责任科室": "财务科", "时限": "2024-03-31"}


@pytest.fixture
def duban(library):
    checklist = library.get("guapai-duban")
    return checklist, checklist.item("guapai-duban"), parse_period("2024")


def test_add_checks_types_and_required_columns(store: TinyStore, duban) -> None:
    c, item, period = duban
    (event,) = add_rows(store, c, item, period, [ROW], account="clerk")
    assert (event["subject"], event["stage"], event["fields"]["zerenren"]) == ("#1", 0, "王五")
    for bad, message in [
        ({**ROW, "责任人": "赵六"}, '责任人：名册中没有 "赵六"'),
        ({**ROW, "责任科室": "保卫科"}, '责任科室：没有科室 "保卫科"'),
        ({**ROW, "时限": "下周"}, "时限：日期应写成"),
        ({k: v for k, v in ROW.items() if k != "时限"}, "必填列不能为空：时限"),
        ({**ROW, "预算": "1万"}, '没有列 "预算"'),
    ]:
        with refused(message):
            add_rows(store, c, item, period, [bad])
    assert len(ledger_rows(store, c, item, period)) == 1


def test_stage_rules_and_sign_off(store: TinyStore, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW])
    with refused("不能再退回"):
        change_row(store, c, item, period, "1", "row-back", reason="x")
    change_row(store, c, item, period, "1", "row-advance")
    change_row(store, c, item, period, "#1", "row-advance")
    with refused("下一阶段“已销号”须经销号"):
        change_row(store, c, item, period, "1", "row-advance")
    with refused("退回须说明理由"):
        change_row(store, c, item, period, "1", "row-back")
    with refused("复核人不能是责任人本人（王五）"):
        change_row(store, c, item, period, "1", "row-close", reviewer="王五", evidence="局办〔2024〕1号")
    with refused("销号须提供佐证"):
        change_row(store, c, item, period, "1", "row-close", reviewer="李四")
    with refused("须指定复核人"):
        change_row(store, c, item, period, "1", "row-close", evidence="x")
    with refused('复核人：名册中没有 "赵六"'):
        change_row(store, c, item, period, "1", "row-close", reviewer="赵六", evidence="x")
    change_row(store, c, item, period, "1", "row-close", reviewer="李四", evidence="局办〔2024〕1号")
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], item.stages[row["stage"]], row["reviewer"], row["evidence"]) == (
        "done", "已销号", "李四", ["局办〔2024〕1号"])
    with refused("没有第 9 行"):
        change_row(store, c, item, period, "9", "row-advance")


def closed_row(store: TinyStore, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW])
    change_row(store, c, item, period, "1", "row-advance")
    change_row(store, c, item, period, "1", "row-advance")
    change_row(store, c, item, period, "1", "row-close", reviewer="李四", evidence="局办〔2024〕1号")


def refused_nothing_recorded(store: TinyStore, code: str, match: str, call) -> None:
    """The change is refused by the named rule, and nothing at all is recorded."""
    before = (len(all_events(store)), json.dumps(all_states(store), sort_keys=True))
    with refused(match) as caught:
        call()
    assert caught.value.code == code
    assert (len(all_events(store)), json.dumps(all_states(store), sort_keys=True)) == before


@pytest.mark.parametrize(("action", "values", "word"), [
    ("row-edit", {"fields": {"进展": "补充材料"}}, "修改"),
    ("row-edit", {"fields": {"责任人": "李四"}}, "修改"),  # would make the owner the reviewer
    ("row-advance", {}, "推进"),
    ("row-back", {"reason": "复核发现未完成"}, "退回"),
    ("row-close", {"reviewer": "张三", "evidence": "x"}, "再次销号"),
])
def test_a_closed_row_cannot_change(store: TinyStore, duban, action: str, values: dict, word: str) -> None:
    c, item, period = duban
    closed_row(store, duban)
    refused_nothing_recorded(store, "closed", f"该行已销号，不能{word}；如需重办，须先重新打开并说明理由",
            lambda: change_row(store, c, item, period, "1", action, **values))
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], row["stage"], row["reviewer"]) == ("done", 3, "李四")


def test_reopen_needs_a_reason_and_returns_to_the_stage_before_sign_off(store: TinyStore, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW])
    refused_nothing_recorded(store, "not-closed", "该行尚未销号，无需重新打开",
            lambda: change_row(store, c, item, period, "1", "row-reopen", reason="x"))
    change_row(store, c, item, period, "1", "row-advance")
    change_row(store, c, item, period, "1", "row-advance")
    change_row(store, c, item, period, "1", "row-close", reviewer="李四", evidence="局办〔2024〕1号")
    refused_nothing_recorded(store, "reason", "重新打开须说明理由",
            lambda: change_row(store, c, item, period, "1", "row-reopen", reason="  "))
    event = change_row(store, c, item, period, "1", "row-reopen", reason="复核发现数据有误", account="clerk")
    assert (event["action"], event["stage"], event["reason"]) == ("row-reopen", 2, "复核发现数据有误")
    (row,) = ledger_rows(store, c, item, period)
    # The sign-off no longer holds: the state says so; the history keeps who signed and on what.
    assert (row["state"], item.stages[row["stage"]], row["reviewer"], row["evidence"], row["reason"]) == (
        "open", "已完成", "", [], "复核发现数据有误")
    history = entry_events(store, c.id, item.id, period.key, "#1")
    close = next(e for e in history if e["action"] == "row-close")
    assert (close["reviewer"], close["evidence"]) == ("李四", "局办〔2024〕1号")
    assert history[-1]["id"] == event["id"] and history[-1]["seq"] == close["seq"] + 1
    replayed = None
    for e in history:
        replayed = apply_event(replayed, e)
    assert replayed == state_fields(row)
    from store.tinydb.verify import verify

    assert verify(store, {}).problems == []  # no count items in a ledger: no targets needed
    change_row(store, c, item, period, "1", "row-close", reviewer="张三", evidence="局办〔2024〕2号")
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], row["reviewer"], row["evidence"]) == ("done", "张三", ["局办〔2024〕2号"])


def test_reviewer_is_checked_again_after_reopen(store: TinyStore, duban) -> None:
    c, item, period = duban
    closed_row(store, duban)
    change_row(store, c, item, period, "1", "row-reopen", reason="责任人调整")
    change_row(store, c, item, period, "1", "row-edit", fields={"责任人": "李四"})  # the old reviewer now owns it
    refused_nothing_recorded(store, "reviewer-is-owner", "复核人不能是责任人本人（李四）",
            lambda: change_row(store, c, item, period, "1", "row-close", reviewer="李四", evidence="x"))
    change_row(store, c, item, period, "1", "row-close", reviewer="王五", evidence="x")


def test_an_edit_cannot_make_the_owner_the_reviewer(store: TinyStore, duban) -> None:
    """A row signed off and moved back before reopening existed still names its reviewer."""
    c, item, period = duban
    closed_row(store, duban)
    old_style(store, duban, "row-back", stage=2, reason="复核发现未完成")
    refused_nothing_recorded(store, "reviewer-is-owner", "复核人不能是责任人本人（李四）",
            lambda: change_row(store, c, item, period, "1", "row-edit", fields={"责任人": "李四"}))
    change_row(store, c, item, period, "1", "row-edit", fields={"责任人": "张三"})


def test_required_cells_cannot_be_emptied_by_edit(store: TinyStore, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW])
    for fields in ({"事项": ""}, {"shixiang": "  "}, {"责任人": "", "时限": ""}):
        refused_nothing_recorded(store, "required", "必填列不能为空：",
                lambda fields=fields: change_row(store, c, item, period, "1", "row-edit", fields=fields))
    change_row(store, c, item, period, "1", "row-edit", fields={"责任科室": "", "进展": "已签约"})  # not required
    (row,) = ledger_rows(store, c, item, period)
    assert (row["fields"]["shixiang"], row["fields"]["keshi"], row["fields"]["jinzhan"]) == ("招商引资一号工程", "", "已签约")


def test_close_only_from_the_stage_before_the_final_one(store: TinyStore, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW])
    sign = {"reviewer": "李四", "evidence": "x"}
    refused_nothing_recorded(store, "close-stage", "“挂牌”阶段不能销号；只能从“已完成”销号",
            lambda: change_row(store, c, item, period, "1", "row-close", **sign))
    change_row(store, c, item, period, "1", "row-advance")
    refused_nothing_recorded(store, "close-stage", "“推进中”阶段不能销号；只能从“已完成”销号",
            lambda: change_row(store, c, item, period, "1", "row-close", **sign))
    wider = replace(item, close_from=("推进中", "已完成"))  # as a definition with close_from declares it
    change_row(store, c, wider, period, "1", "row-close", **sign)
    assert ledger_rows(store, c, item, period)[0]["state"] == "done"
    add_rows(store, c, wider, period, [ROW])
    refused_nothing_recorded(store, "close-stage", "“挂牌”阶段不能销号；只能从“推进中”或“已完成”销号",
            lambda: change_row(store, c, wider, period, "2", "row-close", **sign))


def test_a_sign_off_cannot_be_undone_only_reopened(store: TinyStore, duban, library) -> None:
    c, item, period = duban
    lookup = library.targets()
    closed_row(store, duban)
    refused_nothing_recorded(store, "undo-close", "销号不能撤销", lambda: undo_last(store, lookup))
    change_row(store, c, item, period, "1", "row-reopen", reason="误销号")
    undo_last(store, lookup)  # undoing the reopen puts the sign-off back exactly as it was
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], row["stage"], row["reviewer"], row["evidence"]) == ("done", 3, "李四", ["局办〔2024〕1号"])


def old_style(store: TinyStore, duban, action: str, **extra) -> None:
    """Append a row event the way earlier versions did, with no rules: data already on disk."""
    c, item, period = duban
    key = StateKey(c.id, item.id, period.key, "#1")
    current = store.states({(c.id, period.key)}).get(key)
    event = {"account": "clerk", "action": action, "checklist": c.id, "item": item.id, "period": period.key,
             "subject": "#1", **extra}
    store.append([Draft(event, apply_event(current, event))], expected={})  # type: ignore[arg-type]


# Events as earlier versions wrote them, including changes to a closed row that are refused now,
# and the state each must still replay to.
OLD_HISTORY = [
    ({"action": "row-add", "fields": {"shixiang": "一号工程", "zerenren": "王五"}, "stage": 0},
     {"state": "open", "stage": 0, "reviewer": "", "evidence": [], "reason": ""}),
    ({"action": "row-close", "stage": 3, "reviewer": "李四", "evidence": "文1"},
     {"state": "done", "stage": 3, "reviewer": "李四", "evidence": ["文1"], "reason": ""}),
    ({"action": "row-edit", "fields": {"zerenren": "李四"}, "stage": 3},
     {"state": "open", "stage": 3, "reviewer": "李四", "evidence": ["文1"], "reason": ""}),
    ({"action": "row-back", "stage": 2, "reason": "重办"},
     {"state": "open", "stage": 2, "reviewer": "李四", "evidence": ["文1"], "reason": "重办"}),
    ({"action": "row-close", "stage": 3, "reviewer": "张三", "evidence": "文2"},
     {"state": "done", "stage": 3, "reviewer": "张三", "evidence": ["文1", "文2"], "reason": ""}),
]


def test_old_histories_replay_the_same_and_closed_rows_stay_closed(store: TinyStore, duban) -> None:
    state = None
    for event, expected in OLD_HISTORY:
        state = apply_event(state, {**event, "time": "2024-05-20T02:00:00Z"})
        assert {k: state[k] for k in expected} == expected, event["action"]
    c, item, period = duban
    closed_row(store, duban)
    (row,) = ledger_rows(store, c, item, period)
    assert (row["state"], row["stage"]) == ("done", 3)
    refused_nothing_recorded(store, "closed", "该行已销号", lambda: change_row(store, c, item, period, "1", "row-advance"))
    old_style(store, duban, "row-edit", stage=3, fields={"jinzhan": "销号后改过"})  # was allowed: open at 已销号
    refused_nothing_recorded(store, "closed", "该行已销号", lambda: change_row(store, c, item, period, "1", "row-edit",
                                                          fields={"进展": "x"}))
    change_row(store, c, item, period, "1", "row-reopen", reason="理清状态")
    assert ledger_rows(store, c, item, period)[0]["stage"] == 2


def test_row_changes_share_the_audit_trail_and_undo(store: TinyStore, duban, library) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW], account="clerk")
    change_row(store, c, item, period, "1", "row-edit", fields={"进展": "已签约"}, account="clerk")
    lookup = library.targets()
    undo_last(store, lookup, account="clerk")
    (row,) = ledger_rows(store, c, item, period)
    assert row["fields"].get("jinzhan", "") == ""
    undo_last(store, lookup, account="clerk")
    assert ledger_rows(store, c, item, period) == []
    assert [e["action"] for e in all_events(store)] == ["row-add", "row-edit", "undo", "undo"]
    from store.tinydb.verify import verify

    assert verify(store, library.targets()).problems == []


def test_ledger_rows_in_status(store: TinyStore, duban) -> None:
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


def test_cli_add_list_advance_close(store: TinyStore) -> None:
    db = store.path
    ok = cli(db, "ledger", "add", "guapai-duban", "挂牌督办台账", *[f"--set={k}={v}" for k, v in ROW.items()])
    assert ok.exit_code == 0 and "#1：新增（挂牌）" in ok.output
    assert cli(db, "ledger", "advance", "guapai-duban", "guapai-duban", "1").exit_code == 0
    early = cli(db, "ledger", "close", "guapai-duban", "guapai-duban", "1", "--reviewer", "李四", "-e", "x")
    assert early.exit_code == 2 and early.stderr.splitlines() == [
        "duty-tui: “推进中”阶段不能销号；只能从“已完成”销号（先用 duty-tui ledger advance guapai-duban guapai-duban 1 推进）"]
    assert cli(db, "ledger", "advance", "guapai-duban", "guapai-duban", "1").exit_code == 0
    bad = cli(db, "ledger", "close", "guapai-duban", "guapai-duban", "1", "--reviewer", "王五", "-e", "x")
    assert bad.exit_code == 2 and "复核人不能是责任人本人" in bad.stderr
    listed = json.loads(cli(db, "ledger", "list", "guapai-duban", "guapai-duban", "--format", "json").output)
    assert listed[0]["stage"] == "已完成" and listed[0]["fields"]["shixiang"] == "招商引资一号工程"
    assert "招商引资一号工程" in cli(db, "ledger", "list", "guapai-duban", "guapai-duban").output
    missing = cli(db, "ledger", "add", "jieri-lianjie", "chunjie")
    assert missing.exit_code == 2 and "没有台账" in missing.stderr
    bad_set = cli(db, "ledger", "add", "guapai-duban", "guapai-duban", "--set", "事项")
    assert bad_set.exit_code == 2 and "--set 应写成 列=值" in bad_set.stderr


def test_cli_closed_rows_reopen_with_a_reason(store: TinyStore, duban) -> None:
    db = store.path
    closed_row(store, duban)
    count = len(all_events(store))
    where = ["guapai-duban", "guapai-duban", "1"]
    for args in (["edit", *where, "--set", "进展=x"], ["advance", *where], ["back", *where, "--reason", "x"],
                 ["close", *where, "--reviewer", "张三", "-e", "x"]):
        result = cli(db, "ledger", *args)
        assert result.exit_code == 2, args
        (line,) = result.stderr.splitlines()
        assert line.startswith("duty-tui: 该行已销号，不能") and line.endswith(
            "（duty-tui ledger reopen guapai-duban guapai-duban 1 --reason 理由）"), line
    no_reason = cli(db, "ledger", "reopen", *where, "--reason", " ")
    assert no_reason.exit_code == 2 and no_reason.stderr.splitlines() == ["duty-tui: 重新打开须说明理由；请用 --reason 写明"]
    assert cli(db, "ledger", "reopen", *where).exit_code == 2  # --reason is required
    assert len(all_events(store)) == count
    ok = cli(db, "ledger", "reopen", *where, "--reason", "复核发现数据有误")
    assert ok.exit_code == 0 and "#1：重新打开（已完成）" in ok.output
    again = cli(db, "ledger", "reopen", *where, "--reason", "x")
    assert again.exit_code == 2 and again.stderr.splitlines() == ["duty-tui: 该行尚未销号，无需重新打开"]
    listed = json.loads(cli(db, "ledger", "list", "guapai-duban", "guapai-duban", "--format", "json").output)
    assert (listed[0]["stage"], listed[0]["state"], listed[0]["reviewer"], listed[0]["evidence"]) == (
        "已完成", "open", "", [])
    log = runner.invoke(app, ["--db", str(db), "log", "--checklist", "guapai-duban"], env={"COLUMNS": "200"}).output
    assert "│ 销号     │" in log and "复核人 李四；局办〔2024〕1号" in log
    assert "│ 重新打开 │" in log and "复核发现数据有误" in log
    undo = cli(db, "undo")
    assert undo.exit_code == 0  # undoing the reopen restores the sign-off
    assert cli(db, "undo").exit_code == 2  # but a sign-off itself is never undone


HEADER = ["事项", "责任人", "责任科室", "时限", "进展"]
GOOD = [["招商引资一号工程", "王五", "财务科", "2024-03-31", "x"], ["优化营商环境", "张三", "办公室", "2024-06-30", ""]]


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    path.write_bytes(("\r\n".join(",".join(r) for r in rows) + "\r\n").encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_import_csv(store: TinyStore, tmp_path: Path, encoding: str) -> None:
    source = write_csv(tmp_path / "督办.csv", [HEADER, *GOOD], encoding)
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(source))
    assert result.exit_code == 0 and "已导入 2 行" in result.output
    listed = json.loads(cli(store.path, "ledger", "list", "guapai-duban", "guapai-duban", "--format", "json").output)
    assert [r["row"] for r in listed] == ["#1", "#2"]


def test_import_xlsx_with_real_dates(store: TinyStore, tmp_path: Path) -> None:
    from datetime import datetime

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["招商引资一号工程", "王五", "财务科", datetime(2024, 3, 31), None])
    book.save(tmp_path / "督办.xlsx")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(tmp_path / "督办.xlsx"))
    assert result.exit_code == 0, result.stderr
    listed = json.loads(cli(store.path, "ledger", "list", "guapai-duban", "guapai-duban", "--format", "json").output)
    assert listed[0]["fields"]["shixian"] == "2024-03-31"


def test_import_with_bad_rows_imports_nothing(store: TinyStore, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "bad.csv", [HEADER, GOOD[0], ["问题", "赵六", "", "2024-01-01", ""],
                                              ["问题二", "张三", "", "明天", ""]], "utf-8")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(source))
    assert result.exit_code == 2
    assert f'{source}：第 3 行：责任人：名册中没有 "赵六"' in result.stderr
    assert f"{source}：第 4 行：时限：日期应写成" in result.stderr
    assert json.loads(cli(store.path, "ledger", "list", "guapai-duban", "guapai-duban", "--format", "json").output) == []
    missing = write_csv(tmp_path / "missing.csv", [["事项", "责任科室"], ["x", "财务科"]], "utf-8")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(missing))
    assert result.exit_code == 2 and "表头缺少必填列：责任人、时限" in result.stderr
    (tmp_path / "junk.xlsx").write_bytes(b"not a workbook")
    result = cli(store.path, "ledger", "import", "guapai-duban", "guapai-duban", str(tmp_path / "junk.xlsx"))
    assert result.exit_code == 2 and "不是 Excel 工作簿（.xlsx）" in result.stderr


ADDER = """
import sys
from pathlib import Path
from checklists.loader import load_library
from checklists.periods import parse_period
from store.tinydb import TinyStore
from tests.support.writes import add_rows
c = load_library().get("guapai-duban")
store = TinyStore(Path(sys.argv[1]), lock_timeout=60)
for n in range(int(sys.argv[2])):
    add_rows(store, c, c.item("guapai-duban"), parse_period("2024"),
             [{"事项": f"{sys.argv[3]}-{n}", "责任人": "王五", "时限": "2024-12-31"}])
"""


@pytest.mark.slow
def test_two_processes_adding_rows_get_distinct_numbers(store: TinyStore, duban) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(store.path), "20", name], cwd=ROOT)
             for name in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    c, item, period = duban
    rows = ledger_rows(store, c, item, period)
    assert [r["subject"] for r in rows] == [f"#{n}" for n in range(1, 41)]


def test_an_edit_made_from_cells_someone_has_changed_since_is_refused_under_the_lock(store: TinyStore, duban) -> None:
    c, item, period = duban
    add_rows(store, c, item, period, [ROW], account="clerk")
    loaded = dict(ledger_rows(store, c, item, period)[0]["fields"])  # two forms open on the same row
    change_row(store, c, item, period, "1", "row-edit", fields={"进展": "已开工"}, loaded=loaded, account="li")
    before = store.path.read_bytes()
    with refused("已被 li 于", code="row-changed-since") as caught:
        change_row(store, c, item, period, "1", "row-edit", fields={"进展": "已签约"}, loaded=loaded, account="wang")
    assert (caught.value.fields["column"], caught.value.fields["value"]) == ("进展", "已开工")
    assert store.path.read_bytes() == before and ledger_rows(store, c, item, period)[0]["fields"]["jinzhan"] == "已开工"
    # Without what the form showed (the command line's edit), the edit applies as before.
    change_row(store, c, item, period, "1", "row-edit", fields={"进展": "已签约"}, account="wang")
    assert ledger_rows(store, c, item, period)[0]["fields"]["jinzhan"] == "已签约"
