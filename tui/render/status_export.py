"""`duty-tui status` for scripts: JSON, CSV for Excel/WPS, Markdown for reports.

Kept apart from the Rich table so machine formats do not pay for importing Rich.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from checklists.clock import local_text
from checklists.model import subject_label
from checklists.outstanding import Row
from checklists.query import Progress, Rollup

from .plain import csv_cell, md_cell
from .plain import to_json as json_text
from .status_words import STATE_LABELS, progress_text, rollup_text

SCHEMA = 1


def progress_dict(p: Progress) -> dict[str, Any]:
    return {"checklist": p.checklist.id, "title": p.checklist.title, "done": p.done, "total": p.total, "na": p.na,
            "overdue": p.overdue, "next_due": p.next_due.isoformat() if p.next_due else None}


def row_dict(r: Row) -> dict[str, Any]:
    return {
        "checklist": r.checklist.id, "checklist_title": r.checklist.title, "item": r.item.id,
        "item_title": r.item.title, "kind": r.item.kind, "period": r.period.key, "subject": r.subject,
        "row_title": r.label, "owner": r.owner, "stage": r.stage,
        "dept": r.dept, "branch": r.branch, "state": r.state, "count": r.count, "target": r.item.target,
        "due": r.due.isoformat() if r.due else None, "days_overdue": r.days_overdue,
        "last_account": r.account or None, "last_time": r.updated or None, "note": r.note,
        "carried": r.carried, "soon": r.soon,
    }


def rollup_dict(u: Rollup) -> dict[str, Any]:
    r = u.first
    return {"checklist": r.checklist.id, "checklist_title": r.checklist.title, "item": r.item.id,
            "item_title": r.item.title, "subject": r.subject, "every": r.item.every, "done": u.done,
            "total": u.total, "missing": [m.period.key for m in u.missing],
            "overdue": [o.period.key for o in u.overdue],
            "periods": [{"period": x.period.key, "state": x.state, "count": x.count,
                         "due": x.due.isoformat() if x.due else None, "days_overdue": x.days_overdue}
                        for x in u.rows]}


def to_json(progress: list[Progress], shown: list[Row], database: str, as_of: date, period: str | None,
            rolled: list[Rollup] | None = None) -> str:
    overview = [progress_dict(p) for p in progress]
    data = {"schema": SCHEMA, "database": database, "as_of": as_of.isoformat(), "period": period,
            "summary": overview, "rollups": [rollup_dict(u) for u in rolled or []],
            "items": [row_dict(r) for r in shown]}
    return json_text(data)


CSV_COLUMNS = [("checklist", "清单ID"), ("checklist_title", "清单"), ("item", "事项ID"), ("item_title", "事项"),
               ("row_title", "台账内容"), ("period", "周期"), ("subject", "对象"), ("owner", "责任人"),
               ("stage", "阶段"), ("dept", "科室"), ("branch", "支部"), ("state", "状态"),
               ("count", "次数"), ("target", "目标"), ("due", "时限"), ("days_overdue", "逾期天数"),
               ("last_account", "最后修改账户"), ("last_time", "最后修改时间"), ("note", "备注")]


def to_csv(shown: list[Row]) -> str:
    """UTF-8 with BOM and CRLF: what Excel and WPS in China open without garbling.

    Counts and overdue days are numbers we write; every text cell goes through
    csv_cell, so a note such as "=HYPERLINK(...)" or "-3" reads as text.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([label for _, label in CSV_COLUMNS])
    for r in shown:
        d = row_dict(r)
        d["subject"] = subject_label(d["subject"])
        d["state"] = STATE_LABELS[d["state"]]
        d["last_time"] = local_text(r.updated) if r.updated else None  # people read it: local time
        writer.writerow(["" if d[key] is None else csv_cell(d[key]) for key, _ in CSV_COLUMNS])
    return "\ufeff" + out.getvalue()


def to_markdown(progress: list[Progress], shown: list[Row], as_of: date, rolled: list[Rollup] | None = None) -> str:
    lines = [f"## 全面从严治党主体责任待办情况（截至 {as_of.isoformat()}）", "",
             "| 清单 | 完成/应办 | 逾期 |", "|---|---:|---:|"]
    lines += [f"| {md_cell(p.checklist.title)} | {p.done}/{p.total} | {p.overdue} |" for p in progress]
    if rolled:
        lines += ["", "| 清单 | 事项 | 对象 | 完成/应办 | 逾期期数 |", "|---|---|---|---|---:|"]
        lines += [f"| {md_cell(u.first.checklist.title)} | {md_cell(u.first.item.title)} | "
                  f"{md_cell(subject_label(u.first.subject))} | {md_cell(rollup_text(u))} | {len(u.overdue)} |"
                  for u in rolled]
    lines += ["", "| 清单 | 事项 | 对象 | 周期 | 时限 | 逾期天数 | 状态 | 备注 |", "|---|---|---|---|---|---:|---|---|"]
    for r in shown:
        lines.append(f"| {md_cell(r.checklist.title)} | {md_cell(r.title)} | {md_cell(r.owner or subject_label(r.subject))} | "
                     f"{md_cell(r.period.label())} | {r.due.isoformat() if r.due else '-'} | {r.days_overdue} | "
                     f"{md_cell(progress_text(r))} | {md_cell(r.note)} |")
    return "\n".join(lines) + "\n"
