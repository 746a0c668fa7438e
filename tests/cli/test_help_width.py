"""At 80 and at 50 columns every command's --help keeps each description whole, folded rather than cut.

A Chinese sentence has no space to wrap at: textwrap would run it past the
terminal or cut it, Rich would crop it with "…". The help is read column by
column: in each section (Arguments, Options, Commands) the descriptions start
at one column, so the text from that column on, without whitespace, must give
back every description entire, and every English word or number in it must
be one that the description holds (a word broken across lines would not be).
Widths are measured with Rich's cell_len, not with the code under test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import click
import pytest
import typer
from rich.cells import cell_len
from typer.testing import CliRunner

from tests.conftest import ROOT
from tui.cli import app
from tui.help_format import fold, paragraphs

WIDTHS = (80, 50)
SECTIONS = ("Arguments:", "Options:", "Commands:")
ASCII_WORD = re.compile(r"[!-~]+")  # a run of printable ASCII: an English word, a number, an option, a path


def every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    found: list[tuple[tuple[str, ...], click.Command]] = [(path, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += every_command(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = every_command(ROOT_COMMAND)  # type: ignore[arg-type]
IDS = [" ".join(p) or "duty-tui" for p, _ in COMMANDS]


def sections(output: str) -> tuple[list[str], dict[str, list[str]]]:
    """The lines between the usage and the first section (the command's help), and each section's lines."""
    found: dict[str, list[str]] = {}
    body: list[str] = []
    current = body
    lines = output.splitlines()
    for line in lines[lines.index(""):]:  # after the usage, however many lines it takes
        if line in SECTIONS:
            current = found[line[:-1]] = []
        elif line.strip() or current is body:
            current.append(line)
    return body, found


def from_cell(line: str, start: int) -> tuple[str, str]:
    """``line`` split at column ``start`` (a Chinese character is two columns)."""
    width = 0
    for index, char in enumerate(line):
        if width >= start:
            return line[:index], line[index:]
        width += cell_len(char)
    return line, ""


def squeezed(text: str) -> str:
    return "".join(text.replace("\\", "").split())


def description_column(lines: list[str], rows: list[tuple[str, str]]) -> list[str]:
    """Each line's part from the column the descriptions start at; the part before is a term or blank."""
    term, text, row = next((term, text, line) for term, text in rows if text
                           for line in lines if line.startswith(f"  {term}  "))  # a term with its description
    start = cell_len(row[:row.index(squeezed(text)[:2], len(term) + 2)])
    terms = {squeezed(term) for term, _ in rows}
    column = []
    for line in lines:
        if squeezed(line) in terms:  # a term too long for its column, alone on its line
            column.append("")
            continue
        left, right = from_cell(line, start)
        assert not left.strip() or (squeezed(left) in terms and left.endswith("  ")), f"not a term: {line!r}"
        assert right and not right.startswith(" "), f"description not aligned at column {start}: {line!r}"
        column.append(right)
    return column


def check_words(lines: list[str], texts: list[str]) -> None:
    """Every description is there whole, and no English word in it is broken."""
    shown = "".join(squeezed(line) for line in lines)
    words = {word for text in texts for word in ASCII_WORD.findall(text.replace("\\", ""))}
    for text in texts:
        assert squeezed(text) in shown, (text, shown)
    for line in lines:
        for word in ASCII_WORD.findall(line):
            assert word in words, f"{word!r} is not a word of the help (broken across lines?): {line!r}"


def context(path: tuple[str, ...]) -> click.Context:
    """The context the command at ``path`` gets (it inherits ``-h`` from the root's settings)."""
    root = ROOT_COMMAND
    ctx = click.Context(root, info_name="duty-tui", **root.context_settings)
    for name in path:
        command = ctx.command.commands[name]  # type: ignore[attr-defined]
        ctx = click.Context(command, info_name=name, parent=ctx, **command.context_settings)
    return ctx


def records(path: tuple[str, ...], kind: str) -> list[tuple[str, str]]:
    ctx = context(path)
    command = ctx.command
    found = [(p.get_help_record(ctx), p) for p in command.get_params(ctx) if p.param_type_name == kind]
    return [record for record, _ in found if record is not None]


def check_help(output: str, path: tuple[str, ...], command: click.Command, columns: int) -> None:
    assert "…" not in output and "\\[" not in output
    for line in output.splitlines():
        assert cell_len(line) <= columns, f"{cell_len(line)} > {columns}: {line!r}"
    body, shown = sections(output)
    help_text = command.help or ""
    assert output.startswith("Usage: ")
    check_words([line for line in body if line.strip()],
                [" ".join(p.split()) for p in help_text.split("\n\n") if p.strip()])
    wanted = {"Arguments": records(path, "argument"), "Options": records(path, "option")}
    if isinstance(command, click.Group):
        wanted["Commands"] = [(name, sub.get_short_help_str(limit=1 << 30)) for name, sub in command.commands.items()]
        assert all(squeezed(inspect_first(sub)) in squeezed(text)
                   for (_, text), sub in zip(wanted["Commands"], command.commands.values(), strict=True))
    for title, rows in wanted.items():
        if not rows:
            assert title not in shown
            continue
        check_words(description_column(shown[title], rows), [text for _, text in rows if text])


def inspect_first(command: click.Command) -> str:
    """A command's first paragraph of help: its line in the group's list shows at least this much."""
    import inspect

    return inspect.cleandoc(command.short_help or command.help or "").split("\n\n")[0]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_every_help_is_whole(path: tuple[str, ...], command: click.Command, columns: int) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    check_help(result.output, path, command, columns)


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("path", [(), ("status",), ("ledger", "add"), ("people",)], ids=lambda p: " ".join(p))
def test_help_printed_by_a_real_process_is_whole(path: tuple[str, ...], columns: int) -> None:
    command = dict(COMMANDS)[path]
    out = subprocess.run([sys.executable, "-m", "tui", *path, "--help"], capture_output=True, text=True, cwd=ROOT,
                         stdin=subprocess.DEVNULL, timeout=60, env={**os.environ, "COLUMNS": str(columns)})
    assert out.returncode == 0, out.stderr
    check_help(out.stdout, path, command, columns)


def test_the_descriptions_start_at_one_column() -> None:
    """Options and their descriptions are aligned: every description on an option's line starts at one column."""
    out = CliRunner().invoke(app, ["status", "--help"], env={"COLUMNS": "80"}).output
    _, shown = sections(out)
    rows = [re.match(r"(  -\S.*?  +)\S", line) for line in shown["Options"]]
    starts = {cell_len(row.group(1)) for row in rows if row}
    assert len(starts) == 1 and len([row for row in rows if row]) > 10, (starts, out)


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("只看这个科室的事项（人员所在科室）", 12, ["只看这个科室", "的事项（人员", "所在科室）"]),
    ("如 2024、2024-Q3（默认：当前）", 12, ["如 2024、", "2024-Q3（默", "认：当前）"]),
    ("或环境变量 DUTY_TUI_DB、配置文件", 14, ["或环境变量", "DUTY_TUI_DB、", "配置文件"]),
    ("Show this message and exit.", 10, ["Show this", "message", "and exit."]),
    ("一二三四五六）", 6, ["一二三", "四五", "六）"]),  # a closing mark never starts a line
    ("一二（三四", 6, ["一二", "（三四"]),  # an opening mark never ends one
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # only a word longer than the line is cut
])
def test_fold_breaks_between_characters_not_inside_words(text: str, width: int, lines: list[str]) -> None:
    assert fold(text, width) == lines


def test_a_paragraph_wrapped_in_the_source_gets_no_space_between_chinese_characters() -> None:
    assert paragraphs("台账：逐行登记、\n推进、销号。\nLedgers of\nrows.\n\n第二段") == ["台账：逐行登记、推进、销号。 Ledgers of rows.",
                                                                               "第二段"]
