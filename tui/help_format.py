"""`--help` laid out for Chinese: text folded by terminal cells, between characters, never inside an English word.

Click wraps help with textwrap, which counts a Chinese character as one
column and breaks only at spaces, so a Chinese description either runs past
the terminal or is cut mid-word; Typer's Rich help crops it with "…". Click
lets a Context name its formatter class (``Context.formatter_class``), so
every help page here is drawn by HelpFormatter below through that public
hook, with no Rich import on the way.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterable

import click
import typer

# No line may start with a closing mark or end with an opening one (the usual Chinese line-breaking rule).
NO_START = frozenset("，。、；：？！）》」』】〉”’…·%),.;:?!]}")
NO_END = frozenset("（《「『【〈“‘([{")


def cells(text: str) -> int:
    """Columns ``text`` takes in a terminal: two for a wide (Chinese) character, none for a combining mark."""
    return sum(_cell(char) for char in text)


def _cell(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _units(text: str) -> list[tuple[str, bool]]:
    """The pieces a line may break between, each with whether a space stood before it.

    A run of non-wide characters (an English word, ``2024-Q3``, a path) is
    one piece; each wide character is its own, except that a closing mark
    stays with what precedes it and an opening mark with what follows.
    """
    units: list[tuple[str, bool]] = []
    spaced = False
    glue_next = False
    word = ""

    def put(piece: str, wide: bool) -> None:
        nonlocal spaced, glue_next
        if units and not spaced and (glue_next or piece[0] in NO_START):
            last, before = units[-1]
            units[-1] = (last + piece, before)
        else:
            units.append((piece, spaced))
        spaced = False
        glue_next = piece[-1] in NO_END

    for char in text:
        if char.isspace():
            if word:
                put(word, False)
                word = ""
            spaced = True
        elif _cell(char) == 2:
            if word:
                put(word, False)
                word = ""
            put(char, True)
        else:
            word += char
    if word:
        put(word, False)
    return units


def _chop(piece: str, width: int) -> list[str]:
    """A piece wider than a whole line, cut by cells: the one case where a word is broken."""
    parts, part = [], ""
    for char in piece:
        if part and cells(part + char) > width:
            parts.append(part)
            part = ""
        part += char
    return [*parts, part] if part else parts


def fold(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, broken at spaces or between Chinese characters."""
    width = max(width, 2)
    lines: list[str] = []
    line = ""
    for piece, spaced in _units(text):
        gap = " " if spaced and line else ""
        if cells(line + gap + piece) <= width:
            line += gap + piece
            continue
        if line:
            lines.append(line)
        *whole, line = _chop(piece, width)
        lines += whole
    return [*lines, line] if line or not lines else lines


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, each one line.

    A single newline inside is a space, except between two Chinese
    characters, where a source line was merely wrapped (Chinese has no space there).
    """
    found = []
    for block in text.split("\n\n"):
        joined = ""
        for line in block.split("\n"):
            words = " ".join(line.split())
            if joined and words:
                joined += "" if _cell(joined[-1]) == 2 and _cell(words[0]) == 2 else " "
            joined += words
        if joined:
            found.append(joined)
    return found


class HelpFormatter(click.HelpFormatter):
    """Click's formatter with folding by cells; the width follows the terminal (COLUMNS), at most 80."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None):
        if width is None:
            width = max(min(shutil.get_terminal_size().columns, max_width or 80) - 2, 30)
        super().__init__(indent_increment, width, max_width)

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for number, paragraph in enumerate(paragraphs(text)):
            if number:
                self.write("\n")
            for line in fold(paragraph, self.width - self.current_indent):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Terms on the left, each description folded in one column beside them.

        The column starts after the widest term, but no further than a third
        of the width, so that at 50 columns descriptions still get most of
        the line; a longer term has its description begin on the next line.
        """
        rows = list(rows)
        if not rows:
            return
        limit = min(col_max, max((self.width - self.current_indent) // 3, 12))
        first = min(max(cells(term) for term, _ in rows), limit)
        column = self.current_indent + first + col_spacing
        text_width = max(self.width - column, 10)
        for term, text in rows:
            term_lines = fold(term, self.width - self.current_indent)
            self.write("".join(f"{' ' * self.current_indent}{line}\n" for line in term_lines[:-1]))
            self.write(f"{' ' * self.current_indent}{term_lines[-1]}")
            lines = fold(" ".join(text.split()), text_width) if text.strip() else []
            if not lines:
                self.write("\n")
                continue
            if cells(term_lines[-1]) <= first:
                self.write(" " * (first - cells(term_lines[-1]) + col_spacing))
            else:
                self.write("\n" + " " * column)
            self.write(lines[0] + "\n")
            self.write("".join(f"{' ' * column}{line}\n" for line in lines[1:]))


class Context(typer.Context):
    """typer.Context whose help pages are drawn by HelpFormatter."""

    formatter_class = HelpFormatter


def write_params(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """The Arguments and Options sections, from each parameter's public help record."""
    records: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None and param.param_type_name in records:
            records[param.param_type_name].append((record[0], unescaped(record[1])))
    for kind, title in (("argument", "Arguments"), ("option", "Options")):
        if records[kind]:
            with formatter.section(title):
                formatter.write_dl(records[kind])


def unescaped(help: str) -> str:
    """Help without the backslash Typer puts before ``[default: …]`` for Rich even when the help is plain.

    Typer escapes that bracket as Rich markup whenever Rich is installed,
    whichever way the help is drawn; here nothing is read as markup.
    """
    if help.startswith("\\["):  # the bracket alone, for a parameter without help
        return help[1:]
    text, mark, extra = help.rpartition("  \\[")
    return f"{text}  [{extra}" if mark else help


def short_help(command: click.Command) -> str:
    """A command's line in its group's list, whole: Click shortens it by characters, cutting Chinese short."""
    return command.get_short_help_str(limit=1 << 30)


def command_rows(group: click.Group, ctx: click.Context) -> Iterable[tuple[str, str]]:
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            yield name, short_help(command)
