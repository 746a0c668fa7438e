"""Ask for one line of text (a note, a reason, a 文号, a date or a period)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from checklists.text import editable, visible


class PromptDialog(ModalScreen[str | None]):
    """Enter returns the text (after ``check`` accepts it); Escape returns None.

    A ``value`` to edit that is not one clean line (a note written on several
    lines from the command line, or stored with control characters) is shown
    as :func:`editable` makes it; given back unchanged, it returns the value
    as stored, so opening and confirming never rewrites it.
    """

    BINDINGS = [Binding("escape", "cancel", "取消")]

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", required: bool = True,
                 check: Callable[[str], str | None] | None = None):
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.required = required
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(Text(visible(self.title_text, multiline=False)), id="prompt-title")
            yield Input(value=editable(self.value), placeholder=self.placeholder, id="prompt-input")
            yield Label("回车确认，Esc 取消", id="prompt-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.value and text == editable(self.value).strip():
            text = self.value.strip()
        problem = "不能为空" if self.required and not text else (self.check(text) if self.check else None)
        if problem:
            self.query_one("#prompt-error", Label).update(Text(visible(problem, multiline=False)))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
