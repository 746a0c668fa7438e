"""The bottom line listing this screen's keys.

Textual's Footer builds one widget per key and styles each of them: about
50 ms of the first paint at 80x24, and again on every screen opened. This is
one line of text built from the same active bindings, rebuilt when they
change (focus moves, a dialog closes).
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    COMPONENT_CLASSES = {"keybar--key"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .keybar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    PINNED = ("help",)  # kept visible at the right however many keys the screen has

    def __init__(self) -> None:
        super().__init__()
        self.line = (Text(), Text())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.line = self.keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            line = self.keys()
            if [(t.plain, t.spans) for t in line] != [(t.plain, t.spans) for t in self.line]:
                self.line = line
                self.refresh()

    def keys(self) -> tuple[Text, Text]:
        """The screen's keys, one per action as Footer shows them; then help and the command palette."""
        keys, pinned = Text(end=""), Text(end="")
        key_style = self.get_component_rich_style("keybar--key")
        shown: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in shown or key == palette:
                continue
            shown.add(binding.action)
            target = pinned if binding.action in self.PINNED else keys
            self._append(target, self.app.get_key_display(binding), binding.description, key_style, enabled)
        if self.app.ENABLE_COMMAND_PALETTE and palette in self.screen.active_bindings:
            self._append(pinned, "^p", "命令", key_style, True)
        return keys, pinned

    @staticmethod
    def _append(line: Text, key: str, description: str, key_style, enabled: bool) -> None:
        line.append(f" {key} ", style=key_style if enabled else "dim")
        line.append(f"{description} ", style="" if enabled else "dim")

    def render(self) -> Text:
        keys, pinned = self.line
        room = max(0, self.size.width - pinned.cell_len)
        if keys.cell_len > room:
            keys = keys.copy()
            keys.truncate(room, overflow="ellipsis")
        else:
            keys = keys + Text(" " * (room - keys.cell_len))
        return Text.assemble(keys, pinned, no_wrap=True, end="")
