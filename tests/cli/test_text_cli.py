"""User text through the CLI: refused with one line when typed, shown literally when stored.

Text stored before input was checked (or edited into the file by hand) is
simulated by rewriting the stored JSON files directly.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tui.cli import app

runner = CliRunner()
ROOT = Path(__file__).parent.parent.parent
ENV = {"DUTY_TUI_TODAY": "2024-05-20", "COLUMNS": "200"}
# Clears the screen, retitles the window, a C1 CSI, reverses the text, and Rich markup.
NASTY = "\x1b[2J\x1b]0;pwn\x07红\x9b31m\u202eevil[b]x[/]"
SHOWN = "\\x1b[2J\\x1b]0;pwn\\x07红\\x9b31m\\u202eevil[b]x[/]"
FORBIDDEN = {chr(c) for c in [*range(0x20), *range(0x7f, 0xa0)] if chr(c) not in "\n\r"} | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def invoke(db: Path, *args: str, columns: int = 200):
    return runner.invoke(app, ["--db", str(db), *args], env={**ENV, "COLUMNS": str(columns)})


def ok(db: Path, *args: str, columns: int = 200) -> str:
    result = invoke(db, *args, columns=columns)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def raw_controls(text: str) -> set[str]:
    return set(text) & FORBIDDEN


def strings(data: object):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def tamper(db: Path, marker: str, value: str) -> None:
    """Put ``value`` where ``marker`` is in every stored file, as a hand edit would."""
    encoded = json.dumps(value)[1:-1]
    for path in [db, *db.with_name(db.name + ".d").glob("*.json")]:
        path.write_text(path.read_text(encoding="utf-8").replace(marker, encoded), encoding="utf-8")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    db = tmp_path / "duty.json"
    ok(db, "people", "add", "张三", "--role", "班子成员", "--dept", "办公室", "--branch", "第一党支部")
    ok(db, "people", "add", "LEGACYNAME", "--role", "党员", "--dept", "LEGACYDEPT", "--branch", "第一党支部")
    ok(db, "tick", "jieri-lianjie", "chunjie", "-p", "2024", "--note", "LEGACYNOTE")
    ok(db, "ledger", "add", "guapai-duban", "guapai-duban", "-p", "2024", "--set", "事项=LEGACYROW",
       "--set", "责任人=张三", "--set", "责任科室=办公室", "--set", "时限=2024-03-31")
    for marker in ("LEGACYNAME", "LEGACYDEPT", "LEGACYNOTE", "LEGACYROW"):
        tamper(db, marker, NASTY + marker[6:])
    return db


def test_markup_in_a_note_is_shown_as_typed(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    ok(db, "tick", "jieri-lianjie", "chunjie", "-p", "2024", "--note", "[/oops]")
    ok(db, "tick", "jieri-lianjie", "duanwu", "-p", "2024", "--note", "[link=http://x]y[/link]")
    log = ok(db, "log")
    assert "[/oops]" in log and "[link=http://x]y[/link]" in log
    status = ok(db, "status", "--all", "-c", "jieri-lianjie", "-p", "2024")
    assert "[/oops]" in status and "[link=http://x]y[/link]" in status


@pytest.mark.parametrize("args", [
    ["log"], ["status", "--all", "-p", "2024"], ["status", "--all", "-p", "2024", "--by", "person"],
    ["people", "list"], ["ledger", "list", "guapai-duban", "guapai-duban", "-p", "2024"],
])
def test_stored_controls_are_written_out_in_tables(db: Path, args: list[str]) -> None:
    wide = ok(db, *args)
    assert not raw_controls(wide)
    assert SHOWN in wide
    narrow = ok(db, *args, columns=80)  # folded cells must not split an escape into a live control either
    assert not raw_controls(narrow)


def test_markdown_escapes_controls_and_markup(db: Path) -> None:
    out = ok(db, "status", "--all", "-p", "2024", "-f", "markdown")
    assert not raw_controls(out)
    assert "\\\\x1b\\[2J\\\\x1b\\]0;pwn\\\\x07红\\\\x9b31m\\\\u202eevil\\[b\\]x\\[/\\]NOTE" in out


@pytest.mark.parametrize("args", [
    ["status", "--all", "-p", "2024", "-f", "json"], ["log", "-f", "json"], ["people", "list", "--format", "json"],
    ["ledger", "list", "guapai-duban", "guapai-duban", "-p", "2024", "--format", "json"],
])
def test_json_escapes_every_control_and_keeps_the_data(db: Path, args: list[str]) -> None:
    out = ok(db, *args)
    assert not raw_controls(out)
    assert any(value.startswith(NASTY) for value in strings(json.loads(out)))


def test_csv_writes_controls_out(db: Path) -> None:
    out = ok(db, "status", "--all", "-p", "2024", "-f", "csv")
    assert not raw_controls(out.replace("\r\n", "\n"))
    notes = [row[-1] for row in csv.reader(io.StringIO(out.lstrip("\ufeff")))]
    assert SHOWN + "NOTE" in notes


@pytest.mark.parametrize(("args", "field"), [
    (["tick", "jieri-lianjie", "chunjie", "--note", "见\x1b[2J"], "备注含有控制字符 U+001B（第 2 个字符）"),
    (["na", "jieri-lianjie", "chunjie", "--reason", "合并\u202e"], "理由含有文字方向控制字符 U+202E（第 3 个字符）"),
    (["tick", "jieri-lianjie", "chunjie", "--evidence", "\x9b"], "佐证材料含有控制字符 U+009B（第 1 个字符）"),
    (["people", "add", "王\x07伟", "--role", "党员"], "姓名含有控制字符 U+0007（第 2 个字符）"),
    (["people", "add", "王伟", "--role", "党员", "--branch", "一\n支部"], "支部含有换行符 U+000A（第 2 个字符）"),
    (["ledger", "add", "guapai-duban", "guapai-duban", "--set", "事项=\x1b]0;x\x07", "--set", "责任人=张三",
      "--set", "责任科室=办公室", "--set", "时限=2024-03-31"], "事项含有控制字符 U+001B（第 1 个字符）"),
])
def test_typed_controls_are_refused_with_one_line(db: Path, args: list[str], field: str) -> None:
    before = ok(db, "log", "-f", "json")
    result = invoke(db, *args)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"duty-tui: {field}；请删去后重试\n"
    assert ok(db, "log", "-f", "json") == before


def test_errors_quoting_a_typed_value_write_its_controls_out(tmp_path: Path) -> None:
    for args in (["status", "--person", "\x1b[2J"], ["show", "\x1b[2J\x9b"]):
        result = invoke(tmp_path / "duty.json", *args)
        assert result.exit_code == 2
        assert not raw_controls(result.stderr.rstrip("\n"))
        assert '"\\x1b[2J' in result.stderr and len(result.stderr.splitlines()) == 1


def test_spreadsheet_formulas_come_out_as_text(db: Path) -> None:
    notes = {"yuandan": "=1+1", "duanwu": "+1", "zhongqiu": "-3", "guoqing": "@SUM(A1)"}
    for item, note in notes.items():
        ok(db, "tick", "jieri-lianjie", item, "-p", "2024", "--note", note)
    ok(db, "tick", "sanhui-yike", "dangke", "-s", "第一党支部", "-p", "2024-Q2", "--note", "TABNOTE")
    ok(db, "tick", "sanhui-yike", "dangyuan-dahui", "-s", "第一党支部", "-p", "2024-Q2", "--note", "CRNOTE")
    tamper(db, "TABNOTE", "\tcmd")
    tamper(db, "CRNOTE", "\rcmd")
    out = ok(db, "status", "--all", "-p", "2024", "-f", "csv") + ok(db, "status", "--all", "-f", "csv")
    cells = {cell for row in csv.reader(io.StringIO(out.replace("\ufeff", ""))) for cell in row}
    assert {"'=1+1", "'+1", "'-3", "'@SUM(A1)", "'    cmd", "'\\x0dcmd"} <= cells
    assert not {"=1+1", "+1", "-3", "@SUM(A1)"} & cells
    rows = list(csv.DictReader(io.StringIO(out.split("\ufeff")[1])))
    assert all(row["逾期天数"].lstrip("-").isdigit() for row in rows)  # numbers we write stay numbers


def test_undecodable_argument_is_refused_not_a_traceback(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 (a GBK terminal) reach Python as lone surrogates."""
    db = tmp_path / "duty.json"
    proc = subprocess.run([sys.executable, "-m", "tui", "--db", str(db), "tick", "jieri-lianjie", "chunjie",
                           "--note", b"\xb1\xb8\xd7\xa2"], capture_output=True, cwd=ROOT)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode() == "duty-tui: 备注含有非 UTF-8 字符 U+DCB1（第 1 个字符）；请删去后重试\n"


def test_checklist_files_are_data_too(tmp_path: Path) -> None:
    """A bureau's own checklist file may carry markup or escapes (TOML writes ESC as \\u001b)."""
    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "mine.toml").write_text('''id = "mine"
title = "本局[/oops]清单\\u001b[2J"
scope = "org"
every = "year"
note = "见[link=http://x]附件[/link]\\u009b"
basis = ["《规定》\\u202e"]
[[items]]
id = "a"
title = "事项[b]一"
evidence = "原件\\u0007"
''', encoding="utf-8")
    for args in (["checklists"], ["show", "mine"], ["show", "mine", "-f", "json"], ["checklists", "-f", "json"]):
        out = runner.invoke(app, ["--checklists", str(folder), *args], env=ENV)
        assert out.exit_code == 0, (args, out.output)
        assert not raw_controls(out.stdout), args
    table = runner.invoke(app, ["--checklists", str(folder), "show", "mine"], env=ENV).stdout
    assert "本局[/oops]清单\\x1b[2J" in table and "见[link=http://x]附件[/link]\\x9b" in table
    assert "事项[b]一" in table and "原件\\x07" in table and "《规定》\\u202e" in table
