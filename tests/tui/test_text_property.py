"""Arbitrary stored text through every renderer: no crash, no live control, columns still line up.

Hypothesis feeds any Unicode, weighted towards what breaks terminals and
markup (ESC, C1, bidi controls, brackets, wide characters, very long runs),
as if it had been edited into the database by hand.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from checklists.loader import load_library
from checklists.outstanding import Row, ledger_rows
from checklists.periods import parse_period
from checklists.query import progress
from checklists.roster import Person, Roster
from tui.app.recorded import cell_text
from tui.app.screens.ledger import detail_text as ledger_detail
from tui.app.widgets.tables import literal as cell_literal
from tui.render.ledger import ledger_table
from tui.render.log import log_table
from tui.render.people import people_table
from tui.render.plain import to_json
from tui.render.status import open_items_table, overview_table, render_table
from tui.render.status_export import CSV_COLUMNS, to_csv, to_markdown

LIVE = {chr(c) for c in [*range(0x20), *range(0x7f, 0xa0)] if chr(c) != "\n"} | set(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
PIECES = ["\x1b", "\x1b[2J", "\x1b]8;;http://x\x07", "\x9b", "\x85", "\x7f", "\x00", "\r", "\n", "\t", "\u202e",
          "\u2066", "\u200b", "\ufeff", "\U000e0041", "\udcff", "[", "]", "[/]", "[b]", "[/oops]",
          "[link=http://x]", "\\", "|", "=", "-", "+", "@", "王", "伟", "（", "）", "　", "😀", "e\u0301", "ｗ"]
one = st.one_of(st.sampled_from(PIECES), st.text(max_size=8), st.characters())
text = st.one_of(
    st.lists(one, max_size=12).map("".join),
    st.tuples(st.lists(one, min_size=1, max_size=4).map("".join), st.integers(20, 120)).map(lambda p: p[0] * p[1]),
)
FAST = settings(max_examples=150, deadline=None)
LIBRARY = load_library()
ORG = LIBRARY.get("jieri-lianjie")
LEDGER = LIBRARY.get("guapai-duban")
DUBAN = LEDGER.item("guapai-duban")
PERIOD = parse_period("2024")
TODAY = date(2024, 5, 20)


def render(renderable, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


def assert_safe(output: str) -> None:
    assert not LIVE & set(output), sorted(LIVE & set(output))
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in output)  # could not even be encoded for the terminal


def assert_aligned(output: str) -> None:
    """Every line of a table, title and caption included, is as wide as the table."""
    widths = {cell_len(line) for line in output.rstrip("\n").split("\n")}
    assert len(widths) == 1, widths


def bare_pipes(line: str) -> int:
    """The "|" that separate Markdown cells: those not escaped by a backslash."""
    count, escaped = 0, False
    for char in line:
        count += char == "|" and not escaped
        escaped = char == "\\" and not escaped
    return count


def org_row(note: str, account: str) -> Row:
    item = ORG.items[1]
    return Row(ORG, item, PERIOD, "org", "done", 0, TODAY, 0, note=note, account=account,
               updated="2024-05-20T02:00:00Z")


def ledger_state(values: list[str]) -> dict:
    fields = {c.id: v for c, v in zip(DUBAN.columns, values, strict=False) if c.type != "date"}
    return {"subject": "#1", "fields": fields, "stage": 1, "state": "open", "note": values[0],
            "account": values[1], "updated": "2024-05-20T02:00:00Z", "reviewer": values[2],
            "evidence": [values[3]]}


@FAST
@given(st.lists(text, min_size=6, max_size=6))
def test_log(values: list[str]) -> None:
    event = {"time": "2024-05-20T02:00:00Z", "account": values[0], "action": values[1], "checklist": values[2],
             "item": values[3], "subject": values[4], "period": "2024", "note": values[5], "reason": values[0],
             "evidence": values[1], "date": values[2]}
    output = render(log_table([event, {**event, "action": "note"}]))
    assert_safe(output)
    assert_aligned(output)


@FAST
@given(st.lists(text, min_size=4, max_size=4), st.lists(text, max_size=3))
def test_people(values: list[str], branches: list[str]) -> None:
    person = Person(values[0], (values[1], "党员"), values[2], values[3])
    output = render(people_table([person, Person("张三", ("党员",))], branches))
    assert_safe(output)
    assert_aligned(output)


@FAST
@given(st.lists(text, min_size=4, max_size=4))
def test_ledger_list_and_detail_panel(values: list[str]) -> None:
    state = ledger_state(values)
    output = render(ledger_table(DUBAN, PERIOD, [state]))
    assert_safe(output)
    assert_aligned(output)
    (row,) = ledger_rows(LEDGER, DUBAN, PERIOD, [state], TODAY)
    panel = ledger_detail(DUBAN, (row, state))
    assert_safe(panel.plain)
    assert_safe(render(panel))


@FAST
@given(st.lists(text, min_size=4, max_size=4))
def test_status_table_and_exports(values: list[str]) -> None:
    state = ledger_state(values)
    rows = [org_row(values[0], values[1]), *ledger_rows(LEDGER, DUBAN, PERIOD, [state], TODAY)]
    overview = progress(list(dict.fromkeys(r.checklist for r in rows)), rows)
    for table in (overview_table(overview), open_items_table(rows, "checklist"), open_items_table(rows, "person")):
        output = render(table)
        assert_safe(output)
        assert_aligned(output)
    assert_safe(render(render_table(overview, rows, values[2], TODAY, "2024", "person")))

    markdown = to_markdown(overview, rows, TODAY)
    assert_safe(markdown)
    lines = markdown.splitlines()
    assert len(lines) == 7 + len(overview) + len(rows)  # no cell broke a line
    assert [bare_pipes(line) for line in lines[2:]] == [4] * (2 + len(overview)) + [0] + [9] * (2 + len(rows))

    exported = to_csv(rows)
    assert_safe(exported.replace("\r\n", "\n").replace("\r", ""))
    table = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"), newline="")))
    assert len(table) == 1 + len(rows) and {len(r) for r in table} == {len(CSV_COLUMNS)}
    for record in table[1:]:
        for cell in record:
            assert not cell.lstrip().startswith(("=", "+", "@", "\t", "\r")) and not cell.startswith("-") \
                or cell.startswith("'") or cell.lstrip("-").isdigit()


@FAST
@given(st.recursive(text, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                    max_leaves=8))
def test_json_carries_the_same_data_without_live_controls(data) -> None:
    output = to_json(data)
    assert_safe(output)
    assert json.loads(output) == data


@FAST
@given(text, text)
def test_checklist_detail_panel_and_cells(note: str, account: str) -> None:
    state = {"state": "na", "note": note, "reason": note, "evidence": [note, account], "account": account,
             "updated": "2024-05-20T02:00:00Z"}
    panel = cell_text(2, [org_row(note, account)], [state], Roster(accounts={account: note}), TODAY)
    assert_safe(panel.plain)
    assert_safe(render(panel))
    for value in (note, account):
        cell = cell_literal(value)
        assert_safe(cell.plain)
        assert "\n" not in cell.plain
