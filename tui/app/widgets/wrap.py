"""Text that wraps between any two Chinese characters, as Chinese is set, and never runs past its widget.

Textual (and Rich) break lines only at spaces. A Chinese sentence has none, so
a run like "2023-01-01；起始日期之前的事项不算本单位的待办" moves to the next line
whole, and a Label (``width: auto``) as wide as its longest line is cut off by
its dialog without a "…". :func:`wrapped` gives a Visual that breaks before any
wide character (keeping ASCII words such as dates and paths whole where they
fit, and closing punctuation on the line it closes), whose optimal width is
never more than its container's, so the widget grows downwards instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RulesMap, Visual

# Kept with the character after them (opening) or before them (closing): no line starts with "，" or ends with "（".
OPENING = "（《「『【〔“‘"
CLOSING = "，。、；：？！）》」』】〕”’"


def _tokens(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each unit a line may not break inside: one wide character or one narrow word, with
    the punctuation that clings to it and the spaces after it."""
    i, n = 0, len(text)
    while i < n:
        j = i
        while j < n and text[j] in OPENING:
            j += 1
        if j < n and get_character_cell_size(text[j]) == 2:
            j += 1
        else:
            while j < n and not text[j].isspace() and get_character_cell_size(text[j]) != 2:
                j += 1
        while j < n and text[j] in CLOSING:
            j += 1
        while j < n and text[j].isspace():
            j += 1
        j = max(j, i + 1)
        yield i, j
        i = j


def break_offsets(text: str, width: int, hang: int = 0) -> list[int]:
    """Where to start a new line so no line of ``text`` (one paragraph) is wider than ``width`` cells,
    the lines after the first being ``hang`` cells narrower (they are indented by that much)."""
    offsets: list[int] = []
    used, room = 0, width
    for start, end in _tokens(text):
        body = text[start:end].rstrip()
        if used and used + cell_len(body) > room and cell_len(body) <= width - hang:  # else: cut it from here
            offsets.append(start)
            used, room = 0, width - hang
        if used + cell_len(body) <= room:
            used += cell_len(text[start:end])
            continue
        for index in range(start, start + len(body)):  # longer than a line (a path): cut where the line ends
            size = get_character_cell_size(text[index])
            if used and used + size > room:
                offsets.append(index)
                used, room = 0, width - hang
            used += size
        used += cell_len(text[start + len(body):end])
    return offsets


class CharWrap(Visual):
    """A Content laid out by :func:`break_offsets` at whatever width it is given.

    With ``hang``, a paragraph's further lines start that many cells in (the help's descriptions stay in their column).
    """

    def __init__(self, content: Content, hang: int = 0):
        self.content = content
        self.hang = hang
        self._cache: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return self.content.plain

    def at(self, width: int) -> Content:
        """The content with a line break wherever a line would otherwise be too wide."""
        if self._cache is None or self._cache[0] != width:
            hang = self.hang if width >= 2 * self.hang else 0
            indent = Content(" " * hang)
            lines = []
            for line in self.content.split("\n", allow_blank=True):
                first, *more = line.divide(break_offsets(line.plain, max(width, 2), hang))
                pieces = [first, *(indent + piece for piece in more)]
                lines.extend([*(piece.rstrip() for piece in pieces[:-1]), pieces[-1]])
            self._cache = (width, Content("\n").join(lines))
        return self._cache[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self.at(width - 2 * options.rules.get("line_pad", 0)).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return min(self.content.get_optimal_width(rules, container_width), max(container_width, 1))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.at(width - 2 * rules.get("line_pad", 0)).get_height(rules, width)


def wrapped(text: Text | str, *, hang: int = 0) -> CharWrap:
    """``text`` (a str is taken as it is, never as markup) as a Visual for a Static or Label."""
    return CharWrap(Content.from_rich_text(Text(text) if isinstance(text, str) else text), hang)
