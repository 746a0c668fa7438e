"""Finding a roster name from what is typed: characters, pinyin initials or full pinyin.

Typing a Chinese name over SSH means switching input methods mid-form; a
few Latin letters are quicker. ``zs``, ``zhang``, ``zhangs`` and ``张`` all
find 张三. pypinyin is imported on first use: its dictionaries take time to
load, and ``duty-tui status`` never asks for a name.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache


@cache
def _readings(char: str) -> tuple[str, ...]:
    """Every way ``char`` may be typed: itself, and each pinyin reading (all of a polyphone's)."""
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="default")
    spelled = {reading.lower() for options in found for reading in options if reading.isascii()}
    return (char.lower(), *sorted(spelled - {char.lower()}))


def _typed(text: str) -> str:
    return "".join(text.split()).lower()


def matches(name: str, typed: str) -> bool:
    """Whether ``typed`` picks out ``name``: from any of its characters on, each following one
    typed as itself or as a beginning of one of its readings (``zs``, ``zhangs``, ``san``, ``张``).

    Nothing typed matches every name. Spaces and letter case are ignored.
    """
    query = _typed(typed)
    if not query:
        return True
    units = [_readings(char) for char in "".join(name.split())]

    @cache
    def from_here(unit: int, at: int) -> bool:
        if at == len(query):
            return True
        if unit == len(units):
            return False
        rest = query[at:]
        for reading in units[unit]:
            # The longest beginning of this reading that the rest of the query starts with.
            shared = 0
            while shared < min(len(reading), len(rest)) and reading[shared] == rest[shared]:
                shared += 1
            if any(from_here(unit + 1, at + size) for size in range(shared, 0, -1)):
                return True
        return False

    return any(from_here(start, 0) for start in range(len(units)))


@cache
def pinyin_key(name: str) -> tuple[tuple[str, ...], str]:
    """Sorts names as a Chinese list is read: by pinyin (tone as a digit), then by the characters."""
    from pypinyin import Style, lazy_pinyin

    return tuple(reading.lower() for reading in lazy_pinyin(name, style=Style.TONE3)), name


def in_pinyin_order(names: Iterable[str]) -> list[str]:
    return sorted(set(names), key=pinyin_key)


def picked(names: Iterable[str], typed: str) -> list[str]:
    """The names ``typed`` matches, in pinyin order; an exact name comes first, so Enter takes it."""
    found = [name for name in in_pinyin_order(names) if matches(name, typed)]
    exact = typed.strip()
    if exact in found:
        found.remove(exact)
        found.insert(0, exact)
    return found
