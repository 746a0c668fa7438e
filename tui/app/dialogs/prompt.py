"""Ask for one line of text (a note, a reason, a 文号, a date, a period, a name or a path)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from checklists.text import editable, visible

from ..widgets.keybar import KeyBar
from ..widgets.wrap import wrapped
from .base import Dialog


class PromptDialog(Dialog[str]):
    """Enter returns the text (after ``check`` accepts it); Escape returns None.

    A ``value`` to edit that is not one clean line (a note written on several
    lines from the command line, or stored with control characters) is shown
    as :func:`editable` makes it; given back unchanged, it returns the value
    as stored, so opening and confirming never rewrites it.
    """

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
            yield Label(wrapped(visible(self.title_text, multiline=False)), id="prompt-title")
            yield Input(value=editable(self.value), placeholder=self.placeholder, id="prompt-input")
            yield Label(wrapped("回车确认，Esc 取消"), id="prompt-error")
        yield KeyBar()

    def action_submit(self) -> None:
        text = self.query_one(Input).value.strip()
        if self.value and text == editable(self.value).strip():
            text = self.value.strip()
        problem = "不能为空" if self.required and not text else (self.check(text) if self.check else None)
        if problem:
            self.query_one("#prompt-error", Label).update(wrapped(visible(problem, multiline=False)))
            return
        self.answer(text)
