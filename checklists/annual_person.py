"""One 班子成员's 述责述廉 draft: their commitments, the 党课 they gave, 谈心谈话, the ledger rows they own or signed off.

The same rules as the org's report: each figure cites its rows, each duty is
stated as done only when recorded so, and what the records cannot say is a blank.
"""

from __future__ import annotations

from dataclasses import replace

from .annual import Year
from .annual_report import issues_section
from .draft import Composer, Draft, Provenance, Section
from .figures import count, fact, ledger, ratio, reviewed
from .model import Checklist, Item

TALKS = "tanxin-tanhua"


def _lecture(item: Item) -> bool:
    return "党课" in item.title


def person_draft(year: Year, provenance: Provenance, name: str) -> Draft:
    person = year.roster.person(name)
    roles = "、".join(person.roles) if person and person.roles else ""
    draft = Draft(f"{name}{year.year}年述责述廉报告", provenance)
    c = Composer(draft)
    c.text(f"{year.year}年，本人" + (f"（{roles}）" if roles else "")).blank("分管工作和履职总体情况")
    draft.intro.append(c.text("。现将履行全面从严治党责任和廉洁自律情况报告如下：").done())
    mine = _my_items(year, name)
    draft.sections += [
        _commitments(year, c, name, [(ch, i) for ch, i in mine if not _lecture(i) and ch.id != TALKS]),
        _lectures(year, c, name, [(ch, i) for ch, i in mine if _lecture(i)]),
        _talks(year, c, name),
        _ledgers(year, c, name),
        issues_section(year, c, "五、存在问题（候选）", person=name),
        Section("六、下一步打算").para(c.blank("下一步努力方向和改进措施").done()),
    ]
    return draft


def _my_items(year: Year, name: str) -> list[tuple[Checklist, Item]]:
    """The person-scoped items this person has an instance of this year, in library order."""
    found: dict[tuple[str, str], tuple[Checklist, Item]] = {}
    for row in year.rows:
        if row.checklist.scope == "person" and row.subject == name:
            found.setdefault((row.checklist.id, row.item.id), (row.checklist, row.item))
    return list(found.values())


def _commitments(year: Year, c: Composer, name: str, items: list[tuple[Checklist, Item]]) -> Section:
    section = Section("一、履行承诺和个人有关事项")
    if not items:
        section.para(c.text("记录中没有本人须完成的承诺、报告等个人事项。").done())
        return section
    section.para(c.text("记录中本人须完成的事项及完成情况如下：").done())
    for checklist, item in items:
        c.text(f"{item.title}（{checklist.title}）：")
        periods = {r.period.key for r in year.instances(checklist.id, item.id) if r.subject == name}
        if item.kind == "count":
            c.figure(count(year, checklist.id, item.id, name), "{0}" + item.unit, item.title)
        elif len(periods) > 1:
            c.figure(ratio(year, checklist.id, item.id, name), "完成{0}期（应办{1}期）", item.title)
        else:
            c.fact(_my_fact(year, checklist.id, item.id, name), "已完成")
        section.line(c.done())
    return section


def _my_fact(year: Year, checklist_id: str, item_id: str, name: str):
    """This person's own instance of a one-period item (fact() alone would take the first person's)."""
    mine = [r for r in year.instances(checklist_id, item_id) if r.subject == name]
    if not mine:
        return None
    narrowed = Year(year.year, year.day, year.checklists, year.roster, year.states, mine)
    found = fact(narrowed, checklist_id, item_id)
    return replace(found, source=replace(found.source, person=name)) if found else None


def _lectures(year: Year, c: Composer, name: str, items: list[tuple[Checklist, Item]]) -> Section:
    section = Section("二、讲授党课")
    counted = [(ch, i) for ch, i in items if i.kind == "count"]
    if not counted:
        section.para(c.blank("本人讲授党课的情况（记录中没有本人讲党课的事项）").done())
        return section
    for checklist, item in counted:
        c.text(f"{item.title}（{checklist.title}）：").figure(count(year, checklist.id, item.id, name), "{0}" + item.unit,
                                                         item.title)
        section.para(c.text("。").blank("党课题目和听课范围").done())
    return section


def _talks(year: Year, c: Composer, name: str) -> Section:
    section = Section("三、谈心谈话")
    figure = ratio(year, TALKS, "tanhua", name)
    if figure is None or not figure.source.periods:
        section.para(c.blank("本人开展谈心谈话的情况（本人不在“谈心谈话”清单的范围内）").done())
        return section
    n, m = figure.values
    c.text("本人年内谈心谈话：")
    if m and n == m:
        c.figure(figure, "已完成（{0/1}）", "谈心谈话")
    else:
        c.figure(figure, "记录中尚未完成（{0/1}）", "谈心谈话")
    section.para(c.text("。").blank("谈话对象和主要内容").done())
    return section


def _ledgers(year: Year, c: Composer, name: str) -> Section:
    section = Section("四、负责和复核的台账事项")
    for checklist in year.checklists:
        for item in checklist.items:
            if item.kind != "ledger":
                continue
            owned = ledger(year, checklist.id, item.id, owner=name)
            if owned and owned.values[0]:
                section.para(c.text(f"作为责任人，{item.title}中").figure(
                    owned, "由本人负责{0}项、已销号{1}项", item.title).text("。").done())
                for row in year.instances(checklist.id, item.id):
                    if row.subject and row.owner == name:
                        due = f"，时限{row.due.isoformat()}" if row.due else ""
                        section.line(c.text(f"{item.title} {row.subject} {row.label}（阶段：{row.stage}{due}）")
                                             .done())
            signed = reviewed(year, checklist.id, item.id, name)
            if signed and signed.values[0]:
                section.para(c.text(f"作为复核人，{item.title}中").figure(
                    signed, "经本人复核销号{0}项", item.title).text("。").done())
    if not section.blocks:
        section.para(c.text("记录中没有由本人负责或复核的台账事项。").done())
    return section
