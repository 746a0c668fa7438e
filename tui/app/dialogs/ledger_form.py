"""The form for a new or edited ledger row: one field per column, checked before it closes."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from checklists.model import Item
from checklists.text import editable, visible

TYPE_HINTS = {"person": "名册中的姓名", "dept": "名册中的科室", "date": "YYYY-MM-DD", "text": ""}


class LedgerForm(ModalScreen[dict[str, str] | None]):
    """Returns {column id: value}; Enter on the last field or Ctrl+S saves, Esc cancels.

    A stored value that is not one clean line is shown as :func:`editable`
    makes it, and a field left as shown keeps the stored value.
    """

    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "保存")]

    def __init__(self, title: str, item: Item, values: dict[str, str], check: Callable[[dict[str, str]], str | None]):
        super().__init__()
        self.title_text = title
        self.item = item
        self.values = values
        self.check = check

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form-box"):
            yield Label(Text(visible(self.title_text, multiline=False)), id="form-title")
            for column in self.item.columns:
                with Horizontal(classes="form-row"):
                    mark = "*" if column.required else " "
                    yield Label(Text(visible(f"{mark}{column.title}", multiline=False)), classes="form-label")
                    yield Input(value=editable(self.values.get(column.id, "")), placeholder=TYPE_HINTS[column.type],
                                id=f"field-{column.id}")
            yield Label("* 为必填。Tab 切换，回车到下一项，最后一项回车或 Ctrl+S 保存，Esc 取消", id="form-error")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def collect(self) -> dict[str, str]:
        values = {}
        for column in self.item.columns:
            typed = self.query_one(f"#field-{column.id}", Input).value.strip()
            stored = self.values.get(column.id, "")
            values[column.id] = stored.strip() if stored and typed == editable(stored).strip() else typed
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        fields = list(self.query(Input))
        if event.input is fields[-1]:
            self.action_save()
        else:
            fields[fields.index(event.input) + 1].focus()

    def action_save(self) -> None:
        values = self.collect()
        problem = self.check(values)
        if problem:
            self.query_one("#form-error", Label).update(Text(visible(problem, multiline=False)))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)
