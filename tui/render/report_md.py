"""A report draft as Markdown: for a quick read, a diff between years, or pasting into another editor.

Every piece of text is escaped (checklist titles, names and ledger cells are
typed by people), figures are bold, and each is followed by its 〔n〕.
"""

from __future__ import annotations

from checklists.figures import Source
from checklists.draft import Blank, Draft, Number, Ref, Segment

from .plain import md_cell


def notice(draft: Draft) -> str:
    p = draft.provenance
    return (f"草稿：由 duty-tui 依据数据库 {p.database} 中的记录于 {p.generated} 生成（账户 {p.account}）。"
            "文中〔n〕指附录“数据来源”第 n 条；【待填写】处须人工补写，【待核实】处记录尚不支持该表述，请核实。")


def source_text(n: int, source: Source, year: int) -> str:
    """One appendix entry, as plain text: the same words in Markdown and in Word."""
    items = "、".join(f"“{i.title}”（{i.id}）" for i in source.items)
    parts = [f"〔{n}〕清单“{source.checklist.title}”（{source.checklist.id}），事项{items}",
             f"周期：{source.periods_text()}", f"对象：{source.subjects_text()}", f"统计：{source.rule}"]
    if source.detail:
        parts.append(f"明细：{source.detail}")
    parts.append(f"复核：{source.command(year)}")
    return "；".join(parts)


def _inline(parts: list[Segment]) -> str:
    out = []
    for seg in parts:
        if isinstance(seg, Number):
            out.append(f"**{md_cell(seg.text)}**")
        elif isinstance(seg, Ref):
            out.append(f"〔{seg.ref}〕")
        elif isinstance(seg, Blank):
            out.append(md_cell(seg.text))
        else:
            out.append(md_cell(seg.text))
    return "".join(out)


def to_markdown(draft: Draft) -> str:
    lines = [f"# {md_cell(draft.title)}", "", f"> {md_cell(notice(draft))}", ""]
    lines += [_inline(p) + "\n" for p in draft.intro]
    for section in draft.sections:
        lines += [f"## {md_cell(section.heading)}", ""]
        for n, block in enumerate(section.blocks):
            if block.listed:
                lines.append(f"- {_inline(block.parts)}")
                if n + 1 == len(section.blocks) or not section.blocks[n + 1].listed:
                    lines.append("")  # a paragraph right after a list would continue its last item
            else:
                lines.append(_inline(block.parts) + "\n")
    lines += ["## 附录：数据来源", ""]
    year = draft.provenance.year
    lines += [md_cell(source_text(n, s, year)) + "\n" for n, s in enumerate(draft.sources, 1)]
    return "\n".join(lines).rstrip("\n") + "\n"
