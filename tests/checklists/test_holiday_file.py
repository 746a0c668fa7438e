"""An org's holidays.toml: valid files change the deadlines, each defect is one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checklists import daysoff
from checklists.daysoff import Override
from checklists.due import due_date
from checklists.errors import DefinitionError
from checklists.loader import load_library, validate_paths
from checklists.model import DueRule
from checklists.periods import parse_period

D = date.fromisoformat
VALID = """\
[2027]
"春节" = { start = "2027-02-05", end = "2027-02-13", workdays = ["2027-02-14"] }
"国庆" = { start = 2027-10-01, end = 2027-10-07 }
"""


@pytest.fixture(autouse=True)
def keep_calendar(monkeypatch) -> None:
    """Loading a library installs its overrides for the process; put the previous calendar back."""
    monkeypatch.setattr(daysoff, "_current", daysoff.current())


def test_valid_file_is_read_and_moves_the_deadline(tmp_path: Path) -> None:
    (tmp_path / "holidays.toml").write_text(VALID, "utf-8")
    checklists, problems = validate_paths([tmp_path])
    assert (checklists, problems) == ([], [])
    assert validate_paths([tmp_path / "holidays.toml"]) == ([], [])
    library = load_library(tmp_path)
    assert library.get("jieri-lianjie") is not None  # the file is no checklist and hides none
    assert daysoff.current().overrides == {
        ("春节", 2027): Override(D("2027-02-05"), D("2027-02-13"), (D("2027-02-14"),)),
        ("国庆", 2027): Override(D("2027-10-01"), D("2027-10-07")),
    }
    assert due_date(DueRule("holiday", holiday="春节"), parse_period("2027")) == D("2027-02-04")


BAD = [
    ("[2027]\n\"春季\" = { start = \"2027-02-05\", end = \"2027-02-13\" }\n",
     'field "2027.春季": unknown festival; expected one of 元旦, 春节, 清明, 五一, 端午, 中秋, 国庆'),
    ("[2027]\n\"春节\" = { start = \"2027-02-05\", end = \"2027-02-13\", wrokdays = [] }\n",
     'field "2027.春节.wrokdays": unknown key; allowed: end, start, workdays'),
    ("[2027]\n\"春节\" = { start = \"2027-02-30\", end = \"2027-02-13\" }\n",
     'field "2027.春节.start": expected a date YYYY-MM-DD; got "2027-02-30"'),
    ("[2027]\n\"春节\" = { start = \"2027-2-5\", end = \"2027-02-13\" }\n",
     'field "2027.春节.start": expected a date YYYY-MM-DD; got "2027-2-5"'),
    ("[2027]\n\"春节\" = { end = \"2027-02-13\" }\n",
     'field "2027.春节.start": is required (a date YYYY-MM-DD)'),
    ("[2027]\n\"春节\" = { start = \"2027-02-13\", end = \"2027-02-05\" }\n",
     'field "2027.春节.end": expected a date on or after start 2027-02-13; got 2027-02-05'),
    ("[2027]\n\"春节\" = { start = \"2027-02-05\", end = \"2027-04-05\" }\n",
     'field "2027.春节.end": expected at most 31 days off from start 2027-02-05; got 2027-04-05'),
    ("[2027]\n\"春节\" = { start = \"2026-02-15\", end = \"2026-02-23\" }\n",
     'field "2027.春节": the days off 2026-02-15 to 2026-02-23 must include 春节 2027 (2027-02-06)'),
    ("[2027]\n\"春节\" = { start = \"2027-02-05\", end = \"2027-02-13\", workdays = [\"2027-02-15\"] }\n",
     'field "2027.春节.workdays": expected a Saturday or Sunday (a make-up working day replaces a weekend day); '
     'got 2027-02-15'),
    ("[2027]\n\"春节\" = { start = \"2027-02-05\", end = \"2027-02-13\", workdays = [\"2027-02-07\"] }\n",
     'field "2027.春节.workdays": a make-up working day cannot fall within the days off 2027-02-05 to 2027-02-13; '
     'got 2027-02-07'),
    ("[2027]\n\"春节\" = { start = \"2027-02-05\", end = \"2027-02-13\", workdays = \"2027-02-14\" }\n",
     'field "2027.春节.workdays": expected a list of dates such as ["2027-02-14"]; got "2027-02-14"'),
    ("[27]\n\"春节\" = { start = \"2027-02-05\", end = \"2027-02-13\" }\n",
     'field "27": expected a year such as [2027]; got "27"'),
    ("2027 = \"春节\"\n", 'field "2027": expected a table [2027] of festivals; got "春节"'),
    ("[2027]\n\"春节\" = \"2027-02-05\"\n",
     'field "2027.春节": expected a table such as { start = "2027-10-01", end = "2027-10-07" }; got "2027-02-05"'),
]


@pytest.mark.parametrize(("body", "expected"), BAD, ids=[b[1].split(":")[0] + str(i) for i, b in enumerate(BAD)])
def test_each_defect_is_one_line_naming_file_key_and_value(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "holidays.toml"
    path.write_text(body, "utf-8")
    _, problems = validate_paths([tmp_path])
    assert [str(p) for p in problems] == [f"{path}: {expected}"]
    with pytest.raises(DefinitionError) as caught:
        load_library(tmp_path)
    assert [str(p) for p in caught.value.problems] == [f"{path}: {expected}"]


def test_several_defects_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "holidays.toml"
    path.write_text("[2027]\n\"春季\" = {}\n\"国庆\" = { start = \"2027-10-07\", end = \"2027-10-01\", x = 1 }\n", "utf-8")
    _, problems = validate_paths([path])
    assert [p.field for p in problems] == ["2027.春季", "2027.国庆.x", "2027.国庆.end"]


def test_syntax_errors_and_bad_encoding_are_problems(tmp_path: Path) -> None:
    path = tmp_path / "holidays.toml"
    path.write_text("[2027\n", "utf-8")
    assert str(validate_paths([path])[1][0]).startswith(f"{path}: TOML 语法错误（第 1 行第 6 列）：")
    path.write_text('[2027]\n春节 = { start = "2027-02-05", end = "2027-02-13" }\n', "utf-8")
    assert [str(p) for p in validate_paths([path])[1]] == [
        f'{path}: TOML 语法错误（第 2 行第 1 列）：Invalid statement; '
        'quote the festival name: "春节" = { start = ..., end = ... }']
    path.write_bytes("[2027]\n\"春节\" = 1\n".encode("gbk"))
    assert [str(p) for p in validate_paths([path])[1]] == [f"{path}: not UTF-8 text (byte 8); save the file as UTF-8"]


def test_the_cache_follows_the_file(tmp_path: Path) -> None:
    cache_dir, user = tmp_path / "cache", tmp_path / "user"
    user.mkdir()
    rule, period = DueRule("holiday", holiday="春节"), parse_period("2027")
    load_library(user, cache_dir=cache_dir)
    assert due_date(rule, period) == D("2027-02-05")  # no notice yet: the festival on 02-06
    (user / "holidays.toml").write_text(VALID, "utf-8")
    load_library(user, cache_dir=cache_dir)
    assert due_date(rule, period) == D("2027-02-04")
    daysoff.install({})
    load_library(user, cache_dir=cache_dir)  # from the cache, overrides included
    assert due_date(rule, period) == D("2027-02-04")


def test_the_readme_example_is_valid() -> None:
    import re
    import tomllib

    from checklists.holiday_file import parse_overrides

    readme = (Path(__file__).parent.parent.parent / "README.md").read_text("utf-8")
    section = readme[readme.index("`holidays.toml`"):]
    block = re.search(r"```toml\n(.*?)```", section, re.S)[1]
    overrides, problems = parse_overrides(tomllib.loads(block), "README.md")
    assert problems == [] and set(overrides) == {("春节", 2027), ("国庆", 2027)}
