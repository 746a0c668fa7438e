"""Ask yes or no about something named in full (the change an undo would take back)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from checklists.text import visible

from ...keynames import key_name
from ..widgets.keybar import KeyBar
from ..widgets.wrap import wrapped
from .base import Dialog


class ConfirmDialog(Dialog[bool]):
    """Enter (or y) answers yes, Esc (or n) no."""

    BINDINGS = [*Dialog.BINDINGS, Binding("y", "submit", show=False), Binding("n", "cancel", show=False)]

    def __init__(self, title: str, question: str, *, yes: str = "确认"):
        super().__init__()
        self.title_text, self.question, self.yes = title, question, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(wrapped(Text(visible(self.title_text, multiline=False), style="bold")), id="prompt-title")
            yield Static(wrapped(visible(self.question)), id="confirm-question")
            yield Label(wrapped(f"{key_name('enter')} {self.yes}，{key_name('escape')} 取消"), id="prompt-error")
        yield KeyBar()

    def action_submit(self) -> None:
        self.answer(True)

    def action_cancel(self) -> None:
        self.answer(False)
