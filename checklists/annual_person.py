"""One 班子成员's 述责述廉 draft: their commitments, the 党课 they gave, 谈心谈话, the ledger rows they own or signed off.

The same rules as the org's report: each figure cites its rows, each duty is
stated as done only when recorded so, and what the records cannot say is a blank.
The sections' order and headings, which item is 谈心谈话 and what marks a 党课
are declared in checklists/builtin/report/person.toml; the lists are generated
here from the person's own records, and checklists may add sentences to them.
"""

from __future__ import annotations

from .annual import Year
from .annual_report import issues_section
from .draft import Composer, Draft, Provenance, Section
from .figures import count, ledger, ratio, reviewed
from .model import Checklist, Item
from .report_compose import Reader, compose, person_fact
from .report_spec import SectionSpec, layout


def person_draft(year: Year, provenance: Provenance, name: str) -> Draft:
    person = year.roster.person(name)
    roles = "、".join(person.roles) if person and person.roles else ""
    draft = Draft(f"{name}{year.year}年述责述廉报告", provenance)
    c = Composer(draft)
    c.text(f"{year.year}年，本人" + (f"（{roles}）" if roles else "")).blank("分管工作和履职总体情况")
    draft.intro.append(c.text("。现将履行全面从严治党责任和廉洁自律情况报告如下：").done())
    plan = layout("person")
    lectures, talks = plan.section("lectures"), plan.section("talks")
    word = lectures.title_has if lectures else ""
    talks_id = talks.checklist if talks else ""
    mine = _my_items(year, name)
    lists = {
        "commitments": lambda spec: _commitments(year, c, name, spec.heading, [
            (ch, i) for ch, i in mine if not (word and word in i.title) and ch.id != talks_id]),
        "lectures": lambda spec: _lectures(year, c, name, spec.heading, [(ch, i) for ch, i in mine if word in i.title]),
        "talks": lambda spec: _talks(year, c, name, spec),
        "ledgers": lambda spec: _ledgers(year, c, name, spec.heading),
        "issues": lambda spec: issues_section(year, c, spec.heading, person=name),
    }
    draft.sections += compose(plan, Reader(year, c, person=name), lists)
    return draft


def _my_items(year: Year, name: str) -> list[tuple[Checklist, Item]]:
    """The person-scoped items this person has an instance of this year, in library order."""
    found: dict[tuple[str, str], tuple[Checklist, Item]] = {}
    for row in year.rows:
        if row.checklist.scope == "person" and row.subject == name:
            found.setdefault((row.checklist.id, row.item.id), (row.checklist, row.item))
    return list(found.values())


def _commitments(year: Year, c: Composer, name: str, heading: str, items: list[tuple[Checklist, Item]]) -> Section:
    section = Section(heading)
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
            c.fact(person_fact(year, checklist.id, item.id, name), "已完成")
        section.line(c.done())
    return section


def _lectures(year: Year, c: Composer, name: str, heading: str, items: list[tuple[Checklist, Item]]) -> Section:
    section = Section(heading)
    counted = [(ch, i) for ch, i in items if i.kind == "count"]
    if not counted:
        section.para(c.blank("本人讲授党课的情况（记录中没有本人讲党课的事项）").done())
        return section
    for checklist, item in counted:
        c.text(f"{item.title}（{checklist.title}）：").figure(count(year, checklist.id, item.id, name), "{0}" + item.unit,
                                                         item.title)
        section.para(c.text("。").blank("党课题目和听课范围").done())
    return section


def _talks(year: Year, c: Composer, name: str, spec: SectionSpec) -> Section:
    """The person's own instance of the declared talks item (谈心谈话), done or not."""
    section = Section(spec.heading)
    figure = ratio(year, spec.checklist, spec.item, name)
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


def _ledgers(year: Year, c: Composer, name: str, heading: str) -> Section:
    section = Section(heading)
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
