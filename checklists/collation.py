"""Chinese reading order for the names people look for in lists: people, branches, departments.

Code-point order puts 第三 before 第二 and 张 before 李, so a list of sixty
names cannot be searched by eye. Names are compared as a Chinese index
is: by pinyin syllable, character by character, tone-insensitive first;
numbers by value (第二 < 第十 < 第十一, 第2 < 第10); then tones, then the
characters themselves, so the order is total and the same on every run.

A person's name starts with a surname, read as a surname: 单 shàn, 曾 zēng,
解 xiè (see checklists.surnames). Chinese numerals count only in other
names, and there only where they number something (第一, 一支部, 刑二庭):
the 万 of 万州 and the 三 of 张三 are readings, not values.

pypinyin costs ~130 ms to import (its phrase dictionary), more than the rest
of `status`. Keys are therefore kept across runs in a small file (see
use_cache): pypinyin is imported only when a name appears that no earlier
run has read.
"""

from __future__ import annotations

import atexit
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .fingerprint import files_fingerprint
from .surnames import COMPOUND, SINGLE

# (primary: syllables and numbers, secondary: tones, the text itself)
Key = tuple[tuple[tuple[int, Any], ...], tuple[int, ...], str]

NUMBER, LETTERS, OTHER = 0, 1, 2  # numbers before letters, as in a dictionary index
NEUTRAL = 5  # the neutral tone after the four others

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERALS = set(_DIGITS) | set(_UNITS) | {"万"}
# What a numeral numbers when it is not after 第: 一支部, 二科, 三中队, 刑一庭, 纪检监察二室, 十一中.
_COUNTED = set("党支总组小科室处股所队中大分部庭班团营连排车工站院厂期届号楼层")

CACHE_FILE = "collation.pickle"
CACHE_LIMIT = 20_000  # names kept across runs; beyond it, only those of the last run are kept

_keys: dict[tuple[bool, str], Key] = {}
_cache: Path | None = None
_loaded = False
_saving = False


def name_key(text: str) -> Key:
    """The sort key of a branch, a department or any other name that is not a person's."""
    return _key(text, False)


def person_key(name: str) -> Key:
    """The sort key of a person's name: its surname read as a surname."""
    return _key(name, True)


def sorted_names(names: Iterable[str]) -> list[str]:
    return sorted(names, key=name_key)


def sorted_people(names: Iterable[str]) -> list[str]:
    return sorted(names, key=person_key)


def _key(text: str, person: bool) -> Key:
    found = _keys.get((person, text))
    if found is None:
        if not _loaded:
            _load()
            found = _keys.get((person, text))
        if found is None:
            found = _keys[(person, text)] = compute_key(text, person=person)
            _changed()
    return found


def compute_key(text: str, *, person: bool = False) -> Key:
    """The key, worked out afresh (pypinyin reads the Chinese characters)."""
    primary: list[tuple[int, Any]] = []
    tones: list[int] = []
    for kind, value in _tokens(text, person):
        if kind == "han":
            for syllable, tone in _syllables(value, person and not primary):
                primary.append((LETTERS, syllable) if syllable.isascii() else (OTHER, syllable))
                tones.append(tone)
        elif kind == "number":
            primary.append((NUMBER, value))
        elif kind == "letters":
            primary.append((LETTERS, value.lower()))
    return tuple(primary), tuple(tones), text


def _is_han(char: str) -> bool:
    code = ord(char)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x3134F
            or 0xF900 <= code <= 0xFAFF or char == "〇")


def _tokens(text: str, person: bool) -> list[tuple[str, Any]]:
    """Runs of the text: ("number", int), ("han", str), ("letters", str); punctuation and spaces drop out."""
    tokens: list[tuple[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        j = i + 1
        if char.isdecimal():
            while j < n and text[j].isdecimal():
                j += 1
            tokens.append(("number", int(text[i:j])))
        elif char in _NUMERALS and not person:
            while j < n and text[j] in _NUMERALS:
                j += 1
            if (i > 0 and text[i - 1] == "第") or j == n or text[j] in _COUNTED:
                tokens.append(("number", chinese_number(text[i:j])))
            else:
                _han(tokens, text[i:j])
        elif _is_han(char):
            while j < n and _is_han(text[j]) and not (text[j] in _NUMERALS and not person):
                j += 1
            _han(tokens, text[i:j])
        elif char.isalpha():
            while j < n and text[j].isalpha() and not _is_han(text[j]):
                j += 1
            tokens.append(("letters", text[i:j]))
        i = j
    return tokens


def _han(tokens: list[tuple[str, Any]], run: str) -> None:
    """Join Chinese characters to the run before them: pypinyin reads words (银行 háng) better than characters."""
    if tokens and tokens[-1][0] == "han":
        tokens[-1] = ("han", tokens[-1][1] + run)
    else:
        tokens.append(("han", run))


def chinese_number(numeral: str) -> int:
    """二十一 -> 21, 一百零五 -> 105, 二〇二四 -> 2024 (digits alone are read digit by digit)."""
    if not any(c in _UNITS or c == "万" for c in numeral):
        return int("".join(str(_DIGITS[c]) for c in numeral))
    total = section = digit = 0
    for c in numeral:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (digit or 1) * _UNITS[c]
            digit = 0
        else:  # 万
            total += (section + digit) * 10_000
            section = digit = 0
    return total + section + digit


def _syllables(run: str, surname: bool) -> list[tuple[str, int]]:
    """Each character's syllable without its tone, and the tone (1-4, 5 for neutral)."""
    readings: list[str] = []
    if surname:
        for table, size in ((COMPOUND, 2), (SINGLE, 1)):
            found = table.get(run[:size])
            if found:
                readings, run = found.split(), run[size:]
                break
    if run:
        from pypinyin import Style, lazy_pinyin

        readings += lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True)
    return [(r[:-1], int(r[-1])) if r[-1:].isdigit() else (r, NEUTRAL) for r in readings]


# -- keys kept across runs -----------------------------------------------------------------------


def use_cache(folder: Path) -> None:
    """Keep keys in ``folder`` across runs (read when the first key is asked for, written at exit if new ones
    were worked out). A missing, stale or damaged file is simply rebuilt."""
    global _cache, _loaded
    _cache, _loaded = folder / CACHE_FILE, False


def _fingerprint() -> str:
    """Changes with this module, the surname table and pypinyin's dictionaries, found without importing it."""
    from importlib.util import find_spec

    here = Path(__file__).parent
    files = [here / "collation.py", here / "surnames.py"]
    try:
        spec = find_spec("pypinyin")
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        files += [Path(location) / name for name in ("__init__.py", "pinyin_dict.json", "phrases_dict.json")]
    return files_fingerprint(files)


def _load() -> None:
    global _loaded
    _loaded = True
    if _cache is None:
        return
    try:
        with open(_cache, "rb") as handle:
            fingerprint, keys = pickle.load(handle)
    except Exception:  # a missing, stale or damaged cache is simply rebuilt
        return
    if fingerprint == _fingerprint() and isinstance(keys, dict):
        for name, key in keys.items():
            _keys.setdefault(name, key)


def _changed() -> None:
    global _saving
    if _cache is not None and not _saving:
        _saving = True
        atexit.register(save)


def save() -> None:
    """Write the keys known to this process (and those already kept) to the cache file, if one is in use."""
    import tempfile

    if _cache is None:
        return
    keys = dict(_keys)
    try:
        with open(_cache, "rb") as handle:
            fingerprint, kept = pickle.load(handle)
        if fingerprint == _fingerprint() and isinstance(kept, dict) and len(kept) + len(keys) <= CACHE_LIMIT:
            keys = {**kept, **keys}
    except Exception:
        pass
    try:
        _cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(dir=_cache.parent, prefix=".collation.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((_fingerprint(), keys), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _cache)
    except OSError:
        pass  # the cache only saves time; never fail a command over it
