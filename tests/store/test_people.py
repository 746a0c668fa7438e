"""The roster: CSV import in the encodings offices use, add/remove/list, whoami."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from store.tinydb import TinyStore
from store.tinydb.roster import load_roster
from tui.cli import app

runner = CliRunner()
ROWS = "姓名,角色,科室,支部\n张三,班子成员、党员,办公室,第一党支部\n李四,党组书记,,第一党支部\n王五,党员,财务科,第二党支部\n"


def invoke(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


@pytest.mark.parametrize(("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""),
                                                  ("gb18030", b"")])
def test_import_csv_in_each_encoding(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    csv_file = tmp_path / "名册.csv"
    csv_file.write_bytes(prefix + ROWS.replace("\n", "\r\n").encode(encoding))
    db = tmp_path / "duty.json"
    result = invoke(db, "people", "import", str(csv_file))
    assert result.exit_code == 0, result.output
    roster = load_roster(TinyStore(db))
    assert [(p.name, p.roles, p.dept, p.branch) for p in roster.people] == [  # in reading order
        ("李四", ("党组书记",), "", "第一党支部"),
        ("王五", ("党员",), "财务科", "第二党支部"),
        ("张三", ("班子成员", "党员"), "办公室", "第一党支部"),
    ]
    assert roster.branches == ["第一党支部", "第二党支部"]


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(ROWS + "赵六,班子成原,,\n,党员,,\n", "utf-8")
    db = tmp_path / "duty.json"
    result = invoke(db, "people", "import", str(csv_file))
    assert result.exit_code == 2
    assert f'{csv_file}：第 5 行：角色 "班子成原" 无效' in result.stderr
    assert f"{csv_file}：第 6 行：姓名不能为空" in result.stderr
    assert not db.exists()


def test_missing_header_is_explained(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("张三,党员\n", "utf-8")
    result = invoke(tmp_path / "duty.json", "people", "import", str(csv_file))
    assert result.exit_code == 2 and "表头应为：姓名,角色,科室,支部" in result.stderr


def test_add_list_remove_keeps_history(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert invoke(db, "people", "add", "张三", "--role", "班子成员", "--branch", "第一党支部").exit_code == 0
    assert invoke(db, "tick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "-p", "2024").exit_code == 0
    dup = invoke(db, "people", "add", "张三", "--role", "党员")
    assert dup.exit_code == 2 and "名册中已有" in dup.stderr
    bad_role = invoke(db, "people", "add", "李四", "--role", "处长")
    assert bad_role.exit_code == 2 and '角色 "处长" 无效' in bad_role.stderr
    assert invoke(db, "people", "remove", "张三").exit_code == 0
    assert "张三" not in invoke(db, "people", "list").output
    listed = json.loads(invoke(db, "people", "list", "--all", "--format", "json").output)
    assert listed[0]["name"] == "张三" and listed[0]["removed"]
    log = json.loads(invoke(db, "log", "--subject", "张三", "--format", "json").output)
    assert len(log) == 1
    gone = invoke(db, "tick", "yishu-sibiao", "chengnuoshu", "-s", "张三", "-p", "2024")
    assert gone.exit_code == 2 and '名册中没有 "张三"' in gone.stderr
    assert invoke(db, "people", "remove", "张三").exit_code == 2


def test_whoami_link(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    assert "未关联" in invoke(db, "whoami").output
    missing = invoke(db, "whoami", "--link", "张三")
    assert missing.exit_code == 2 and '名册中没有 "张三"' in missing.stderr
    invoke(db, "people", "add", "张三", "--role", "党员")
    assert "关联人员：张三" in invoke(db, "whoami", "--link", "张三").output
    assert "关联人员：张三" in invoke(db, "whoami").output


def test_email_column_is_optional_and_kept(tmp_path: Path) -> None:
    csv_file = tmp_path / "名册.csv"
    csv_file.write_text("姓名,角色,科室,支部,邮箱\n张三,班子成员,办公室,第一党支部,zhangsan@example.gov.cn\n"
                        "李四,党员,,第一党支部,\n", "utf-8")
    db = tmp_path / "duty.json"
    assert invoke(db, "people", "import", str(csv_file)).exit_code == 0
    assert invoke(db, "people", "add", "王五", "--role", "党员", "--email", " wangwu@example.gov.cn ").exit_code == 0
    roster = load_roster(TinyStore(db))
    assert [(p.name, p.email) for p in roster.people] == [  # in reading order
        ("李四", ""), ("王五", "wangwu@example.gov.cn"), ("张三", "zhangsan@example.gov.cn")]
    listed = invoke(db, "people", "list")
    assert "邮箱" in listed.output and "zhangsan@example.gov.cn" in listed.output
    assert json.loads(invoke(db, "people", "list", "--format", "json").output)[1]["email"] == "wangwu@example.gov.cn"


def test_people_without_email_list_as_before(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    invoke(db, "people", "add", "张三", "--role", "党员")
    assert "邮箱" not in invoke(db, "people", "list").output


@pytest.mark.parametrize("address", ["zhangsan", "a@b", "a@b.cn, c@d.cn", "张三@example.cn", "-oX@example.cn",
                                     "a b@example.cn", "<a@example.cn>"])
def test_an_address_that_is_not_one_mailbox_is_refused(tmp_path: Path, address: str) -> None:
    db = tmp_path / "duty.json"
    added = invoke(db, "people", "add", "王五", "--role", "党员", "--email", address)
    assert added.exit_code == 2 and f'邮箱 "{address}" 不是一个邮件地址' in added.stderr
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(f'姓名,角色,邮箱\n张三,党员,zhangsan@example.gov.cn\n李四,党员,"{address}"\n', "utf-8")
    imported = invoke(db, "people", "import", str(csv_file))
    assert imported.exit_code == 2 and f'{csv_file}：第 3 行：邮箱 "{address}" 不是一个邮件地址' in imported.stderr
    assert not db.exists()


def test_an_email_with_a_control_character_is_refused_by_row_and_column(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("姓名,角色,邮箱\n张三,党员,zhang\x1bsan@example.cn\n", "utf-8")
    imported = invoke(tmp_path / "duty.json", "people", "import", str(csv_file))
    assert imported.exit_code == 2 and "第 2 行" in imported.stderr and "邮箱" in imported.stderr
    assert "U+001B" in imported.stderr
    added = invoke(tmp_path / "duty.json", "people", "add", "王五", "--role", "党员", "--email", "a\x07@b.cn")
    assert added.exit_code == 2 and "邮箱含有控制字符 U+0007" in added.stderr
