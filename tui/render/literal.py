"""User text as a Rich renderable: never read as markup, never carrying a terminal control.

A plain str handed to a Rich table, title or caption is parsed as markup
("[/oops]" raises MarkupError, "[link=…]" hides a link), and Rich passes ESC
and C1 controls straight to the terminal. Every renderer, CLI and TUI, turns
user text into Text through here.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from checklists.text import visible


def literal(value: str, style: str = "", *, multiline: bool = False, **options: Any) -> Text:
    """``value`` exactly as typed, with controls shown as ``\\x1b``; one line unless ``multiline``."""
    return Text(visible(value, multiline=multiline), style=style, **options)
