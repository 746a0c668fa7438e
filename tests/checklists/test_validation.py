"""A corpus of malformed checklist files, each rejected with its precise message.

Each file in tests/data/malformed states the lines it must produce in
``# expect:`` comments at its top, so adding a case is adding a file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checklists.loader import validate_paths

MALFORMED = Path(__file__).parent.parent / "data" / "malformed"
CASES = sorted(p for p in MALFORMED.glob("*.toml") if p.name != "not-utf8.toml")


def expected_lines(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines()
    return [line.removeprefix("# expect: ").replace("{file}", str(path)) for line in lines
            if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_malformed_file_is_rejected_with_its_message(path: Path) -> None:
    expected = expected_lines(path)
    assert expected, f"{path.name} must say what it expects"
    checklists, problems = validate_paths([path])
    assert checklists == []
    assert sorted(str(p) for p in problems) == sorted(expected)


def test_non_utf8_file_names_the_byte() -> None:
    path = MALFORMED / "not-utf8.toml"
    _, problems = validate_paths([path])
    assert [str(p) for p in problems] == [f"{path}: not UTF-8 text (byte 0); save the file as UTF-8"]


def test_duplicate_checklist_ids_across_files(tmp_path: Path) -> None:
    body = 'id = "same"\ntitle = "{}"\nscope = "org"\nevery = "year"\n[[items]]\nid = "a"\ntitle = "a"\n'
    (tmp_path / "a.toml").write_text(body.format("一"), "utf-8")
    (tmp_path / "b.toml").write_text(body.format("二"), "utf-8")
    checklists, problems = validate_paths([tmp_path])
    assert len(checklists) == 1
    assert [str(p) for p in problems] == [
        f'{tmp_path / "b.toml"}: checklist "same": field "id": duplicate checklist id, also defined in {tmp_path / "a.toml"}'
    ]


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    _, problems = validate_paths([tmp_path / "nope.toml", tmp_path])
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'nope.toml'}: no such file or folder",
        f"{tmp_path}: folder holds no *.toml checklist files",
    ]


def test_item_inherits_checklist_due_or_default_for_its_own_period(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        'id = "c"\ntitle = "c"\nscope = "org"\nevery = "year"\ndue = { rule = "date", date = "03-31" }\n'
        '[[items]]\nid = "a"\ntitle = "a"\n'
        '[[items]]\nid = "m"\ntitle = "m"\nevery = "month"\n', "utf-8")
    (checklist,), problems = validate_paths([tmp_path])
    assert problems == []
    assert checklist.item("a").due.rule == "date"
    assert checklist.item("m").due.rule == "end"  # a month-day cannot apply to a month
