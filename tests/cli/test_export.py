"""`duty-tui export`: the inspection workbook, opened again with openpyxl as an inspector's Excel would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, run_cli
from tests.support.fixture_year import INJECTION, ORG, TODAY, build_year


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("year") / "duty.json"
    build_year(path)
    return path


def export(db: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    result = run_cli(db, "export", "--year", "2023", "--out", str(out), *args, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def book(db: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out") / "台账.xlsx"
    result = export(db, out)
    assert result.stdout.strip() == f"已导出 2023 年度台账：{out}"
    return load_workbook(out)


def rows(ws) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in line), strict=True)) for line in ws.iter_rows(min_row=2)]


def front(book) -> dict[str, object]:
    """The cover's label: value lines."""
    return {row[0].value: row[1].value for row in book["封面"].iter_rows(min_row=3)}


def sheet(book, title: str):
    return book[next(name for name in book.sheetnames if name[3:] == title)]


def test_cover_names_org_year_account_database_and_the_seal_verify_shows(book, db: Path) -> None:
    assert book.sheetnames[:2] == ["封面", "目录"]
    cover = front(book)
    assert book["封面"]["A1"].value == f"{ORG}2023年度全面从严治党主体责任台账"
    assert cover["单位"] == ORG and cover["年度"] == "2023年" and cover["范围"] == "全部清单"
    assert cover["数据库"] == str(db) and cover["生成账户"]
    assert cover["数据校验"].startswith("完好：") and cover["事件总数"] == cover["数据校验"].split("：")[1].split(" ")[0]
    verified = run_cli(db, "verify")
    assert f"封印哈希：{cover['封印哈希']}" in verified.stdout.splitlines()
    assert len(cover["封印哈希"]) == 64


def test_the_contents_link_to_every_other_sheet(book) -> None:
    toc = book["目录"]
    links = {row[1].value: row[1].hyperlink.location for row in toc.iter_rows(min_row=2)}
    assert set(links) == set(book.sheetnames[2:])
    for name, location in links.items():
        assert location == "'" + name.replace("'", "''") + "'!A1"


def test_one_row_per_item_period_and_subject_done_or_not(book) -> None:
    lines = rows(sheet(book, "同级监督“1书4表”"))
    assert len(lines) == 3 * 5  # three leaders, five tables each
    signed = {r["对象"]: r for r in lines if r["事项"] == "签订《同级监督承诺书》"}
    assert {k: v["状态"] for k, v in signed.items()} == {"李书记": "完成", "张三": "完成", "王五": "未完成"}
    assert signed["王五"]["逾期天数"] == 354 and signed["李书记"]["逾期天数"] is None
    assert signed["张三"]["最后修改人"] == "张三（zhang）" and signed["张三"]["最后修改时间"].startswith("20")
    na = next(r for r in lines if r["对象"] == "王五" and r["事项"] == "填报《领导干部报送事项对照表》")
    assert (na["状态"], na["不适用理由"]) == ("不适用", "本年度调离")


def test_counts_carry_the_date_of_each_occurrence(book) -> None:
    lines = [r for r in rows(sheet(book, "党组书记第一责任人职责")) if r["事项"] == "主持召开党组会议"]
    assert len(lines) == 12
    january = next(r for r in lines if r["周期"] == "2023年1月")
    assert (january["次数"], january["目标"], january["日期"], january["状态"]) == (2, 1, "2023-01-05、2023-01-20", "完成")
    assert sum(r["次数"] for r in lines) == 4


def test_person_checklists_also_read_as_a_matrix(book) -> None:
    matrix = rows(sheet(book, "同级监督“1书4表”（矩阵）"))
    assert [r["姓名"] for r in matrix] == ["李书记", "王五", "张三"]  # pinyin: lǐ, wáng, zhāng
    zhang = matrix[2]
    assert zhang["签订《同级监督承诺书》"] == "√" and zhang["填报《领导干部报送事项对照表》"] == "√"
    assert matrix[1]["填报《领导干部报送事项对照表》"] == "—" and matrix[1]["签订《同级监督承诺书》"] == "×"
    assert zhang["完成"] == "2/5"
    monthly = rows(sheet(book, "党组书记第一责任人职责（矩阵）"))[0]
    assert monthly["主持召开党组会议"] == "3/12×"  # months done out of months due, one column for the year


def test_a_ledger_has_every_column_the_sign_off_and_its_stage_history(book) -> None:
    lines = rows(sheet(book, "挂牌督办台账"))
    first = lines[0]
    assert (first["行号"], first["事项"], first["责任人"], first["责任科室"], first["时限"]) == (
        "#1", "营商环境“一网通办”", "张三", "办公室", "2023-06-30")
    assert (first["阶段"], first["状态"], first["复核人"], first["佐证"]) == ("已销号", "已销号", "李书记", "督办〔2023〕5号")
    assert lines[1]["逾期天数"] == 112 and lines[1]["状态"] == "未销号"
    history = [r for r in rows(sheet(book, "挂牌督办台账（阶段记录）")) if r["行号"] == "#1"]
    assert [(r["操作"], r["阶段变化"]) for r in history] == [
        ("新增", "挂牌"), ("推进", "挂牌 → 推进中"), ("推进", "推进中 → 已完成"), ("销号", "已完成 → 已销号")]
    assert history[-1]["复核人"] == "李书记" and history[-1]["修改人"] == "李书记（li）"
    assert "时限：2023-06-30" in history[0]["修改的列"]


def test_nothing_typed_becomes_a_formula(book) -> None:
    cells = [c for ws in book.worksheets for line in ws.iter_rows() for c in line if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'" + INJECTION in texts and "'@SUM(1+1)" in texts and "'-3" in texts
    assert "'+cmd|' /C calc'!A0" in texts
    assert [c.data_type for c in cells if c.value == "#N/A"] == ["s"]  # text, not Excel's error value
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)


def test_every_sheet_is_ready_to_print(book) -> None:
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.oddHeader.left.text == ORG and ws.oddHeader.right.text == "2023年度"
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        if ws.title != "封面":
            assert ws.print_title_rows == "$1:$1" and ws.freeze_panes and ws.freeze_panes.endswith("2")
    widths = sheet(book, "同级监督“1书4表”").column_dimensions
    assert widths["B"].width >= 20  # 事项: wide enough for a Chinese title


def test_filters_give_a_branch_or_a_person_their_own_workbook(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "支部.xlsx"
    export(db, out, "--branch", "第二党支部")
    book = load_workbook(out)
    subjects = {r["对象"] for name in book.sheetnames[2:] if "矩阵" not in name and "台账" not in name
                for r in rows(book[name])}
    assert subjects == {"第二党支部", "王五", "赵六", "孙八"}
    assert front(book)["范围"] == "支部：第二党支部"
    export(db, out, "--person", "张三", "-c", "guapai-duban", "-c", "yishu-sibiao")
    book = load_workbook(out)
    assert [n[3:] for n in book.sheetnames[2:]] == ["挂牌督办台账", "挂牌督办台账（阶段记录）", "同级监督“1书4表”",
                                                    "同级监督“1书4表”（矩阵）"]
    assert [r["行号"] for r in rows(book[book.sheetnames[2]])] == ["#1", "#3"]  # the rows 张三 owns
    assert {r["对象"] for r in rows(book[book.sheetnames[4]])} == {"张三"}
    export(db, out, "-c", "guapai-duban", "-c", "guapai-duban")
    assert [n[3:] for n in load_workbook(out).sheetnames[2:]] == ["挂牌督办台账", "挂牌督办台账（阶段记录）"]


@pytest.mark.parametrize("damage", [b"{\"_meta\": {", b"\0" * 64])
def test_a_damaged_file_met_halfway_gives_one_line_and_leaves_nothing_behind(db: Path, tmp_path: Path,
                                                                              damage: bytes) -> None:
    """The sheets before it are being written already; none of their writers may complain on the way out."""
    import shutil

    copy = tmp_path / "db"
    shutil.copytree(db.parent, copy)
    shards = sorted((copy / "duty.json.d").glob("2023-*.json"))
    shards[len(shards) // 2].write_bytes(damage)
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli(copy / "duty.json", "export", "--year", "2023", "--out", str(out / "台账.xlsx"),
                     DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 4, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "已损坏" in result.stderr, result.stderr
    assert list(out.iterdir()) == []


def test_a_default_name_never_replaces_an_existing_file(db: Path, tmp_path: Path) -> None:
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "export", "--year", "2023"],
                                capture_output=True, text=True, cwd=tmp_path, timeout=120,
                                env={**os.environ, "DUTY_TUI_TODAY": TODAY, "PYTHONPATH": str(ROOT)})
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2023年度台账.xlsx", "2023年度台账（2）.xlsx"]


@pytest.mark.parametrize("args, code, words", [
    (["--person", "无此人"], 2, '名册中没有 "无此人"'),
    (["--branch", "第九党支部"], 2, '没有支部 "第九党支部"'),
    (["-c", "no-such"], 2, '没有清单 "no-such"'),
    (["--year", "23"], 2, '年度应为四位数字的年份，如 2023；得到 "23"；请用 --year 2023 这样的写法'),
    (["--year", "二〇二三"], 2, '得到 "二〇二三"'),
    (["--year", "1999"], 2, "年度 1999 超出范围：应在 2000 年到 2025 年之间；请核对 --year"),
    (["--year", "2026"], 2, "年度 2026 超出范围"),  # periods reach a year ahead of today (2024-01-20), no further
    (["--out", "/no/such/folder/x.xlsx"], 2, "输出目录 /no/such/folder 不存在；请先创建"),
    (["--out", "{tmp}/台账.csv"], 2, "台账（Excel）的文件名应以 .xlsx 结尾；得到 台账.csv"),
    (["--out", "/proc/台账.xlsx"], 3, "/proc/台账.xlsx："),  # not writable, even for root; named as typed, not the temp
    (["--out", "/dev/null"], 2, "--out /dev/null 已存在，但不是普通文件"),  # never replaced by a plain file
])
def test_mistakes_get_one_line_and_the_documented_exit_code(db: Path, tmp_path: Path, args, code, words) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    out = [] if "--out" in args else ["--out", str(tmp_path / "x.xlsx")]
    result = run_cli(db, "export", "--year", "2023", *out, *args, DUTY_TUI_TODAY=TODAY)
    assert result.returncode == code, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.xlsx")) and not list(tmp_path.glob(".*tmp"))


def test_the_command_line_does_not_load_openpyxl_or_docx_until_a_file_is_written() -> None:
    code = ("import sys, tui.cli, tui.app.app, tui.commands.export, tui.yearend; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'openpyxl', 'docx', 'lxml'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_a_change_written_while_exporting_is_named_on_the_cover(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sheets and the seal come from two reads; a write in between must not pass unnoticed."""
    from checklists.loader import load_library
    from checklists.periods import parse_period
    from store.tinydb import TinyStore
    from tests.support.writes import Change, record
    from tui.yearend import export_workbook

    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    build_year(tmp_path / "duty.json")
    library = load_library()

    class Busy(TinyStore):
        def verify(self, targets):
            c = library.get("jieri-lianjie")
            record(self, Change(c, c.item("zhongqiu"), parse_period("2023"), "", "note", note="另一人刚写入"),
                        account="other")
            return super().verify(targets)

    out = tmp_path / "台账.xlsx"
    export_workbook(Busy(tmp_path / "duty.json"), library, 2023, out, account="clerk")
    verdict = front(load_workbook(out))["数据校验"]
    assert verdict.startswith("完好：") and "导出期间有新的修改" in verdict and "请重新导出" in verdict


def test_a_name_with_a_slash_stays_one_file_name() -> None:
    from tui.yearend import Scope, report_stem, workbook_stem

    assert workbook_stem(2023, Scope(branch="机关/一支部")) == "2023年度台账-机关／一支部"
    assert "/" not in report_stem(2023, "王/伟")


def test_sheets_list_people_and_branches_in_reading_order(book) -> None:
    """Within each item and period, a checklist's sheet names its subjects as an index would: 第一 before 第二,
    李 before 王 before 张 (the roster was entered 李, 张, 王)."""
    for title, expected in (("同级监督“1书4表”", ["李书记", "王五", "张三"]),
                            ("“三会一课”与主题党日", ["第一党支部", "第二党支部"])):
        groups: dict[tuple[object, object], list[object]] = {}
        for row in rows(sheet(book, title)):
            groups.setdefault((row["事项"], row["周期"]), []).append(row["对象"])
        assert groups and all(subjects == expected for subjects in groups.values()), (title, groups)


def test_an_out_that_is_a_symlink_is_refused_and_left_a_symlink(db: Path, tmp_path: Path) -> None:
    """Writing by rename would replace the link itself (/dev/stdout as root became a plain file)."""
    target = tmp_path / "elsewhere.xlsx"
    target.write_bytes(b"kept")
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    result = run_cli(db, "export", "--year", "2023", "--out", str(link), DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 2 and "不是普通文件" in result.stderr, result.stderr
    assert link.is_symlink() and target.read_bytes() == b"kept"
