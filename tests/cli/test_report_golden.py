"""The fixture year's reports, word for word, against files kept under tests/data/report-golden.

The report's wording is declared in TOML (checklists/builtin/report); these
files were written by the code that held the same wording in Python, so a
change to the declarations or to their interpreter that alters one sentence
of the built-in library's report shows here as a diff. Only what changes from
run to run (the database path, the time and account of the notice) is masked.

To rewrite the files after an intended change of wording, run
``.venv/bin/python -m tests.cli.test_report_golden`` and review the diff.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.support.fixture_year import TODAY, build_year

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "report-golden"
# File name -> the report's arguments; .docx.txt files are the document's paragraphs as Word reads them.
CASES = {
    "annual-2023.md": ("--year", "2023", "--format", "markdown"),
    "annual-2023.docx.txt": ("--year", "2023", "--format", "docx"),
    "annual-2024.md": ("--year", "2024", "--format", "markdown"),
    "person-2023-zhangsan.md": ("--year", "2023", "--format", "markdown", "--person", "张三"),
    "person-2023-zhangsan.docx.txt": ("--year", "2023", "--format", "docx", "--person", "张三"),
    "person-2023-lishuji.md": ("--year", "2023", "--format", "markdown", "--person", "李书记"),
    "person-2023-qianqi.md": ("--year", "2023", "--format", "markdown", "--person", "钱七"),
}
NOTICE = re.compile(r"依据数据库 .*? 中的记录于 .*? 生成（账户 .*?）")


def docx_text(path: Path) -> str:
    """Each paragraph as its style and text; superscript runs (the 〔n〕) and highlighted ones (blanks) marked."""
    from docx import Document

    lines = []
    for paragraph in Document(str(path)).paragraphs:
        runs = []
        for run in paragraph.runs:
            if run.font.superscript:
                runs.append(f"^{run.text}^")
            elif run.font.highlight_color is not None:
                runs.append(f"[{run.text}]")
            else:
                runs.append(run.text)
        lines.append(f"{paragraph.style.name}|{''.join(runs)}")
    return "\n".join(lines) + "\n"


def render(db: Path, folder: Path, name: str) -> str:
    args = CASES[name]
    out = folder / (name.removesuffix(".txt") if name.endswith(".docx.txt") else name)
    result = run_cli(db, "report", *args, "--out", str(out), DUTY_TUI_TODAY=TODAY)
    assert result.returncode == 0, result.stderr
    text = docx_text(out) if out.suffix == ".docx" else out.read_text("utf-8")
    return NOTICE.sub("依据数据库 DB 中的记录于 TIME 生成（账户 ACCOUNT）", text)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("year") / "duty.json"
    build_year(path)
    return path


@pytest.mark.parametrize("name", list(CASES))
def test_the_built_in_librarys_report_reads_as_it_always_has(db: Path, tmp_path: Path, name: str) -> None:
    expected = (GOLDEN / name).read_text("utf-8")
    actual = render(db, tmp_path, name)
    if actual != expected:
        import difflib

        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), name, "now"))
        pytest.fail(f"{name} differs from the kept text:\n{diff}")


def _write_all() -> None:
    """Write every file, in a home of its own so the user's checklists and config stay out of it."""
    import os

    GOLDEN.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in [n for n in os.environ if n.startswith("DUTY_TUI_")]:
            del os.environ[name]
        os.environ.update(HOME=tmp, XDG_CONFIG_HOME=f"{tmp}/.config", XDG_DATA_HOME=f"{tmp}/.local/share",
                          XDG_CACHE_HOME=f"{tmp}/.cache", DUTY_TUI_SYSTEM_CONFIG=f"{tmp}/etc/config.toml")
        db = folder / "duty.json"
        build_year(db)
        for name in CASES:
            (GOLDEN / name).write_text(render(db, folder, name), "utf-8")
            print(GOLDEN / name, file=sys.stderr)


if __name__ == "__main__":
    _write_all()
