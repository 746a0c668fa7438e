"""The form for a new or edited ledger row: one field per column, checked before it closes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checklists.model import Item

from .form import Field, FormDialog, Problem

TYPE_HINTS = {"person": "姓名或拼音首字母", "dept": "名册中的科室", "date": "YYYY-MM-DD", "text": ""}


class LedgerForm(FormDialog):
    """Returns {column id: value}; a stored value left as shown is kept as stored."""

    def __init__(self, title: str, item: Item, values: dict[str, str],
                 check: Callable[[dict[str, str]], str | Problem | None], names: Sequence[str] = ()):
        """``names``: the roster, which a person column (责任人, 复核人) is picked from as it is typed."""
        fields = [Field(c.id, c.title, values.get(c.id, ""), TYPE_HINTS[c.type], c.required, c.type == "text",
                        tuple(names) if c.type == "person" else None)
                  for c in item.columns]
        super().__init__(title, fields, check)
        self.item = item
