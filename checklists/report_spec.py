"""The reports' wording as data: sections and their sentences, read from TOML and checked like checklist files.

Two kinds of declaration say which records feed which sentence. The built-in
layouts (checklists/builtin/report/annual.toml and person.toml) give each
report's sections in order, their headings, and the sentences the built-in
checklists feed. A checklist file, a bureau's own included, may add sentences
of its own with [[report]] entries naming a section by id: so a checklist the
built-in layout does not know still reaches the report, without code.

Every problem is collected and named by file, field and value, as
:mod:`checklists.schema` does for the checklists themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import DefinitionError, Problem, show
from .model import PHRASE_KINDS, Item, Phrase, ReportEntry
from .toml_errors import syntax_error

FIGURES = PHRASE_KINDS[2:]
# The values each figure gives to its template: {0} (and {1}, or {0/1} for "n/m").
SLOTS = {"count": ("0",), "done_in_year": ("0",), "fact": (), "ratio": ("0", "1", "0/1"),
         "items_done": ("0", "1", "0/1"), "ledger": ("0", "1")}
# Which kinds of item a figure can count.
FITS = {"count": ("count",), "ledger": ("ledger",), "ratio": ("check", "count"), "fact": ("check", "count"),
        "done_in_year": ("check", "count"), "items_done": ("check", "count")}
FIGURE_KEYS = {"figure", "checklist", "item", "items", "template", "missing", "names"}
ENTRY_KEYS = FIGURE_KEYS - {"checklist"} | {"section"}
SECTION_KEYS = {"id", "heading", "paragraphs", "list", "checklist", "item", "title_has"}
PARAGRAPH_KEYS = {"checklist", "only", "phrases"}
# What a section may list, generated from the records rather than declared sentence by sentence.
LISTS = {"annual": ("issues",), "person": ("commitments", "lectures", "talks", "ledgers", "issues")}
LAYOUTS = tuple(LISTS)
TOKEN = re.compile(r"\{([^{}]*)\}")
ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")
# A checklist id in a layout may name the report's year: zhuti-jiaoyu-{year} is that year's campaign.
YEAR_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}(\{year\}[a-z0-9_-]*)?$")


@dataclass(frozen=True)
class Paragraph:
    """Phrases making one paragraph; ``checklist`` is their default, ``only`` "present"/"absent" keeps the
    paragraph for a year whose library has that checklist, or lacks it."""

    phrases: tuple[Phrase, ...]
    checklist: str = ""
    only: str = ""


@dataclass(frozen=True)
class SectionSpec:
    """One heading of a report: a list generated from the records (``list``), then declared paragraphs.

    ``checklist``/``item`` name what a "talks" list counts, ``title_has`` the word marking a "lectures" item.
    """

    id: str
    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    list: str = ""
    checklist: str = ""
    item: str = ""
    title_has: str = ""


@dataclass(frozen=True)
class Layout:
    name: str
    sections: tuple[SectionSpec, ...]

    def section(self, list_name: str) -> SectionSpec | None:
        return next((s for s in self.sections if s.list == list_name), None)


class _Problems:
    """Problems of one file, each naming where it is as a checklist problem does."""

    def __init__(self, file: str, checklist: str = ""):
        self.file = file
        self.checklist = checklist
        self.found: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.found.append(Problem(self.file, message, self.checklist, field=field))

    def text(self, table: dict, key: str, where: str, *, required: bool = False) -> str:
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add(f"{where}.{key}", f"expected a non-empty text; got {show(value) if value is not None else 'nothing'}")
            return ""
        return value.strip()

    def unknown(self, table: dict, allowed: set[str], where: str) -> None:
        for key in sorted(set(table) - allowed):
            self.add(f"{where}.{key}", f"unknown key; allowed: {', '.join(sorted(allowed))}")


def _template(p: _Problems, kind: str, template: str, where: str) -> str:
    """The template with its slots checked; a trailing 。 is dropped (the report puts it after the 〔n〕)."""
    slots = [t for t in TOKEN.findall(template) if t != "year"]
    allowed = SLOTS[kind]
    wrong = [t for t in slots if t not in allowed]
    if set(TOKEN.sub("", template)) & set("{}"):
        p.add(f"{where}.template", f"expected braces only around {{0}}, {{1}}, {{0/1}} or {{year}}; got {show(template)}")
    elif wrong or (allowed and not slots) or ("0/1" in slots and len(slots) > 1):
        shown = " and ".join("{" + s + "}" for s in allowed if s != "0/1")
        said = ("takes no {0}: its template is what the sentence states once done" if not allowed else
                f"needs {shown} where its value{'s go' if len(allowed) > 1 else ' goes'}"
                + (" (or {0/1} alone, for n/m)" if "0/1" in allowed else ""))
        p.add(f"{where}.template", f'a "{kind}" figure {said}; got {show(template)}')
    return template.rstrip("。")


def _figure(p: _Problems, raw: dict, where: str, own: tuple[Item, ...] | None) -> Phrase | None:
    """A figure phrase; ``own`` is the declaring checklist's items ([[report]]), None in a layout."""
    before = len(p.found)
    kind = raw.get("figure")
    if kind not in FIGURES:
        p.add(f"{where}.figure", f"expected one of {', '.join(FIGURES)}; got {show(kind) if kind is not None else 'nothing'}")
        return None
    checklist = p.text(raw, "checklist", where)
    if checklist and not YEAR_ID.match(checklist):
        p.add(f"{where}.checklist", f"expected a checklist id (it may end in {{year}}); got {show(checklist)}")
    items = _items(p, raw, kind, where)
    template = p.text(raw, "template", where, required=True)
    template = _template(p, kind, template, where) if template else ""
    missing = p.text(raw, "missing", where)
    names = p.text(raw, "names", where)
    if names and (kind != "items_done" or names.count("{}") != 1):
        p.add(f"{where}.names", f'only an "items_done" figure takes names, with one {{}} where they go; got {show(names)}')
    if own is not None:
        by_id = {i.id: i for i in own}
        for item_id in items:
            item = by_id.get(item_id)
            if item is None:
                p.add(f"{where}.item", f"expected an item id of this checklist ({', '.join(by_id)}); got {show(item_id)}")
            elif item.kind not in FITS[kind]:
                p.add(f"{where}.item", f'a "{kind}" figure counts {" or ".join(FITS[kind])} items; '
                                       f'{show(item_id)} is a "{item.kind}" item')
    if len(p.found) > before:
        return None
    return Phrase(kind, template, checklist, items, missing, names)


def _items(p: _Problems, raw: dict, kind: str, where: str) -> tuple[str, ...]:
    """One ``item``, or for items_done a list ``items`` (none: all the checklist's items)."""
    if kind == "items_done":
        if "item" in raw:
            p.add(f"{where}.item", 'an "items_done" figure takes a list: items = ["…"] (or none for all items)')
        value = raw.get("items", [])
        if not isinstance(value, list) or not all(isinstance(v, str) and ID.match(v) for v in value):
            p.add(f"{where}.items", f"expected a list of item ids; got {show(value)}")
            return ()
        return tuple(value)
    if "items" in raw:
        p.add(f"{where}.items", f'a "{kind}" figure counts one item: write item = "…"')
    value = raw.get("item")
    if not isinstance(value, str) or not ID.match(value):
        p.add(f"{where}.item", f"expected an item id; got {show(value) if value is not None else 'nothing'}")
        return ()
    return (value,)


def parse_entries(raw: Any, file: str, checklist: str, items: tuple[Item, ...]) -> tuple[tuple[ReportEntry, ...],
                                                                                         list[Problem]]:
    """A checklist's [[report]] entries: each one sentence with one figure of its own items, in a known section."""
    p = _Problems(file, checklist)
    if not isinstance(raw, list) or not all(isinstance(e, dict) for e in raw):
        p.add("report", f'expected [[report]] tables such as section = "integrity"; got {show(raw)}')
        return (), p.found
    sections = section_ids()
    entries = []
    for index, table in enumerate(raw):
        where = f"report[{index}]"
        before = len(p.found)
        p.unknown(table, ENTRY_KEYS, where)
        section = table.get("section")
        if section not in sections:
            p.add(f"{where}.section", f"expected a report section: {', '.join(sections)}; got "
                                      f"{show(section) if section is not None else 'nothing'}")
        elif table.get("figure") == "done_in_year" and sections[section] == "person":
            p.add(f"{where}.figure", 'a "done_in_year" figure counts people done, not one person\'s own record; '
                                     "use it in a section of the annual report")
        phrase = _figure(p, table, where, items)
        if phrase is not None and len(p.found) == before:
            entries.append(ReportEntry(section, phrase))
    return tuple(entries), p.found


def _phrase(p: _Problems, raw: Any, where: str) -> Phrase | None:
    if not isinstance(raw, dict):
        p.add(where, f'expected a table such as {{ text = "，" }}; got {show(raw)}')
        return None
    kinds = [k for k in ("text", "blank", "figure") if k in raw]
    if len(kinds) != 1:
        p.add(where, "expected exactly one of text, blank or figure")
        return None
    if kinds[0] == "figure":
        p.unknown(raw, FIGURE_KEYS, where)
        return _figure(p, raw, where, None)
    p.unknown(raw, {kinds[0]}, where)
    value = raw[kinds[0]]
    if not isinstance(value, str) or not value:
        p.add(f"{where}.{kinds[0]}", f"expected a text; got {show(value)}")
        return None
    return Phrase(kinds[0], value)


def _paragraph(p: _Problems, raw: Any, where: str, name: str) -> Paragraph | None:
    if not isinstance(raw, dict):
        p.add(where, f"expected a table [[sections.paragraphs]]; got {show(raw)}")
        return None
    p.unknown(raw, PARAGRAPH_KEYS, where)
    checklist = p.text(raw, "checklist", where)
    if checklist and not YEAR_ID.match(checklist):
        p.add(f"{where}.checklist", f"expected a checklist id (it may end in {{year}}); got {show(checklist)}")
    only = raw.get("only", "")
    if only not in ("", "present", "absent") or (only and not checklist):
        p.add(f"{where}.only", f'expected "present" or "absent", with the paragraph\'s checklist; got {show(only)}')
    phrases = raw.get("phrases")
    if not isinstance(phrases, list) or not phrases:
        p.add(f"{where}.phrases", f"expected a list of phrases; got {show(phrases)}")
        return None
    parsed = [_phrase(p, ph, f"{where}.phrases[{n}]") for n, ph in enumerate(phrases)]
    for n, phrase in enumerate(parsed):
        if phrase and phrase.kind in FIGURES and not (phrase.checklist or checklist):
            p.add(f"{where}.phrases[{n}].checklist", "a figure needs a checklist, its own or the paragraph's")
        if phrase and phrase.kind == "done_in_year" and name == "person":
            p.add(f"{where}.phrases[{n}].figure", 'a "done_in_year" figure counts people done, not one person\'s '
                                                  "own record; use it in the annual report")
    return Paragraph(tuple(x for x in parsed if x), checklist, only)


def _section(p: _Problems, raw: Any, where: str, name: str, seen: set[str]) -> SectionSpec | None:
    if not isinstance(raw, dict):
        p.add(where, f"expected a table [[sections]]; got {show(raw)}")
        return None
    p.unknown(raw, SECTION_KEYS, where)
    sid = raw.get("id")
    if not isinstance(sid, str) or not ID.match(sid) or sid in seen:
        p.add(f"{where}.id", f"expected an id of its own (lowercase ascii letters, digits, - or _); got {show(sid)}")
        sid = ""
    seen.add(sid)
    heading = p.text(raw, "heading", where, required=True)
    kind = raw.get("list", "")
    if kind and kind not in LISTS[name]:
        p.add(f"{where}.list", f"expected one of {', '.join(LISTS[name])}; got {show(kind)}")
    paragraphs = raw.get("paragraphs", [])
    if not isinstance(paragraphs, list) or not (paragraphs or kind):
        p.add(f"{where}.paragraphs", "a section needs a list or [[sections.paragraphs]]")
        paragraphs = []
    parsed = [_paragraph(p, para, f"{where}.paragraphs[{n}]", name) for n, para in enumerate(paragraphs)]
    extra = (p.text(raw, "checklist", where), p.text(raw, "item", where), p.text(raw, "title_has", where))
    if (kind == "talks") != bool(extra[0] and extra[1]) or (kind == "lectures") != bool(extra[2]):
        p.add(where, 'a "talks" list names its checklist and item, a "lectures" list the word in its items\' '
                     "titles (title_has); other sections take neither")
    return SectionSpec(sid, heading, tuple(x for x in parsed if x), kind, *extra)


def parse_layout(data: dict[str, Any], file: str, name: str) -> tuple[Layout | None, list[Problem]]:
    """One report's layout: its [[sections]], in order."""
    p = _Problems(file)
    p.unknown(data, {"sections"}, "layout")
    raw = data.get("sections")
    if not isinstance(raw, list) or not raw:
        p.add("sections", "expected at least one [[sections]] table")
        return None, p.found
    seen: set[str] = set()
    sections = [_section(p, s, f"sections[{n}]", name, seen) for n, s in enumerate(raw)]
    if p.found:
        return None, p.found
    return Layout(name, tuple(s for s in sections if s)), []


@cache
def layout(name: str) -> Layout:
    """A built-in layout; a defect in it is the program's, raised as the library's would be."""
    import tomllib
    from importlib import resources

    file = f"checklists/builtin/report/{name}.toml"
    text = resources.files("checklists.builtin.report").joinpath(f"{name}.toml").read_text("utf-8")
    try:
        parsed, problems = parse_layout(tomllib.loads(text), file, name)
    except tomllib.TOMLDecodeError as exc:
        parsed, problems = None, [Problem(file, syntax_error(exc))]
    if parsed is None:
        raise DefinitionError(problems)
    return parsed


@cache
def section_ids() -> dict[str, str]:
    """Every section a [[report]] entry can name, and the report it is in."""
    return {s.id: name for name in LAYOUTS for s in layout(name).sections}
