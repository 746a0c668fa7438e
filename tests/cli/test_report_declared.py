"""A bureau's own checklist adds a sentence to the report with a [[report]] entry, no code: through the real commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.support.fixture_year import TODAY, build_year

ORG_LIST = '''id = "lianzheng-tanhua"
title = "廉政谈话"
scope = "org"
every = "year"

[[items]]
id = "tanhua"
title = "开展廉政谈话"
kind = "count"
target = 1

[[report]]
section = "integrity"
figure = "count"
item = "tanhua"
template = "全年开展廉政谈话{0}次。"
'''

PERSON_LIST = '''id = "dundian"
title = "蹲点调研"
scope = "person"
roles = ["班子成员"]
every = "year"

[[items]]
id = "dundian"
title = "下基层蹲点调研"
kind = "count"
target = 1

[[report]]
section = "person-commitments"
figure = "count"
item = "dundian"
template = "本人下基层蹲点调研{0}次"
missing = "蹲点调研次数"
'''


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The fixture year, with the bureau's two checklists in its checklist folder and a few records of them."""
    folder = tmp_path_factory.mktemp("lists")
    (folder / "lianzheng-tanhua.toml").write_text(ORG_LIST, "utf-8")
    (folder / "dundian.toml").write_text(PERSON_LIST, "utf-8")
    db = tmp_path_factory.mktemp("year") / "duty.json"
    build_year(db)
    env = {"DUTY_TUI_CHECKLISTS": str(folder), "DUTY_TUI_TODAY": TODAY}
    assert run_cli(db, "org", "set", "--since", "2023-01-01", **env).returncode == 0  # records of last year
    for args in (["lianzheng-tanhua", "tanhua", "--date", "2023-03-05"],
                 ["lianzheng-tanhua", "tanhua", "--date", "2023-09-18"],
                 ["dundian", "dundian", "-s", "张三", "--date", "2023-04-02"],
                 ["dundian", "dundian", "-s", "张三", "--date", "2023-08-21"],
                 ["dundian", "dundian", "-s", "王五", "--date", "2023-05-11"]):
        result = run_cli(db, "tick", *args, **env)
        assert result.returncode == 0, result.stderr
    return db, env


def markdown(db: Path, out: Path, env: dict[str, str], *args: str) -> str:
    result = run_cli(db, "report", "--year", "2023", "--format", "markdown", "--out", str(out), *args, **env)
    assert result.returncode == 0, result.stderr
    return out.read_text("utf-8")


def source(text: str, n: str) -> str:
    return next(line for line in text.split("## 附录：数据来源")[1].splitlines() if line.startswith(f"〔{n}〕"))


def test_a_bureaus_checklist_adds_its_sentence_and_figure_to_the_named_section(setup, tmp_path: Path) -> None:
    db, env = setup
    text = markdown(db, tmp_path / "报告.md", env)
    section = text.split("## 四、坚持严管厚爱，加强党风廉政建设")[1].split("## 五、")[0]
    found = re.search(r"^全年开展廉政谈话\*\*(\d+)\*\*次〔(\d+)〕。$", section, re.MULTILINE)
    assert found and found[1] == "2", section
    entry = source(text, found[2])
    assert entry.startswith(f"〔{found[2]}〕清单“廉政谈话”（lianzheng-tanhua），事项“开展廉政谈话”（tanhua）")
    assert "明细：2023：2次" in entry and "复核：duty-tui status --period 2023 --checklist lianzheng-tanhua --all" in entry


def test_a_sentence_in_a_persons_section_counts_that_persons_records_only(setup, tmp_path: Path) -> None:
    db, env = setup
    text = markdown(db, tmp_path / "张三.md", env, "--person", "张三")
    section = text.split("## 一、履行承诺和个人有关事项")[1].split("## 二、")[0]
    found = re.search(r"^本人下基层蹲点调研\*\*(\d+)\*\*次〔(\d+)〕。$", section, re.MULTILINE)
    assert found and found[1] == "2", section  # 王五's visit is his own
    assert "对象：张三" in source(text, found[2]) and "--person '张三'" in source(text, found[2])
    assert "本人下基层蹲点调研" not in markdown(db, tmp_path / "报告.md", env).split("## 附录")[0]


def test_a_wrong_entry_stops_the_report_with_a_line_naming_file_field_and_value(setup, tmp_path: Path) -> None:
    db, env = setup
    folder = tmp_path / "lists"
    folder.mkdir()
    (folder / "lianzheng-tanhua.toml").write_text(ORG_LIST.replace('section = "integrity"', 'section = "lianzheng"'),
                                                  "utf-8")
    result = run_cli(db, "report", "--year", "2023", "--out", str(tmp_path / "r.md"),
                     **{**env, "DUTY_TUI_CHECKLISTS": str(folder)})
    assert result.returncode != 0 and not (tmp_path / "r.md").exists()
    line, summary = result.stderr.strip().splitlines()  # the problem, then what to do, as for any checklist file
    assert str(folder / "lianzheng-tanhua.toml") in line and 'field "report[0].section"' in line
    assert 'got "lianzheng"' in line and "integrity" in line and "清单文件有误（1 处）" in summary
