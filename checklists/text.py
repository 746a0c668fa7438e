"""Text people type is data: what may be stored, and how stored text is shown.

One user's note reaches every other user's terminal, file and spreadsheet on a
shared server, so text that would act there (an escape sequence that moves the
cursor or retitles a window, a bidi override that reorders what is read, a cell
that Excel runs as a formula) is refused at input and defused at output.

Refused at input, by Unicode category:
  Cc  C0 and C1 controls and DEL (ESC starts terminal sequences; 0x9B is a
      one-byte CSI); a newline and a tab are allowed in multi-line fields.
  Cf  format characters: bidi overrides and isolates (U+202A–U+202E,
      U+2066–U+2069, which make text read differently from how it is stored),
      zero-width spaces and joiners, soft hyphens, BOMs, tag characters. They
      are invisible, so "王伟" and "王\u200b伟" look the same yet are two
      people to the roster, and nobody could see why a name does not match.
      Naming the character and its position lets the typist delete it.
  Cs  lone surrogates: what Python makes of bytes that are not UTF-8 (an
      argument typed in a GBK terminal); they cannot be written to the file.
  Zl, Zp  U+2028/U+2029, line breaks to some programs and not to others.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .bounds import check_length
from .errors import Refusal

REFUSED = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_BREAKS = "\n\t"  # allowed in multi-line fields only
# Spreadsheets (Excel, WPS, LibreOffice) run a cell that starts with one of
# these as a formula (OWASP "CSV injection"); "-" and "+" included, since
# "-1+cmd|..." is a formula as much as "=cmd|...".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEWLINE_MARK = "⏎"  # East Asian width N: one column, in Rich and in terminals alike
# Characters that might be refused: everything outside ranges known to hold
# none (ASCII, Latin to Hebrew, most punctuation, CJK, Hangul, full-width
# forms). A test checks the ranges against unicodedata. Only the few matches
# are looked up one by one, so long Chinese text costs one regex scan.
_SUSPECT = re.compile(r"[^\x20-\x7e\xa0-\xac\xae-\u05ff\u2010-\u2027\u2030-\u205f\u3000-\u9fff"
                      r"\uac00-\ud7ff\ue000-\ufefe\uff00-\ufff8]")


def refused(char: str) -> bool:
    """True for a character that is never stored (but see LINE_BREAKS)."""
    return unicodedata.category(char) in REFUSED


def _kind(char: str) -> str:
    """What sort of character it is, by name (how each reads is the interface's business)."""
    if char == "\n":
        return "newline"
    if char == "\t":
        return "tab"
    if char in BIDI:
        return "bidi"
    return {"Cc": "control", "Cs": "surrogate", "Cf": "format"}.get(unicodedata.category(char), "separator")


@dataclass(frozen=True)
class TextProblem:
    """The first refused character in a value, where it is (1-based) and what it is."""

    char: str
    position: int

    def refusal(self, field: str, **where: object) -> Refusal:
        """The refusal naming ``field`` (and, for an imported cell, ``where``: source, line, column)."""
        return Refusal("text-refused", field=field, kind=_kind(self.char), codepoint=f"U+{ord(self.char):04X}",
                       position=self.position, **where)


def text_problem(value: str, *, multiline: bool = False) -> TextProblem | None:
    """The first character of ``value`` that must not be stored, or None when it may be.

    ``multiline`` fields (notes, reasons, evidence, ledger text cells) may
    hold newlines and tabs; names, branches, departments, roles, dates and
    people named in a ledger are single-line.
    """
    if value.isprintable():  # C speed; false for every refused character (and for some harmless ones)
        return None
    for match in _SUSPECT.finditer(value):
        char = match.group()
        if refused(char) and not (multiline and char in LINE_BREAKS):
            return TextProblem(char, match.start() + 1)
    return None


def check_text(field: str, value: str, *, multiline: bool = False) -> None:
    """Refuse ``value`` for ``field`` when it holds a character that must not be stored, or is too long for it."""
    problem = text_problem(value, multiline=multiline)
    if problem is not None:
        raise problem.refusal(field)
    check_length(field, value)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(value: str, *, multiline: bool = True) -> str:
    """``value`` safe to show anywhere: every refused character written out as ``\\x1b``, ``\\u202e``…

    Text stored before input was checked, or written into the file by hand,
    still reaches renderers; Rich and Textual pass ESC and C1 controls to the
    terminal untouched. A tab becomes spaces (a fixed number: what a tab
    stop would make of it differs between Rich, Textual and the terminal,
    and columns must line up). A newline stays in ``multiline`` output and
    becomes ⏎ where a cell has one line.
    """
    if value.isprintable():
        return value
    newline, tab = ("\n", "    ") if multiline else (NEWLINE_MARK, " ")

    def show(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\n":
            return newline
        if char == "\t":
            return tab
        return _escape(char) if refused(char) else char

    return _SUSPECT.sub(show, value)


def editable(value: str) -> str:
    """What a one-line input box may be filled with to edit ``value``: the value itself when
    it is one clean line, otherwise what :func:`visible` shows of it."""
    return value if text_problem(value) is None else visible(value, multiline=False)


def spreadsheet_text(value: str) -> str:
    """A text cell for CSV or XLSX that Excel and WPS show as text, never run as a formula (OWASP).

    A cell starting with a formula character (or with spaces before one) gets
    a leading "'"; controls are then written out as :func:`visible` does
    (XLSX cannot hold most of them at all). Only for text: numbers we write
    ourselves stay numbers. User text that merely looks like a negative
    number ("-3") is still prefixed and reads "'-3": a spreadsheet cannot
    tell "-3" from "-3+cmd|' /C calc'!A0", and a visible quote is a small
    price for never running one.
    """
    if value.startswith(FORMULA_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        value = "'" + value
    return visible(value)
