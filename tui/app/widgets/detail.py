"""The panel under a table that describes the highlighted entry in full.

It changes on every cursor move. A Static's update() asks for a new layout of
the whole screen each time; this widget has a fixed height and only repaints
its own lines, which keeps an arrow key within one frame in a 500-row matrix.
Text longer than the panel is cut at its last line with a note saying where
the rest is, never silently.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

MORE = "……（全文：按 h）"


class Detail(Widget):
    text: reactive[Text] = reactive(Text, layout=False)

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if width <= 0 or height <= 0:
            return self.text
        lines = self.text.wrap(self.app.console, width)
        if len(lines) <= height:
            return self.text
        shown = Text("\n").join(list(lines)[:height - 1])
        shown.append("\n" + MORE, style="dim")
        return shown
