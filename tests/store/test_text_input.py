"""Every write path refuses control and invisible characters, and writes nothing when it does."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from checklists.periods import parse_period
from checklists.roster import Person
from store.ledger_import import read_rows
from store.roster_import import read_people
from store.tinydb import TinyStore
from store.tinydb.changes import all_events
from store.tinydb.ledger import ledger_rows
from store.tinydb.roster import load_roster
from tests.conftest import refused
from tests.support.writes import Change, add_branch, add_people, add_person, add_rows, change_row, link_account, record
from tui.errors import explain

ROW = {"事项": "招商引资一号工程", "责任人": "王五", "责任科室": "财务科", "时限": "2024-03-31"}


def org_change(library, action: str = "done", **values: str) -> Change:
    c = library.get("jieri-lianjie")
    return Change(c, c.item("chunjie"), parse_period("2024"), "", action, **values)


@pytest.mark.parametrize(("values", "message"), [
    ({"note": "已发\x1b[2J"}, "备注含有控制字符 U+001B（第 3 个字符）；请删去后重试"),
    ({"evidence": "局办\u202e号"}, "佐证材料含有文字方向控制字符 U+202E（第 3 个字符）"),
    ({"note": "见\x9b附件"}, "备注含有控制字符 U+009B（第 2 个字符）"),
    ({"note": "坏\udcff"}, "备注含有非 UTF-8 字符 U+DCFF（第 2 个字符）"),
    ({"date": "2024-05\t01"}, "日期含有制表符 U+0009（第 8 个字符）"),
])
def test_tick_refuses_controls_in_every_field(store: TinyStore, library, values, message) -> None:
    with refused() as caught:
        record(store, org_change(library, **values))
    assert explain(caught.value).startswith(message)
    assert all_events(store) == []


def test_na_reason_and_subject(store: TinyStore, library) -> None:
    with refused(r"^理由含有控制字符 U\+0007（第 2 个字符）"):
        record(store, org_change(library, "na", reason="合\x07并"))
    c = library.get("yishu-sibiao")
    with refused(r"^对象含有换行符 U\+000A"):
        record(store, Change(c, c.item("chengnuoshu"), parse_period("2024"), "张\n三", "done"))
    assert all_events(store) == []


def test_multi_line_notes_are_kept(store: TinyStore, library) -> None:
    event = record(store, org_change(library, note="短信已发\n\t附名单", reason=""))
    assert event["note"] == "短信已发\n\t附名单"


def test_ledger_cells_reason_reviewer_and_evidence(store: TinyStore, library) -> None:
    c = library.get("guapai-duban")
    item, period = c.item("guapai-duban"), parse_period("2024")
    with refused(r"^事项含有控制字符 U\+001B（第 3 个字符）"):
        add_rows(store, c, item, period, [{**ROW, "事项": "招商\x1b[8m"}])
    with refused(r"^责任人含有换行符"):
        add_rows(store, c, item, period, [{**ROW, "责任人": "王\n五"}])
    add_rows(store, c, item, period, [{**ROW, "事项": "招商引资\n（第二期）"}])  # a text cell may span lines
    change_row(store, c, item, period, "1", "row-advance")
    with refused(r"^理由含有控制字符 U\+009B"):
        change_row(store, c, item, period, "1", "row-back", reason="材料\x9b不全")
    with refused(r"^复核人含有不可见的格式字符 U\+200B"):
        change_row(store, c, item, period, "1", "row-close", reviewer="张\u200b三", evidence="局办〔2024〕1号")
    with refused(r"^佐证材料含有文字方向控制字符 U\+2066"):
        change_row(store, c, item, period, "1", "row-close", reviewer="张三", evidence="\u2066局办")
    with refused(r"^事项含有控制字符"):
        change_row(store, c, item, period, "1", "row-edit", fields={"事项": "\x07"})
    (row,) = ledger_rows(store, c, item, period)
    assert (row["stage"], row["fields"]["shixiang"]) == (1, "招商引资\n（第二期）")


def test_roster_writes(store: TinyStore) -> None:
    before = load_roster(store)
    cases = [
        (lambda: add_person(store, "王\u200b伟", ["党员"]), "姓名含有不可见的格式字符 U+200B（第 2 个字符）"),
        (lambda: add_person(store, "王伟", ["党员"], dept="办公\x1b室"), "科室含有控制字符 U+001B"),
        (lambda: add_person(store, "王伟", ["党员"], branch="第三\u202e支部"), "支部含有文字方向控制字符 U+202E"),
        (lambda: add_branch(store, "第三支部\x00"), "支部含有控制字符 U+0000"),
        (lambda: add_people(store, [Person("赵六", ("党员",)), Person("钱\x07七", ("党员",))]), "姓名含有控制字符 U+0007"),
        (lambda: link_account(store, "clerk", "张三\x1b"), "姓名含有控制字符 U+001B"),
    ]
    for write, message in cases:
        with refused() as caught:
            write()
        assert explain(caught.value).startswith(message), explain(caught.value)
    after = load_roster(store)
    assert (after.people, after.branches, after.accounts) == (before.people, before.branches, before.accounts)


def test_roster_csv_names_row_and_column_and_imports_nothing(tmp_path: Path) -> None:
    path = tmp_path / "名册.csv"
    path.write_text("姓名,角色,科室,支部\n张三,党员,办公室,一支部\n李\x07四,党员,,一支部\n"
                    "王五,党员,财务\u202e科,二支部\n", encoding="utf-8")
    with refused() as caught:
        read_people(path)
    assert explain(caught.value).splitlines() == [
        f"{path}：第 3 行“姓名”列含有控制字符 U+0007（第 2 个字符）",
        f"{path}：第 4 行“科室”列含有文字方向控制字符 U+202E（第 3 个字符）",
        f"{path}：有 2 行错误，未导入任何人员",
    ]


def test_roster_csv_roles_may_be_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "名册.csv"
    path.write_text('姓名,角色\n张三,"班子成员\n党员"\n', encoding="utf-8")
    assert read_people(path)[0].roles == ("班子成员", "党员")


def test_ledger_csv_import_names_row_and_column(store: TinyStore, library, tmp_path: Path) -> None:
    item = library.get("guapai-duban").item("guapai-duban")
    path = tmp_path / "督办.csv"
    path.write_text("事项,责任人,责任科室,时限\n招商,王五,财务科,2024-03-31\n项目\x1b]0;x\x07,王五,财务科,2024-03-31\n",
                    encoding="utf-8")
    with refused() as caught:
        read_rows(path, item)
    assert explain(caught.value).splitlines() == [f"{path}：第 3 行“事项”列含有控制字符 U+001B（第 3 个字符）",
                                              f"{path}：有 1 行错误，未导入任何行"]
    path.write_text("事项,责任人\x1b,时限\n招商,王五,2024-03-31\n", encoding="utf-8")
    with refused("第 1 行第 2 列（表头）含有控制字符 U\\+001B"):
        read_rows(path, item)


def test_ledger_xlsx_import_refuses_what_xml_can_carry(library, tmp_path: Path) -> None:
    """XLSX cannot hold ESC, but C1 controls and bidi overrides pass through openpyxl."""
    item = library.get("guapai-duban").item("guapai-duban")
    book = Workbook()
    sheet = book.active
    sheet.append(["事项", "责任人", "责任科室", "时限"])
    sheet.append(["招商", "王五", "财务科", "2024-03-31"])
    sheet.append(["项目\x9b", "王五", "财务科", "2024-03-31"])
    sheet.append(["项目", "王\u202e五", "财务科", "2024-03-31"])
    path = tmp_path / "督办.xlsx"
    book.save(path)
    with refused() as caught:
        read_rows(path, item)
    assert explain(caught.value).splitlines() == [
        f"{path}：第 3 行“事项”列含有控制字符 U+009B（第 3 个字符）",
        f"{path}：第 4 行“责任人”列含有文字方向控制字符 U+202E（第 2 个字符）",
        f"{path}：有 2 行错误，未导入任何行",
    ]
