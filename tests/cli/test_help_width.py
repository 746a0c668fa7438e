"""At 80 columns every command's --help keeps each description whole, wrapped rather than cut with "…".

Rich wraps only at spaces and crops a longer "word" in a table cell; a
Chinese sentence is one word. The help is read column by column: a panel's
last column holds the descriptions, so slicing each line there and dropping
whitespace must give back every description entire.
"""

from __future__ import annotations

import inspect
import subprocess
import sys

import click
import pytest
import typer
from rich.cells import cell_len
from typer.testing import CliRunner

from tests.conftest import ROOT
from tui.cli import app

CLICK_HELP = "Show this message and exit."  # the --help option's own description, in every options panel


def every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(path, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += every_command(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


COMMANDS = every_command(typer.main.get_command(app))  # type: ignore[arg-type]


def panels(output: str) -> dict[str, list[str]]:
    """Panel title -> its lines without the borders."""
    found: dict[str, list[str]] = {}
    title = None
    for line in output.splitlines():
        if line.startswith("╭─"):
            title = line.strip("╭─╮ ").split(" ─")[0].strip()
            found[title] = []
        elif line.startswith("╰"):
            title = None
        elif title is not None:
            assert line.startswith("│ ") and line.endswith(" │"), line
            found[title].append(line[2:-2])
    return found


def from_cell(line: str, start: int) -> str:
    """What ``line`` shows from column ``start`` on (a Chinese character is two columns)."""
    width = 0
    for index, char in enumerate(line):
        if width >= start:
            return line[index:]
        width += cell_len(char)
    return ""


def last_column(lines: list[str], first_row: str, first_help: str) -> str:
    """The panel's description column, every line of it, without whitespace; located by one row's description."""
    row = next(line for line in lines if [w for w in line.split() if w != "*"][:1] == [first_row])  # * = required
    start = cell_len(row[:row.index(first_help[:4], row.index(first_row) + len(first_row))])
    return "".join("".join(from_cell(line, start).split()) for line in lines)


def squeezed(text: str) -> str:
    return "".join(text.split())


def short_help(command: click.Command) -> str:
    return inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]


def check_whole(output: str, command: click.Command) -> None:
    shown = panels(output)
    assert "…" not in output
    options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
    if options:
        column = last_column(shown["Options"], "--help", CLICK_HELP)
        for option in options:
            assert squeezed(option.help or "") in column, (option.opts, column)
        assert squeezed(CLICK_HELP) in column
    arguments = [p for p in command.params if isinstance(p, click.Argument) and getattr(p, "help", None)]
    if arguments:
        first = arguments[0]
        column = last_column(shown["Arguments"], first.name or "", first.help)  # type: ignore[attr-defined]
        for argument in arguments:
            assert squeezed(argument.help) in column, (argument.name, column)  # type: ignore[attr-defined]
    if isinstance(command, click.Group):
        (name, first), *_ = command.commands.items()
        column = last_column(shown["Commands"], name, short_help(first))
        for sub in command.commands.values():
            assert squeezed(short_help(sub)) in column, (sub.name, column)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) or "duty-tui" for p, _ in COMMANDS])
def test_every_help_is_whole_at_80_columns(path: tuple[str, ...], command: click.Command) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(cell_len(line) for line in result.output.splitlines()) <= 80
    check_whole(result.output, command)


@pytest.mark.parametrize("path", [(), ("status",)], ids=["duty-tui", "status"])
def test_help_piped_from_the_console_script_is_whole(path: tuple[str, ...]) -> None:
    command = dict(COMMANDS)[path]
    out = subprocess.run([sys.executable, "-m", "tui", *path, "--help"], capture_output=True, text=True, cwd=ROOT,
                         stdin=subprocess.DEVNULL, timeout=60)
    assert out.returncode == 0, out.stderr
    check_whole(out.stdout, command)
