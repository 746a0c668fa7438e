"""A report draft as data: headings, paragraphs of text, figures and blanks, and the sources of its figures.

The annual report and a person's 述责述廉 are composed here once and rendered
by tui.render (Markdown, DOCX), so the two formats cannot say different things.
A figure is a Number pointing at a numbered Source (〔n〕 in the text, listed in
the 数据来源 appendix); a Blank is text only a person can write (【待填写：…】).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .figures import Fact, Figure, Source


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Number:
    """A figure's value as printed (12, 3/5); ``ref`` is its source's number in the appendix."""

    text: str
    ref: int


@dataclass(frozen=True)
class Ref:
    """〔n〕: the appendix entry the figures just before it came from."""

    ref: int


@dataclass(frozen=True)
class Blank:
    """【待填写：what】 — never filled with an invented figure."""

    what: str
    kind: str = "待填写"

    @property
    def text(self) -> str:
        return f"【{self.kind}：{self.what}】"


Segment = Text | Number | Ref | Blank


@dataclass(frozen=True)
class Block:
    """A paragraph, or (``listed``) one line of a list: candidate issues, rows a person owns."""

    parts: list[Segment]
    listed: bool = False


@dataclass
class Section:
    heading: str
    blocks: list[Block] = field(default_factory=list)

    def para(self, parts: list[Segment]) -> "Section":
        self.blocks.append(Block(parts))
        return self

    def line(self, parts: list[Segment]) -> "Section":
        self.blocks.append(Block(parts, listed=True))
        return self


@dataclass(frozen=True)
class Provenance:
    """Where a draft came from, printed under its title."""

    org: str
    year: int
    generated: str  # local time
    account: str
    database: str


@dataclass
class Draft:
    title: str
    provenance: Provenance
    intro: list[list[Segment]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def cite(self, source: Source) -> int:
        """The appendix number for ``source``, adding it on first use."""
        for n, known in enumerate(self.sources, 1):
            if known == source:
                return n
        self.sources.append(source)
        return len(self.sources)

    def paragraphs(self) -> list[list[Segment]]:
        return [*self.intro, *(b.parts for s in self.sections for b in s.blocks)]

    def numbers(self) -> list[tuple[str, int]]:
        """Every figure printed, with its reference: what tests compare with hand-counted figures."""
        return [(seg.text, seg.ref) for part in self.paragraphs() for seg in part if isinstance(seg, Number)]

    def blanks(self) -> list[Blank]:
        return [seg for part in self.paragraphs() for seg in part if isinstance(seg, Blank)]


class Composer:
    """Builds a paragraph phrase by phrase; every figure it prints is cited in the draft's appendix."""

    def __init__(self, draft: Draft):
        self.draft = draft
        self.parts: list[Segment] = []

    def text(self, text: str) -> "Composer":
        if text:
            self.parts.append(Text(text))
        return self

    def blank(self, what: str, kind: str = "待填写") -> "Composer":
        self.parts.append(Blank(what, kind))
        return self

    def figure(self, figure: Figure | None, template: str, missing: str) -> "Composer":
        """``template`` holds {0} (and {1}, or {0/1} for "n/m") where the values go,
        e.g. "对{0}项重点工作挂牌督办、已销号{1}项".

        A figure the library cannot give becomes a blank naming ``missing``;
        so does one that looked at nothing (no ledger row registered, no
        branch due an election): a zero there would claim what nobody recorded.
        """
        if figure is None:
            return self.blank(f"{missing}（清单库中没有对应事项，数据无法给出）")
        ref = self.draft.cite(figure.source)
        if not figure.source.periods:
            self.blank(f"{missing}（记录中本年度没有此项的记录）")
            self.parts.append(Ref(ref))
            return self
        rest = template
        while rest:
            head, brace, tail = rest.partition("{")
            self.text(head)
            if not brace:
                break
            token, _, rest = tail.partition("}")
            value = "/".join(str(figure.values[int(i)]) for i in token.split("/"))
            self.parts.append(Number(value, ref))
        self.parts.append(Ref(ref))
        return self

    def ratio(self, figure: Figure | None, before: str, unit: str, missing: str) -> "Composer":
        """"before N/M unit" — done out of due; a blank where nobody was due, rather than "0/0"."""
        if figure is not None and not figure.values[1]:
            ref = self.draft.cite(figure.source)
            self.blank(f"{missing}（记录中本年度没有应办此项的对象）")
            self.parts.append(Ref(ref))
            return self
        return self.figure(figure, before + "{0/1}" + unit, missing)

    def fact(self, fact: Fact | None, done_text: str) -> "Composer":
        """A duty stated as done only when the records say so; otherwise a blank asking to check it."""
        if fact is None:
            return self.blank(f"{done_text}（清单库中没有对应事项）")
        ref = self.draft.cite(fact.source)
        if fact.state == "absent":
            self.blank(f"{done_text}（记录中本年度没有应办此项的对象）")
        elif fact.state == "done":
            self.text(done_text)
        elif fact.state == "na":
            self.blank(f"“{fact.source.item.title}”记为不适用（{fact.reason}）", "待核实")
        else:
            self.blank(f"记录中“{fact.source.item.title}”尚未完成", "待核实")
        self.parts.append(Ref(ref))
        return self

    def done(self) -> list[Segment]:
        parts, self.parts = self.parts, []
        return parts


def plain(parts: list[Segment]) -> str:
    """A paragraph as plain text, with 〔n〕 after each figure's phrase."""
    out = []
    for seg in parts:
        if isinstance(seg, Ref):
            out.append(f"〔{seg.ref}〕")
        else:
            out.append(seg.text)
    return "".join(out)
