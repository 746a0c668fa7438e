"""How a key is written wherever people read it: the key bar, the help, prompts and error messages.

Textual names keys for programs ("slash", "ctrl+s", "escape"); its footer shows
some of those names as they are and others as "^s". People read one spelling
everywhere: what is printed on the key, Ctrl+ for chords, arrows as arrows.
"""

from __future__ import annotations

NAMES = {
    "enter": "Enter", "escape": "Esc", "tab": "Tab", "space": "空格", "backspace": "Backspace", "delete": "Del",
    "home": "Home", "end": "End", "pageup": "PgUp", "pagedown": "PgDn",
    "up": "↑", "down": "↓", "left": "←", "right": "→",
    "slash": "/", "question_mark": "?", "plus": "+", "minus": "-", "full_stop": ".", "comma": ",",
    "left_square_bracket": "[", "right_square_bracket": "]",
    "greater_than_sign": ">", "less_than_sign": "<",
}
MODIFIERS = {"ctrl": "Ctrl", "shift": "Shift", "alt": "Alt"}


def key_name(key: str) -> str:
    """"ctrl+s" -> "Ctrl+S", "slash" -> "/", "escape" -> "Esc"; a letter stays as typed ("w", "W")."""
    *modifiers, base = key.split("+")
    name = NAMES.get(base, base)
    if modifiers and len(name) == 1:
        name = name.upper()
    return "+".join([MODIFIERS.get(m, m.capitalize()) for m in modifiers] + [name])
