"""The reports' declared layouts: the built-in ones name what the library has; a broken one is named field by field."""

from __future__ import annotations

import tomllib

import pytest

from checklists.loader import builtin_checklists
from checklists.report_spec import FIGURES, FITS, LAYOUTS, layout, parse_layout


def _figures(name: str):
    for section in layout(name).sections:
        for n, paragraph in enumerate(section.paragraphs):
            for phrase in paragraph.phrases:
                if phrase.kind in FIGURES:
                    yield f"{section.id}[{n}]", phrase.checklist or paragraph.checklist, phrase


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_figure_of_a_built_in_layout_names_an_item_of_the_built_in_library_that_it_can_count(name: str) -> None:
    library = {c.id: c for c in builtin_checklists()}
    wrong = []
    for where, checklist_id, phrase in _figures(name):
        if "{year}" in checklist_id:
            prefix = checklist_id.split("{year}")[0]
            candidates = [c for c in library.values() if c.id.startswith(prefix)]
        else:
            candidates = [library[checklist_id]] if checklist_id in library else []
        if not candidates:
            wrong.append((where, checklist_id))
        for checklist in candidates:
            for item_id in phrase.items:
                item = checklist.item(item_id)
                if item is None or item.kind not in FITS[phrase.kind]:
                    wrong.append((where, checklist.id, item_id, phrase.kind))
    assert wrong == []


def test_talks_of_the_person_layout_name_an_item_of_the_library() -> None:
    talks = layout("person").section("talks")
    library = {c.id: c for c in builtin_checklists()}
    assert talks is not None and library[talks.checklist].item(talks.item) is not None


def test_section_ids_are_unique_across_the_two_reports() -> None:
    ids = [s.id for name in LAYOUTS for s in layout(name).sections]
    assert len(ids) == len(set(ids))


def test_a_broken_layout_is_named_field_by_field() -> None:
    data = tomllib.loads('''
[[sections]]
id = "one"
heading = "一、"
list = "talks"

[[sections]]
id = "one"
heading = "二、"

[[sections.paragraphs]]
only = "absent"
phrases = [
  { text = "，", blank = "两样" },
  { figure = "count", item = "x", template = "{0}次" },
  { figure = "done_in_year", checklist = "c", item = "x", template = "{0}名" },
]
''')
    parsed, problems = parse_layout(data, "person.toml", "person")
    assert parsed is None
    assert [str(p) for p in problems] == [
        'person.toml: field "sections[0]": a "talks" list names its checklist and item, a "lectures" list the word in '
        "its items' titles (title_has); other sections take neither",
        'person.toml: field "sections[1].id": expected an id of its own (lowercase ascii letters, digits, - or _); '
        'got "one"',
        'person.toml: field "sections[1].paragraphs[0].only": expected "present" or "absent", with the paragraph\'s '
        'checklist; got "absent"',
        'person.toml: field "sections[1].paragraphs[0].phrases[0]": expected exactly one of text, blank or figure',
        'person.toml: field "sections[1].paragraphs[0].phrases[1].checklist": a figure needs a checklist, its own or '
        "the paragraph's",
        'person.toml: field "sections[1].paragraphs[0].phrases[2].figure": a "done_in_year" figure counts people done, '
        "not one person's own record; use it in the annual report",
    ]


def test_the_readme_example_is_valid() -> None:
    import re
    from pathlib import Path

    from checklists.model import DueRule, Item
    from checklists.report_spec import parse_entries

    readme = (Path(__file__).parent.parent.parent / "README.md").read_text("utf-8")
    section = readme[readme.index("### 报告中的语句 `[[report]]`"):]
    block = re.search(r"```toml\n(.*?)```", section, re.S)[1]
    item = Item("tanhua", "开展廉政谈话", "count", "year", DueRule("end"))
    entries, problems = parse_entries(tomllib.loads(block)["report"], "README.md", "lianzheng", (item,))
    assert problems == [] and [(e.section, e.phrase.kind, e.phrase.text) for e in entries] == [
        ("integrity", "count", "全年开展廉政谈话{0}次")]
