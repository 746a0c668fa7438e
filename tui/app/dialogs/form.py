"""A form of several one-line fields, checked as a whole before it closes.

Tab and Enter move to the next field (Enter on the last one saves, as does
Ctrl+S) and Esc cancels. Keys typed faster than the screen redraws still land
in the field they were typed for: the app hands out one key at a time, and
the Enter of this form acts at the moment it is routed (see keys.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label

from checklists.text import editable, visible

from ...keynames import key_name
from ..widgets.keybar import KeyBar
from ..widgets.name_picker import NamePicker
from ..widgets.text_input import TextInput, paste_refused
from ..widgets.wrap import wrapped
from .base import Dialog


@dataclass(frozen=True)
class Field:
    id: str
    title: str
    value: str = ""
    placeholder: str = ""
    required: bool = False
    multiline: bool = False  # may hold line breaks: a paste keeps every line
    names: tuple[str, ...] | None = None  # a roster name: picked from these as it is typed


@dataclass(frozen=True)
class Problem:
    """Why a form cannot be saved, and the id of the field to fix: it gets the focus, so the next key goes there."""

    message: str
    field: str | None = None


class FormDialog(Dialog[dict[str, str]]):
    """Returns {field id: value}.

    A stored value that is not one clean line is shown as :func:`editable`
    makes it, and a field left as shown keeps the stored value.
    """

    BINDINGS = [
        Binding("enter", "submit", "下一项/保存", key_display="Enter", priority=True),
        Binding("tab", "app.focus_next", "下一项", key_display="Tab"),
        Binding("ctrl+s", "save", "保存"),
        Binding("escape", "cancel", "取消", key_display="Esc", priority=True),
    ]

    def __init__(self, title: str, fields: Sequence[Field],
                 check: Callable[[dict[str, str]], str | Problem | None]):
        super().__init__()
        self.title_text = title
        self.fields = list(fields)
        self.check = check

    def compose(self) -> ComposeResult:
        # Only the fields scroll: the title and the line under them (what to do, or what is wrong) stay in view.
        with Vertical(id="form-box"):
            yield Label(wrapped(visible(self.title_text, multiline=False)), id="form-title")
            with VerticalScroll(id="form-fields"):
                for field in self.fields:
                    with Horizontal(classes="form-row"):
                        mark = "*" if field.required else " "
                        yield Label(wrapped(visible(f"{mark}{field.title}", multiline=False)), classes="form-label")
                        if field.names is not None:
                            yield NamePicker(field.names, value=editable(field.value), placeholder=field.placeholder,
                                             input_id=f"field-{field.id}", folding=True)
                        else:
                            yield TextInput(value=editable(field.value), placeholder=field.placeholder,
                                            id=f"field-{field.id}", multiline=field.multiline)
            yield Label(wrapped(f"* 为必填。{key_name('tab')} 或 {key_name('enter')} 到下一项，最后一项按 {key_name('enter')} 或 "
                                  f"{key_name('ctrl+s')} 保存，{key_name('escape')} 取消"), id="form-error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query(TextInput).first().focus()

    def on_resize(self) -> None:
        """After the fields are laid out at the new size, the one being typed in is scrolled back into view."""
        self.call_after_refresh(self._show_focused)

    def _show_focused(self) -> None:
        if self.focused is not None:
            self.focused.scroll_visible(animate=False, immediate=True)

    def collect(self) -> dict[str, str]:
        values = {}
        for field in self.fields:
            box = self.query_one(f"#field-{field.id}", TextInput)
            stored = field.value
            values[field.id] = stored.strip() if stored and box.value.strip() == editable(stored).strip() \
                else box.text.strip()
        return values

    def action_submit(self) -> None:
        inputs = list(self.query(TextInput))
        focused = self.focused
        if isinstance(focused, TextInput) and isinstance(focused.parent, NamePicker):
            focused.parent.pick()  # the highlighted name fills the box before the form moves on
        if isinstance(focused, TextInput) and focused is not inputs[-1]:
            self.set_focus(inputs[inputs.index(focused) + 1])  # at once, before the next key is routed
        else:
            self.action_save()

    def action_save(self) -> None:
        values = self.collect()
        problem = self.check(values)
        if problem is None:
            self.answer(values)
            return
        if isinstance(problem, str):
            problem = Problem(problem)
        self._say(problem.message)
        if problem.field is not None:
            self.set_focus(self.query_one(f"#field-{problem.field}", TextInput))  # at once, like Enter (see above)

    def on_text_input_paste_refused(self, message: TextInput.PasteRefused) -> None:
        self._say(paste_refused(message.lines))

    def _say(self, problem: str) -> None:
        self.query_one("#form-error", Label).update(wrapped(visible(problem, multiline=False)))
