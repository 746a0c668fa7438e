"""逐项办理: one outstanding entry at a time, with everything needed to act on it.

My items and a person's come overdue first; a checklist's in the order its
screen shows them, from the cursor on.

A 班子成员 who logs in twice a year is led through what they owe; a staff
member walks one person's entries, or a whole checklist (1书4表 for every
班子成员). Each step shows the item in full, its period and deadline, the
evidence it needs and its basis, and what was recorded so far; the keys
complete it, count one occurrence, mark it not applicable, add a note or
evidence, skip it or go back. The walk ends with what was done in it.

Keys typed while a change is being saved wait for it (keys.py), so a quick
"空格 空格" completes this entry and then the next, as it reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from checklists.clock import today
from checklists.model import subject_label
from checklists.outstanding import Row
from checklists.records import State, StateKey
from checklists.roster import Roster
from checklists.text import visible

from ...board import key_of_row
from ...errors import period_label
from ..glyphs import LATE_STYLE, READ_ONLY, left_words
from ..recorded import recorded
from ..widgets.keybar import KeyBar
from ..widgets.tables import fit_line
from ..widgets.wrap import wrapped
from .base import DataScreen
from .entry_prompts import ask_count_date, ask_entry, default_count_day

# What each change is called in the closing summary, in this order.
KINDS = ("完成", "记一次", "不适用", "备注", "佐证", "跳过")


def _status(row: Row, state: State) -> str:
    value = state.get("state", "open")
    if row.item.kind == "ledger":
        return "已销号" if value == "done" else f"未销号（阶段：{row.stage}）" if row.stage else "未完成"
    if value == "na":
        return "不适用"
    if row.item.kind == "count":
        count = state.get("count", 0)
        return f"{count}/{row.item.target}{row.item.unit}" + ("，已完成" if value == "done" else "")
    return "已完成" if value == "done" else "未完成"


def step_text(row: Row, state: State, roster: Roster, day: date) -> Text:
    """One step: the item in full, where it stands, what it needs, what was recorded."""
    text = Text(visible(row.checklist.title, multiline=False), style="dim")
    text.append("\n" + visible(row.title), style="bold")
    due = row.due.isoformat() if row.due else "无固定时限"
    left = left_words(row, day) if state.get("state", "open") == "open" else ""
    text.append("\n" + visible(f"对象：{subject_label(row.subject)}    周期：{row.period.label()}", multiline=False))
    text.append("\n" + visible(f"时限：{due}" + (f"（{left}）" if left else ""), multiline=False))
    text.append("\n" + visible(f"状态：{_status(row, state)}", multiline=False),
                style=LATE_STYLE if row.days_overdue and state.get("state", "open") == "open" else "bold")
    if row.item.kind == "ledger":
        text.append("\n这是台账中的一行：按 Enter 打开台账办理（推进、销号等）", style="bold")
    if row.item.evidence:
        text.append("\n" + visible(f"佐证要求：{row.item.evidence}"))
    if row.checklist.basis:
        text.append("\n" + visible("依据：" + "；".join(row.checklist.basis)), style="dim")
    if row.item.note:
        text.append("\n" + visible(f"说明：{row.item.note}"), style="dim")
    recorded(text, row, state, roster)
    return text


def summary_text(done: Sequence[tuple[Row, str, str]], rows: Sequence[Row], states: dict[StateKey, State]) -> Text:
    """What was done in this walk, in counts and line by line (skips only counted), and what is still open."""
    counts = {kind: sum(1 for _, k, _ in done if k == kind) for kind in KINDS}
    still = [r for r in rows if states.get(key_of_row(r), {}).get("state", "open") == "open"]
    late = sum(1 for r in still if r.days_overdue)
    acted = "，".join(f"{kind} {n} {'条' if kind in ('备注', '佐证') else '项'}" for kind, n in counts.items() if n)
    text = Text("本次办理：" + (acted or "没有修改"), style="bold")
    text.append(f"\n仍未完成 {len(still)} 项" + (f"（逾期 {late} 项）" if late else "") + f"，共 {len(rows)} 项")
    for row, kind, words in done:
        if kind == "跳过":  # counted above; a walk of 40 skipped steps would bury the few changes made
            continue
        text.append("\n" + visible(f"  {kind}  {row.title} · {subject_label(row.subject)} · {row.period.label()}"
                                   + (f"（{words}）" if words else ""), multiline=False))
    text.append("\n\n按 Esc 返回", style="dim")
    return text


class WalkScreen(DataScreen):
    EDIT_ACTIONS = frozenset({"complete", "count", "na", "note", "evidence"})
    HEADER = ("#walk-header",)
    BINDINGS = [
        Binding("enter", "enter", "打开台账", key_display="Enter"),
        Binding("space,x", "complete", "完成", key_display="空格"),
        Binding("a", "na", "不适用"),
        Binding("n", "note", "备注"),
        Binding("e", "evidence", "佐证"),
        # Priority: the text scrolls with Up and Down, and Left and Right must not scroll it sideways.
        Binding("right,s", "skip", "跳过", key_display="→", priority=True),
        Binding("left", "previous", "上一项", key_display="←", priority=True),
        Binding("escape", "end", "结束", key_display="Esc"),
        Binding("escape", "leave", "返回", key_display="Esc"),
        Binding("plus", "count", "记一次", key_display="+"),
    ]

    def __init__(self, title: str, rows: Sequence[Row], *, start: int = 0):
        """``start``: the entry shown first (a checklist's walk starts at the cursor; those before stay a ← away)."""
        super().__init__()
        self.title_text = title
        self.rows = list(rows)
        self.index = start if 0 <= start < len(self.rows) else 0
        self.states: dict[StateKey, State] = {}
        self.roster = Roster()
        self.day = today()
        self.since: date | None = None  # the org's start: no occurrence is counted before it
        self.done: list[tuple[Row, str, str]] = []  # (entry, kind of change, what was typed)
        self.finished = False

    def compose(self) -> ComposeResult:
        yield Static(id="walk-header")
        with VerticalScroll(id="walk-body"):
            yield Static(id="walk-step")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.seen is not None:
            self.render_step()

    # -- reading -------------------------------------------------------------------

    def reload(self) -> None:
        if self.seen is None:
            self.duty.keys.hold(("load", self))
        self._read()

    @work(thread=True, exit_on_error=False, group="load")
    def _read(self) -> None:
        try:
            data = self._fetch()
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._arrived, data)

    def _fetch(self) -> tuple[Any, dict[StateKey, State], Roster, date, date | None]:
        """In a thread: the walk's entries as stored now (signature first, so a write in between is seen next)."""
        board = self.board
        signature = board.signature()
        states = board.store.states({(r.checklist.id, r.period.key) for r in self.rows})
        day = today()
        return signature, {key_of_row(r): states.get(key_of_row(r)) or {} for r in self.rows}, \
            board.store.roster(), day, board.store.org(day).since

    def _arrived(self, data: tuple[Any, dict[StateKey, State], Roster, date, date | None]) -> None:
        self.seen, self.states, self.roster, self.day, self.since = data
        self.render_step()
        self.duty.keys.release(("load", self))

    def show(self, data: Any) -> None:  # the walk reads its own entries; see reload
        self.reload()

    # -- drawing -------------------------------------------------------------------

    @property
    def row(self) -> Row:
        return self.rows[self.index]

    def state(self, row: Row) -> State:
        return self.states.get(key_of_row(row), {})

    def render_step(self) -> None:
        width = max(20, self.app.size.width - 2)
        if self.finished:
            header = fit_line([(f"逐项办理结束：{self.title_text}", 8)], width)
            body = summary_text(self.done, self.rows, self.states)
        else:
            parts: list[tuple[str, int | None]] = [(f"逐项办理：{self.title_text}", 8),
                                                   (f"第{self.index + 1}项/共{len(self.rows)}项", None)]
            if self.board.read_only:
                parts.append((READ_ONLY, None))
            header = fit_line(parts, width)
            body = step_text(self.row, self.state(self.row), self.roster, self.day)
        self.query_one("#walk-header", Static).update(header)
        self.query_one("#walk-step", Static).update(wrapped(body))
        self.query_one("#walk-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("end", "leave"):
            return self.finished == (action == "leave")
        if self.finished:
            return False
        if action == "enter":
            return self.row.item.kind == "ledger"
        return super().check_action(action, parameters)

    # -- moving ----------------------------------------------------------------------

    def go(self, index: int) -> None:
        if index >= len(self.rows):
            self.finished = True
        else:
            self.index = max(0, index)
        self.render_step()

    def action_skip(self) -> None:
        if self.index < len(self.rows) - 1:
            self._skip()
            return
        from ..dialogs.confirm import ConfirmDialog

        # One → too many must not end the walk unasked: the summary replaces the step just read.
        self.app.push_screen(ConfirmDialog("逐项办理", "这是最后一项。结束逐项办理并查看本次小结吗？", yes="结束"),
                             lambda yes: self._skip() if yes else None)

    def _skip(self) -> None:
        if not any(r is self.row for r, _, _ in self.done):
            self.done.append((self.row, "跳过", ""))
        self.go(self.index + 1)

    def action_previous(self) -> None:
        if self.index == 0:
            self.say("已是第一项", warning=True)
            return
        self.go(self.index - 1)

    def action_end(self) -> None:
        self.finished = True
        self.render_step()

    def action_leave(self) -> None:
        self.app.pop_screen()

    def action_enter(self) -> None:
        row = self.row
        if row.item.kind == "ledger":
            from .ledger import LedgerScreen

            screen = LedgerScreen(row.checklist, row.item, row.period)
            screen.preload()
            self.app.push_screen(screen)

    # -- changing --------------------------------------------------------------------

    def _ledger_refused(self) -> bool:
        if self.row.item.kind == "ledger":
            self.say("这是台账中的一行：按 Enter 打开台账办理", warning=True)
            return True
        return False

    def action_complete(self) -> None:
        if self._ledger_refused():
            return
        row, state = self.row, self.state(self.row)
        if state.get("state", "open") != "open":
            self.say(f"已{_status(row, state)}；按 → 到下一项", warning=True)
            return
        if row.item.kind == "count":  # for the step's own period, on a day inside it
            day = default_count_day(row, self.day).isoformat()
            self.change(row, "记一次", day, lambda: self.board.change(row, "count"), advance=True)
        else:
            self.change(row, "完成", "", lambda: self.board.change(row, "done"), advance=True)

    def action_count(self) -> None:
        if self._ledger_refused():
            return
        row = self.row
        if row.item.kind != "count":
            self.say("这不是计次事项：按空格完成", warning=True)
            return
        ask_count_date(self, row, self.day, self.since, lambda day: self.change(
            row, "记一次", day.isoformat(), lambda: self.board.count_on(row, day), advance=True))

    def action_na(self) -> None:
        self._ask_entry("na", "不适用", advance=True)

    def action_note(self) -> None:
        self._ask_entry("note", "备注", advance=False)

    def action_evidence(self) -> None:
        self._ask_entry("evidence", "佐证", advance=False)

    def _ask_entry(self, action: str, kind: str, *, advance: bool) -> None:
        if self._ledger_refused():
            return
        row = self.row
        value = self.state(row).get("note", "") if action == "note" else ""
        ask_entry(self, row, action, lambda fields: self.change(
            row, kind, next(iter(fields.values())), lambda: self.board.change(row, action, **fields),
            advance=advance), value=value)

    def change(self, row: Row, kind: str, words: str, job: Callable[[], Any], *, advance: bool) -> None:
        """Save in a thread; keys typed meanwhile wait, then act on the step shown after it."""
        if self.board.read_only:
            self.refuse_read_only()
            return
        self.duty.keys.hold(("write", self))
        self._save(row, kind, words, job, advance)

    @work(thread=True, exit_on_error=False, group="write")
    def _save(self, row: Row, kind: str, words: str, job: Callable[[], Any], advance: bool) -> None:
        from ..dialogs.wait import LockWait

        # Keys typed meanwhile wait for the next step; while the wait shows, they go to its dialog (Esc).
        wait = LockWait(self.app, shown=lambda: self.duty.keys.release(("write", self)))
        try:
            event = wait.run(job)
            data = self._fetch()
        except Exception as exc:
            self.app.call_from_thread(self._save_failed, exc)
            return
        if isinstance(event, dict) and event.get("period") not in (None, row.period.key):
            # A count dated in another period went there, not to this step: said at once, and in the summary.
            words = f"{words}，记入{period_label(event['period'])}"
            self.app.call_from_thread(self.say, f"已{kind}：{row.title}（{words}）；不是本项的{row.period.label()}")
        self.app.call_from_thread(self._saved, row, kind, words, data, advance)

    def _save_failed(self, exc: BaseException) -> None:
        self.duty.keys.release(("write", self))
        self.report(exc)

    def _saved(self, row: Row, kind: str, words: str, data: Any, advance: bool) -> None:
        self.seen, self.states, self.roster, self.day, self.since = data
        self.done = [entry for entry in self.done if not (entry[0] is row and entry[1] == "跳过")]
        self.done.append((row, kind, words))
        if advance and self.state(row).get("state", "open") != "open" and row is self.row:
            self.go(self.index + 1)
        else:
            self.render_step()
        self.duty.keys.release(("write", self))
