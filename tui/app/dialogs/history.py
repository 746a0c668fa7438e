"""One entry's history: who did what, and when (local time); an undo names the change it took back."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from checklists.clock import local_text
from checklists.text import visible

from ...render.log import detail
from ...render.words import action_label
from ..widgets.keybar import KeyBar
from ..widgets.wrap import wrapped
from .base import Dialog


class HistoryDialog(Dialog[None]):
    """What is recorded now, in full, then every change: time, who, what (long text wraps, nothing is cut)."""

    BINDINGS = [Binding("escape,q,h,enter", "cancel", "关闭", key_display="Esc", priority=True)]

    def __init__(self, title: str, events: Sequence[Mapping[str, Any]], who: Callable[[str], str] = str,
                 entry: Text | None = None, kind: str = ""):
        super().__init__()
        self.kind = kind
        self.title_text = title
        self.events = events
        self.who = who
        self.entry = entry

    def lines(self) -> list[tuple[str, str, str]]:
        """(time, who, what) per change, oldest first; an undo says which change it took back."""
        by_id = {e["id"]: e for e in self.events}
        lines = []
        for e in self.events:
            words = detail(e, by_id)
            what = words if e["action"] == "undo" else action_label(e["action"], self.kind) + (f"：{words}" if words else "")
            lines.append((local_text(e["time"]), self.who(e["account"]), what))
        return lines

    def compose(self) -> ComposeResult:
        text = Text(visible(self.title_text, multiline=False), style="bold")
        if self.entry is not None:
            text.append("\n")
            text.append_text(self.entry)
        text.append("\n\n修改记录", style="bold")
        for when, who, what in self.lines():
            text.append("\n" + visible(f"{when}  {who}  ", multiline=False) + visible(what))
        if not self.events:
            text.append("\n尚无记录", style="dim")
        with VerticalScroll(id="history-box"):
            yield Static(wrapped(text), id="history-text")
        yield KeyBar()
