"""A roster name, picked from a list that narrows as it is typed (张三 by ``zs``, ``zhang`` or ``张``).

The box is an ordinary TextInput, so an exact name typed in full still
works, and the list under it follows what is typed (checklists.names). ↑/↓
move in the list; the dialog's Enter calls :meth:`NamePicker.pick`. The list
is filtered again from the box's value when a key needs it, not only on the
box's Changed message: over SSH ``z s Enter`` arrive in one read, and Enter
must pick from ``zs`` even if the list has not caught up yet.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from checklists.names import in_pinyin_order, picked
from checklists.text import visible

from .text_input import TextInput

SHOWN = 200  # a list, not the roster of a city: more than this and a few more letters are asked for


class NameList(OptionList, can_focus=False):
    """The matches; the box keeps the focus, so typing goes on while ↑/↓ move here."""


class NamePicker(Vertical):
    SCOPED_CSS = False  # the rule for short terminals starts from the dialog's -short class, outside this widget
    DEFAULT_CSS = """
    NamePicker { width: 1fr; height: auto; }
    NamePicker > NameList { height: auto; max-height: 6; min-height: 3; border: none; padding: 0 1; }
    /* In a form on a short terminal the box and three names fill the rows the fields get at 50x14. */
    .-short NamePicker.-folding > NameList { max-height: 3; }
    """
    BINDINGS = [
        Binding("down", "move(1)", "下一位", show=False),
        Binding("up", "move(-1)", "上一位", show=False),
    ]

    def __init__(self, names: Iterable[str], *, value: str = "", placeholder: str = "", input_id: str | None = None,
                 folding: bool = False, id: str | None = None) -> None:
        """``folding``: the list shows only while the box has focus (a form with other fields under it)."""
        super().__init__(id=id, classes="-folding" if folding else None)
        self.folding = folding
        self.names = in_pinyin_order(names)
        self.value = value
        self.placeholder = placeholder
        self.input_id = input_id
        self._filtered_for: str | None = None
        self._matches: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextInput(value=self.value, placeholder=self.placeholder or "姓名，或拼音首字母（如 zs）", id=self.input_id)
        yield NameList()

    @property
    def box(self) -> TextInput:
        return self.query_one(TextInput)

    def on_mount(self) -> None:
        self._refilter()
        self.query_one(NameList).display = not self.folding

    def on_descendant_focus(self) -> None:
        self.query_one(NameList).display = True

    def on_resize(self) -> None:
        """The list has opened under the box (or the terminal changed size): the box and the list are brought into
        view together, as far as the form's rows allow, the box first."""
        if self.has_focus_within:
            self.scroll_visible(animate=False, immediate=True)

    def on_descendant_blur(self) -> None:
        self.query_one(NameList).display = not self.folding

    def on_input_changed(self, event: Input.Changed) -> None:
        self._refilter()

    def _refilter(self) -> None:
        """Show the names matching the box now (a no-op when they already do)."""
        typed = self.box.value
        if typed == self._filtered_for:
            return
        self._filtered_for = typed
        self._matches = picked(self.names, typed)
        names = self.query_one(NameList)
        names.clear_options()
        names.add_options(Option(Text(visible(name, multiline=False)), id=str(n))
                          for n, name in enumerate(self._matches[:SHOWN]))
        if len(self._matches) > SHOWN:
            names.add_option(Option(Text(f"……另有 {len(self._matches) - SHOWN} 人，请多输入几个字"), disabled=True))
        elif not self._matches and self.names:
            names.add_option(Option(Text("名册中没有与此相符的姓名"), disabled=True))
        # Something typed: the best match is highlighted, so Enter takes it. Nothing typed, or the stored value
        # as it was (a former member's name in a row being edited): nothing is, until ↑/↓, so Enter keeps it.
        names.highlighted = 0 if typed.strip() and typed != self.value and self._matches else None

    def action_move(self, step: int) -> None:
        self._refilter()
        names = self.query_one(NameList)
        shown = min(len(self._matches), SHOWN)
        if not shown:
            return
        at = names.highlighted
        names.highlighted = (0 if step > 0 else shown - 1) if at is None else max(0, min(shown - 1, at + step))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a name puts it in the box."""
        event.stop()
        if event.option.id is not None:
            self._take(self._matches[int(event.option.id)])

    def pick(self) -> str:
        """The name Enter takes: the one typed exactly, else the highlighted one, else what was typed.

        The box then shows the name taken, so a form's later check reads it.
        """
        self._refilter()
        typed = self.box.value.strip()
        if typed in self.names:
            return typed
        at = self.query_one(NameList).highlighted
        if at is not None and at < min(len(self._matches), SHOWN):
            name = self._matches[at]
            self._take(name)
            return name
        return typed

    def _take(self, name: str) -> None:
        self.box.value = name
        self.box.cursor_position = len(name)
        self._refilter()
