"""Declared sentences read against a library a bureau changed: what it replaced is a blank, what it added is said."""

from __future__ import annotations

from datetime import date

from checklists.annual import read_year
from checklists.annual_report import annual_draft
from checklists.draft import Blank, Provenance, plain
from checklists.loader import load_library, parse_text
from checklists.records import StateKey
from checklists.roster import Person, Roster

PROVENANCE = Provenance("某局党组", 2023, "2024-01-20 09:00", "clerk", "/srv/duty/duty.json")
# The bureau's own 第一责任人 checklist, replacing the built-in one by id: other items, and a sentence of its own.
OWN = '''id = "diyi-zerenren"
title = "本局书记职责"
scope = "org"
every = "year"

[[items]]
id = "huiyi"
title = "主持召开党组会"
kind = "count"
target = 4

[[report]]
section = "politics"
figure = "count"
item = "huiyi"
template = "书记主持召开党组会{0}次"
'''


def test_a_replaced_checklist_leaves_the_built_in_sentences_blank_and_says_its_own() -> None:
    own, problems = parse_text(OWN, "own.toml")
    assert own is not None and problems == []
    library = [c for c in load_library() if c.id != own.id] + [own]
    key = StateKey(own.id, "huiyi", "2023", "org")
    states = {key: {"checklist": own.id, "item": "huiyi", "period": "2023", "subject": "org", "state": "open",
                    "count": 3, "dates": ["2023-02-01", "2023-05-01", "2023-09-01"]}}
    roster = Roster([Person("书记", ("党组书记", "党员"))], [], {})
    year = read_year(library, roster, states, date(2024, 1, 20), 2023)
    draft = annual_draft(year, PROVENANCE, lambda key: [])
    politics = next(s for s in draft.sections if s.heading.startswith("二、"))
    text = [plain(b.parts) for b in politics.blocks]
    # The built-in sentence's item is gone: a blank naming it, never a zero.
    assert "【待填写：党组会议次数（清单库中没有对应事项，数据无法给出）】" in text[1]
    assert text[-1] == "书记主持召开党组会3次〔{}〕。".format(draft.sources.index(
        next(s for s in draft.sources if s.checklist.id == own.id)) + 1)
    assert not any(isinstance(p, Blank) for p in politics.blocks[-1].parts)
