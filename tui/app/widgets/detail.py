"""The panel under a checklist that describes the highlighted cell.

It changes on every cursor move. A Static's update() asks for a new layout of
the whole screen each time; this widget has a fixed height and only repaints
its own lines, which keeps an arrow key within one frame in a 500-row matrix.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class Detail(Widget):
    text: reactive[Text] = reactive(Text, layout=False)

    def render(self) -> Text:
        return self.text
