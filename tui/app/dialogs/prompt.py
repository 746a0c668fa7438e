"""Ask for one line of text (a note, a reason, a 文号, a date, a period, a name or a path)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from checklists.text import editable, visible

from ...keynames import key_name
from ..widgets.keybar import KeyBar
from ..widgets.text_input import TextInput, paste_refused
from ..widgets.wrap import wrapped
from .base import Dialog


class PromptDialog(Dialog[str]):
    """Enter returns the text (after ``check`` accepts it); Escape returns None.

    A ``value`` to edit that is not one clean line (a note written on several
    lines from the command line, or stored with control characters) is shown
    as :func:`editable` makes it; given back unchanged, it returns the value
    as stored, so opening and confirming never rewrites it. A ``multiline``
    one (a note, a reason, evidence) keeps every line of a paste.
    """

    def __init__(self, title: str, *, value: str = "", placeholder: str = "", required: bool = True,
                 check: Callable[[str], str | None] | None = None, multiline: bool = False):
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.required = required
        self.check = check
        self.multiline = multiline

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(wrapped(visible(self.title_text, multiline=False)), id="prompt-title")
            yield TextInput(value=editable(self.value), placeholder=self.placeholder, id="prompt-input",
                            multiline=self.multiline)
            yield Label(wrapped(f"{key_name('enter')} 确认，{key_name('escape')} 取消"), id="prompt-error")
        yield KeyBar()

    def action_submit(self) -> None:
        box = self.query_one(TextInput)
        text = box.text.strip()
        if self.value and box.value.strip() == editable(self.value).strip():
            text = self.value.strip()
        problem = "不能为空" if self.required and not text else (self.check(text) if self.check else None)
        if problem:
            self._say(problem)
            return
        self.answer(text)

    def on_text_input_paste_refused(self, message: TextInput.PasteRefused) -> None:
        self._say(paste_refused(message.lines))

    def _say(self, problem: str) -> None:
        self.query_one("#prompt-error", Label).update(wrapped(visible(problem, multiline=False)))
