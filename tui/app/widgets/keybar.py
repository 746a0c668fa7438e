"""The bottom line listing this screen's keys.

Textual's Footer builds one widget per key and styles each of them: about
50 ms of the first paint at 80x24, and again on every screen opened. This is
one line of text built from the same active bindings, rebuilt when they
change (focus moves, a dialog closes).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding, BindingsMap
from textual.screen import Screen
from textual.widget import Widget

from ...keynames import key_name


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
    # Keys shown whatever else must give way: where they act, people need to know Enter, Esc and Tab.
    ESSENTIAL = ("enter", "escape", "tab")
    # Every screen binds Tab to move focus without naming it; it is named where there is somewhere to move to.
    TAB = Binding("tab", "app.focus_next", "切换", key_display="Tab")

    def __init__(self) -> None:
        super().__init__()
        self.line: tuple[list[tuple[Text, bool]], Text] = ([], Text())

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.line = self.keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            line = self.keys()
            if self._plain(line) != self._plain(self.line):
                self.line = line
                self.refresh()

    @staticmethod
    def _plain(line: tuple[list[tuple[Text, bool]], Text]) -> list:
        entries, pinned = line
        return [(t.plain, t.spans, essential) for t, essential in entries] + [(pinned.plain, pinned.spans)]

    def keys(self) -> tuple[list[tuple[Text, bool]], Text]:
        """The screen's keys in the order it declares them, one per action; then help and the command palette.

        A focused table or field binds Enter (and Home, End) itself without
        naming it; where the screen names that key, its words are shown, as
        pressing it does what the screen says (opens, answers, saves). Tab,
        bound by Textual on every screen, is shown where it moves focus.
        """
        entries: list[tuple[int, Text, bool]] = []
        pinned = Text(end="")
        key_style = self.get_component_rich_style("keybar--key")
        shown: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        screen = self.screen
        # The screen's own keys, in its order; a widget's keys (and the app's) after them.
        own = declared(type(screen))
        order = list(own)
        named = {key: binding for key, bindings in own.items()
                 for binding in bindings if binding.show and self._allowed(screen, binding)}
        for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if not binding.show and key in named:
                binding = named[key]
            elif not binding.show and binding.action == self.TAB.action and self._tab_moves(screen):
                binding = self.TAB
            if not binding.show or binding.action in shown or key == palette:
                continue
            shown.add(binding.action)
            entry = self._entry(self.app.get_key_display(binding), binding.description, key_style, enabled)
            if binding.action in self.PINNED:
                pinned.append_text(entry)
            else:
                rank = order.index(key) if key in named or binding is self.TAB \
                    or binding in own.get(key, []) else len(order)
                entries.append((rank, entry, key in self.ESSENTIAL))
        if self.app.ENABLE_COMMAND_PALETTE and palette in screen.active_bindings:
            entries.append((len(order) + 1, self._entry(key_name(palette), "命令", key_style, True), False))
        entries.sort(key=lambda entry: entry[0])  # stable: the rest keep their order
        return [(text, essential) for _, text, essential in entries], pinned

    @staticmethod
    def _tab_moves(screen: Screen) -> bool:
        """Tab does something only where focus has somewhere else to go (two tables, a form's fields)."""
        return len(screen.focus_chain) > 1

    @staticmethod
    def _allowed(screen: Screen, binding) -> bool:
        name, _, _ = binding.action.partition("(")
        return "." in name or screen.check_action(name, ()) is not False

    @staticmethod
    def _entry(key: str, description: str, key_style, enabled: bool) -> Text:
        entry = Text(end="")
        entry.append(f" {key} ", style=key_style if enabled else "dim")
        entry.append(f"{description} ", style="" if enabled else "dim")
        return entry

    def render(self) -> Text:
        """Enter, Esc and Tab always; the other keys in order while they fit, then "…" (? lists them all)."""
        entries, pinned = self.line
        room = max(0, self.size.width - pinned.cell_len)
        budget = room - sum(t.cell_len for t, essential in entries if essential)
        if sum(t.cell_len for t, _ in entries) > room:
            budget -= 2  # for the "…" that says some keys are left out
        chosen, cut = [], False
        for text, essential in entries:
            if essential:
                chosen.append(text)
            elif not cut and text.cell_len <= budget:
                chosen.append(text)
                budget -= text.cell_len
            else:
                cut = True
        keys = Text.assemble(*chosen, " …" if cut else "", end="")
        if keys.cell_len > room:
            keys.truncate(room, overflow="ellipsis")
        keys.append(" " * (room - keys.cell_len))
        return Text.assemble(keys, pinned, no_wrap=True, end="")


_DECLARED: dict[type[Screen], dict[str, list[Binding]]] = {}


def declared(kind: type[Screen]) -> dict[str, list[Binding]]:
    """A screen class's own bindings, key by key, in the order its classes declare them.

    What Textual merges into each screen's binding map when the class is made,
    read from the public BINDINGS of each class in the hierarchy (base classes
    first, a subclass's binding for a key replacing its base's in place).
    Textual keeps its merged map only in a private attribute, and
    Screen.active_bindings mixes in the focused widget's and the app's keys
    in an order of its own. No screen here turns off inherited bindings.
    """
    found = _DECLARED.get(kind)
    if found is None:
        found = {}
        for base in reversed(kind.__mro__):
            for key, bindings in BindingsMap(base.__dict__.get("BINDINGS", [])).key_to_bindings.items():
                found[key] = bindings
        _DECLARED[kind] = found
    return found
