"""Ask for one roster name: whom to walk, which person an account is, who signs a row off."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label

from checklists.text import visible

from ...keynames import key_name
from ..widgets.keybar import KeyBar
from ..widgets.name_picker import NamePicker
from ..widgets.wrap import wrapped
from .prompt import PromptDialog


class PickNameDialog(PromptDialog):
    """A prompt whose box picks from the roster: Enter returns the highlighted name (or the exact name typed)
    once ``check`` accepts it; Esc returns None."""

    def __init__(self, title: str, names: Iterable[str], *, check: Callable[[str], str | None] | None = None):
        super().__init__(title, check=check)
        self.names = list(names)

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label(wrapped(visible(self.title_text, multiline=False)), id="prompt-title")
            yield NamePicker(self.names, input_id="prompt-input")
            yield Label(wrapped(f"输入姓名或拼音首字母筛选，↑↓ 选择，{key_name('enter')} 确认，{key_name('escape')} 取消"),
                        id="prompt-error")
        yield KeyBar()

    def action_submit(self) -> None:
        name = self.query_one(NamePicker).pick()
        problem = "不能为空" if not name else (self.check(name) if self.check else None)
        if problem:
            self._say(problem)
            return
        self.answer(name)
