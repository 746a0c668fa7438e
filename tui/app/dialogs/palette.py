"""Textual's command palette, with a key bar of its own in Chinese.

Without one, the key bar of the screen beneath stays in view and lists keys
that do nothing while the palette is open, and not the Esc that closes it.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette

from ..widgets.keybar import KeyBar


class Palette(CommandPalette):
    BINDINGS = [
        # The search field takes Enter first (Input.Submitted); this names the key and does the same.
        Binding("enter", "run_command", "执行", key_display="Enter"),
        Binding("escape", "escape", "关闭", key_display="Esc"),  # Textual's own says "Exit the command palette"
    ]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield KeyBar()

    def action_run_command(self) -> None:
        self._select_or_command()
