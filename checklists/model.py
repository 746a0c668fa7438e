"""Typed, immutable checklist definitions as the rest of the program sees them.

Files are parsed and validated in :mod:`checklists.schema`; once a ``Checklist``
exists it is known to be consistent, so callers never re-check fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

EVERY = ("once", "year", "half", "quarter", "month")
SCOPES = ("org", "branch", "person")
KINDS = ("check", "count", "ledger")
RESERVED_KINDS: tuple[str, ...] = ()
COLUMN_TYPES = ("text", "person", "dept", "date")
HOLIDAYS = ("元旦", "春节", "清明", "五一", "端午", "中秋", "国庆")
# Roles a person can hold in the roster. Person-scoped checklists filter on
# them, so a typo in a file would silently match nobody: validate against this.
ROLES = (
    "党组书记",
    "班子成员",
    "中层干部",
    "干部",
    "新提任干部",
    "支部书记",
    "支部委员",
    "党员",
    "预备党员",
    "发展对象",
    "入党积极分子",
    "入党申请人",
)
SCOPE_LABELS = {"org": "党组", "branch": "每个支部", "person": "每人"}
# The subject stored for an org-scoped checklist: there is one instance, the 党组.
ORG = "org"
EVERY_LABELS = {"once": "一次性", "year": "每年", "half": "每半年", "quarter": "每季度", "month": "每月"}
KIND_LABELS = {"check": "勾选", "count": "计次", "ledger": "台账"}
# How a deadline reads for each recurrence: "by the end of this month/quarter/…",
# never a bare "period end", which people read as a school term.
PERIOD_WORDS = {"month": "本月", "quarter": "本季", "half": "本半年", "year": "本年"}
PERIOD_END_WORDS = {"month": "本月底前", "quarter": "本季末前", "half": "本半年末前", "year": "本年底前"}


@dataclass(frozen=True)
class DueRule:
    """When in its period an item falls due.

    rule: ``none`` (no deadline), ``end`` (period end + days), ``start``
    (period start + days), ``date`` (a month-day in a yearly period, or a full
    date for a one-off checklist) or ``holiday`` (the last working day before
    a festival's statutory days off, or ``days`` working days before that).
    """

    rule: str
    days: int = 0
    date: str = ""
    holiday: str = ""

    def describe(self, every: str = "") -> str:
        """The rule in words, naming the period it recurs by (``every``) when known."""
        if self.rule == "none":
            return "无固定时限"
        period = PERIOD_WORDS.get(every, "本期")
        if self.rule == "end":
            return PERIOD_END_WORDS.get(every, "本期结束前") if self.days == 0 else f"{period}结束后{self.days}日内"
        if self.rule == "start":
            return f"{period}开始后{self.days}日内"
        if self.rule == "date":
            if len(self.date) == 5:
                month, day = self.date.split("-")
                return f"每年{int(month)}月{int(day)}日前"
            return f"{self.date}前"
        if self.days == 0:
            return f"{self.holiday}放假前最后一个工作日"
        return f"{self.holiday}放假前倒数第{self.days + 1}个工作日"


@dataclass(frozen=True)
class Column:
    """One column of a ledger; ``type`` decides how a value is checked."""

    id: str
    title: str
    type: str = "text"
    required: bool = False


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    kind: str
    every: str
    due: DueRule
    target: int = 1
    unit: str = "次"
    evidence: str = ""
    note: str = ""
    local: bool = False
    # Ledger items only: rows that users add, moved through ``stages``; the
    # ``owner`` and ``deadline`` columns say who owes a row and by when;
    # ``close_from`` names the stages a row may be signed off from (none
    # named: only the stage before the final one). ``unit`` names what a row
    # is ("个课题") where a minimum number of rows is counted.
    columns: tuple[Column, ...] = ()
    stages: tuple[str, ...] = ()
    owner: str = ""
    deadline: str = ""
    close_from: tuple[str, ...] = ()
    # Rows a ledger must hold in each period (the year's 12 调研课题); 0: no minimum.
    min_rows: int = 0

    def column(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)


# What a report phrase can be: fixed text, a blank for a person to fill, or a figure
# counted by the function of the same name in checklists.figures (see report_spec).
PHRASE_KINDS = ("text", "blank", "count", "ratio", "ledger", "fact", "items_done", "done_in_year")


@dataclass(frozen=True)
class Phrase:
    """One piece of a report sentence, as declared in TOML.

    ``text`` is the text itself, what a blank asks for, or a figure's template
    ("召开党组会议{0}次"; a fact's is what the sentence states once done).
    A figure counts ``items`` of ``checklist`` ("" in a checklist's own
    [[report]]: that checklist); ``missing`` names it in a blank where the
    records cannot give it; ``names`` ("在{}前") names the items done before
    an items_done figure.
    """

    kind: str
    text: str
    checklist: str = ""
    items: tuple[str, ...] = ()
    missing: str = ""
    names: str = ""


@dataclass(frozen=True)
class ReportEntry:
    """A checklist's own sentence in a report section (``section`` is an id from checklists/builtin/report)."""

    section: str
    phrase: Phrase


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    summary: str
    category: str
    scope: str
    every: str
    due: DueRule
    items: tuple[Item, ...]
    basis: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    note: str = ""
    local: bool = False
    source: str = "builtin"  # "builtin" or "user"
    # A branch checklist that recurs by each branch's term of office (支部换届):
    # an instance exists only in the year a branch's term ends, falls due on
    # that day, and is outstanding from ``notice_months`` before it.
    term_years: int = 0
    notice_months: int = 6
    report: tuple[ReportEntry, ...] = ()
    path: Path | None = field(default=None, compare=False)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def scope_label(self) -> str:
        if self.scope == "person":
            return "每人（" + "、".join(self.roles) + "）"
        return SCOPE_LABELS[self.scope]


def subject_label(subject: str) -> str:
    """How a stored subject reads to a person: the org instance is the 党组."""
    return SCOPE_LABELS[ORG] if subject == ORG else subject
