"""Declared report sections turned into a draft: each phrase through the Composer, each figure through checklists.figures.

The rules of what may be stated stay in the Composer (a figure the library
cannot give is a blank, a duty is stated done only when recorded so); this
module only reads the declarations of :mod:`checklists.report_spec` and asks
the figure functions for the numbers they name, for the org or for one person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace

from .annual import Year
from .draft import Composer, Section
from .figures import Fact, Figure, count, done_in_year, fact, items_done, ledger, ratio
from .model import ORG, Phrase
from .records import Event, StateKey
from .report_spec import Layout, SectionSpec

History = Callable[[StateKey], list[Event]]


@dataclass
class Reader:
    """What a phrase is read against: the year, the draft being composed, and the one person a draft is about."""

    year: Year
    c: Composer
    history: History | None = None  # one entry's events, for done_in_year; an annual report's only
    person: str | None = None


def compose(layout: Layout, reader: Reader, lists: Mapping[str, Callable[[SectionSpec], Section]]) -> Iterator[Section]:
    """Each section of ``layout``: its generated list, its declared paragraphs, then the checklists' own sentences."""
    for spec in layout.sections:
        section = lists[spec.list](spec) if spec.list else Section(spec.heading)
        for paragraph in spec.paragraphs:
            default = ""
            if paragraph.checklist:
                found = resolve(reader.year, paragraph.checklist)
                if (paragraph.only == "present" and found is None) or (paragraph.only == "absent" and found):
                    continue
                default = found or paragraph.checklist
            for phrase in paragraph.phrases:
                say(reader, phrase, default)
            section.para(reader.c.done())
        for checklist in reader.year.checklists:
            for entry in checklist.report:
                if entry.section == spec.id:
                    say(reader, entry.phrase, checklist.id)
                    section.para(reader.c.text("。").done())
        yield section


def resolve(year: Year, checklist_id: str) -> str | None:
    """The checklist meant, if the library has it; zhuti-jiaoyu-{year} is the report year's own (its id may go on)."""
    if "{year}" in checklist_id:
        found = year.checklist_starting(checklist_id.replace("{year}", str(year.year)))
        return found.id if found else None
    return checklist_id if any(c.id == checklist_id for c in year.checklists) else None


def say(reader: Reader, phrase: Phrase, default: str) -> None:
    """One phrase into the paragraph being composed; ``default`` is the checklist a figure names none."""
    c, year = reader.c, reader.year
    text = phrase.text.replace("{year}", str(year.year))
    if phrase.kind == "text":
        c.text(text)
        return
    if phrase.kind == "blank":
        c.blank(text)
        return
    checklist = (resolve(year, phrase.checklist) or phrase.checklist) if phrase.checklist else default
    item = phrase.items[0] if phrase.items else ""
    if phrase.kind == "fact":
        c.fact(_fact(reader, checklist, item), text)
        return
    figure = _figure(reader, phrase, checklist, item)
    found = year.find(checklist, item)
    missing = phrase.missing or (found[1].title if found else item or checklist)
    if "{0/1}" in text:  # n/m: where nobody was due, a blank rather than "0/0"
        before, _, unit = text.partition("{0/1}")
        c.ratio(figure, before, unit, missing)
    else:
        c.figure(figure, text, missing)


def _figure(reader: Reader, phrase: Phrase, checklist: str, item: str) -> Figure | None:
    year, person = reader.year, reader.person
    if phrase.kind == "count":
        return count(year, checklist, item, person)
    if phrase.kind == "ratio":
        return ratio(year, checklist, item, person)
    if phrase.kind == "ledger":
        return ledger(year, checklist, item, owner=person)
    if phrase.kind == "done_in_year":
        assert reader.history is not None, "done_in_year is declared in the annual report only (report_spec)"
        return done_in_year(year, checklist, item, reader.history)
    found = items_done(year, checklist, phrase.items, person or ORG)
    if found is None:
        return None
    figure, done = found
    names = "、".join(i.due.holiday or i.title for i in done)
    if phrase.names and names:
        reader.c.text(phrase.names.replace("{}", names))
    return figure


def _fact(reader: Reader, checklist: str, item: str) -> Fact | None:
    if reader.person is None:
        return fact(reader.year, checklist, item)
    return person_fact(reader.year, checklist, item, reader.person)


def person_fact(year: Year, checklist_id: str, item_id: str, name: str) -> Fact | None:
    """This person's own instance of a one-period item (fact() alone would take the first person's)."""
    mine = [r for r in year.instances(checklist_id, item_id) if r.subject == name]
    if not mine:
        return None
    narrowed = Year(year.year, year.day, year.checklists, year.roster, year.states, mine)
    found = fact(narrowed, checklist_id, item_id)
    return replace(found, source=replace(found.source, person=name)) if found else None
