"""The panel under a table that describes the highlighted entry in full.

It changes on every cursor move. A Static's update() asks for a new layout of
the whole screen each time; this widget has a fixed height and only repaints
its own lines, which keeps an arrow key within one frame in a 500-row matrix.

Text longer than the panel is never cut silently. The longest paragraphs (a
2,000-character reason) give up lines first, each ending in a note saying
where the rest is, so the short lines after them (最后修改) stay in view. On
a short terminal the panel is one line (duty.tcss): the entry's first line,
and the key that opens the panel.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

MORE = "……（全文：按 h）"
FOLDED = "  i 详情"


class Detail(Widget):
    text: reactive[Text] = reactive(Text, layout=False)

    def render(self) -> Text:
        width, height = self.content_size.width, self.content_size.height
        if width <= 0 or height <= 0:
            return self.text
        if height == 1 and self.screen.has_class("-short"):
            return self._folded(width)
        paragraphs = self.text.split("\n", allow_blank=True)
        wrapped = [list(p.wrap(self.app.console, width)) or [Text()] for p in paragraphs]
        if sum(len(lines) for lines in wrapped) <= height:
            return self.text
        if len(wrapped) > height:  # more paragraphs than lines: the first ones, then where the rest is
            shown = [line for lines in wrapped for line in lines][:height - 1]
            return Text("\n").join([*shown, Text(MORE, style="dim")])
        allowed = [len(lines) for lines in wrapped]
        while sum(allowed) > height:
            allowed[allowed.index(max(allowed))] -= 1
        out: list[Text] = []
        for lines, room in zip(wrapped, allowed, strict=True):
            if room >= len(lines):
                out += lines
                continue
            last = lines[room - 1].copy()
            last.rstrip()
            last.truncate(max(0, width - cell_len(MORE)))
            last.append(MORE, style="dim")
            out += [*lines[:room - 1], last]
        return Text("\n").join(out)

    def _folded(self, width: int) -> Text:
        first = self.text.split("\n")[0].copy() if self.text.plain else Text()
        first.truncate(max(0, width - cell_len(FOLDED)), overflow="ellipsis")
        first.no_wrap = True
        return Text.assemble(first, (FOLDED, "dim"), no_wrap=True, end="")
