"""The annual 履行全面从严治党主体责任情况报告, factual part: the sections a 党组 report is written in.

Its sections and sentences are declared in checklists/builtin/report/annual.toml
(the usual structure of such reports: 主题教育; 政治建设 and 第一责任人; 组织建设
and 干部工作; 党风廉政建设), and any checklist may add sentences of its own, so
nothing here names a checklist. Narrative and results no checklist records are
left as 【待填写：…】; a duty stated as done is one the records show done,
otherwise it reads 【待核实：…】. What is generated here is the list of candidate
issues, shared with a person's draft.
"""

from __future__ import annotations

from datetime import date

from .annual import Year, issues
from .draft import Composer, Draft, Provenance, Section
from .model import subject_label
from .outstanding import Row
from .report_compose import History, Reader, compose
from .report_spec import layout


def annual_draft(year: Year, provenance: Provenance, history: History) -> Draft:
    """The org's report draft for ``year``; ``history`` gives one entry's events (one-off steps' dates)."""
    draft = Draft(f"{provenance.org}{year.year}年履行全面从严治党主体责任工作情况报告", provenance)
    c = Composer(draft)
    draft.intro.append(c.text(f"{year.year}年，").blank("指导思想、总体情况（叙述）")
                       .text("。现将一年履行全面从严治党主体责任工作情况报告如下：").done())
    lists = {"issues": lambda spec: issues_section(year, c, spec.heading)}
    draft.sections += compose(layout("annual"), Reader(year, c, history), lists)
    return draft


def issues_section(year: Year, c: Composer, heading: str, person: str | None = None) -> Section:
    """What was due by year end and is not done, grouped by item and period: candidates for 存在问题."""
    section = Section(heading)
    found = issues(year, person)
    cutoff = year.cutoff.isoformat()
    if not found:
        section.para(c.text(f"记录中没有截至{cutoff}应完成而未完成的事项。").blank("存在的问题和不足").done())
        return section
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for row in found:
        # One line per item (its open periods and subjects together), one per ledger row.
        groups.setdefault((row.checklist.id, row.item.id, row.subject if row.item.kind == "ledger" else ""),
                          []).append(row)
    section.para(c.text(f"截至{cutoff}，记录中有{len(groups)}个事项（{len(found)}项次）应完成而尚未完成，"
                        "列出如下，可作为“存在问题”的候选，请核实后取舍：").done())
    for rows in groups.values():
        section.line(c.text(_issue_line(rows, year.cutoff)).done())
    section.para(c.blank("对上述问题的原因分析").done())
    return section


def _issue_line(rows: list[Row], cutoff: date) -> str:
    """One candidate issue; days overdue count to ``cutoff``, the date the section says it speaks of."""
    first = rows[0]
    late = max(((cutoff - r.due).days for r in rows if r.due is not None and r.due < cutoff), default=0)
    lateness = f"，最长已逾期{late}天" if late and len(rows) > 1 else (f"，已逾期{late}天" if late else "")
    if first.item.kind == "ledger":
        what = f"{first.checklist.title}：{first.title}"
        due = f"时限{first.due.isoformat()}" if first.due else "无时限"
        if not first.subject:  # a ledger with too few rows registered
            return f"{what}（{first.period.label()}），{due}{lateness}"
        owner = f"责任人{first.owner}，" if first.owner else ""
        return f"{what}（{owner}阶段：{first.stage}），{due}{lateness}"
    periods = list(dict.fromkeys(r.period for r in rows))
    when = periods[0].label() if len(periods) == 1 else f"{len(periods)}期：{periods[0].label()}至{periods[-1].label()}"
    subjects = list(dict.fromkeys(subject_label(r.subject) for r in rows))
    who = "、".join(subjects[:10]) + (f"等{len(subjects)}个对象" if len(subjects) > 10 else "")
    dues = sorted(r.due for r in rows if r.due)
    due = (f"时限{dues[0].isoformat()}" if len(set(dues)) == 1 else f"最早时限{dues[0].isoformat()}") if dues else "无时限"
    return f"{first.checklist.title}：{first.item.title}（{when}；未完成：{who}），{due}{lateness}"
