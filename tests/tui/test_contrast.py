"""State marks and the cursor row stay readable when the terminal has fewer colours than the theme.

Each screen that shows state marks is drawn with Pilot at 80x24 and read back from App.export_screenshot
(Textual's public picture of the screen, taken after its own NO_COLOR filter). Every run of text in a
table or in the walk's step is then put through the downgrade the real terminal applies (Rich's
Color.downgrade to 16 or 256 colours, shown with the standard xterm palette) and its WCAG contrast ratio
against its own background is measured. Bold does not excuse a low ratio here: 237 on 235 is unreadable
whatever the weight. Run with ``-s`` to print the table of ratios given in the README.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from rich.color import Color, ColorSystem, ColorType
from textual.geometry import Region
from textual.widgets import DataTable, Static

from tui.app.app import DutyApp

from .conftest import open_checklist, run, settle

AA = 4.5

# xterm's 16 standard colours: what a 16-colour terminal shows for ANSI 0-15.
XTERM = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
    (255, 255, 255),
]
CUBE = [0, 95, 135, 175, 215, 255]

# name: (NO_COLOR set, colours the terminal has)
ENVIRONMENTS = {
    "NO_COLOR=1": (True, ColorSystem.EIGHT_BIT),
    "NO_COLOR=1 TERM=xterm": (True, ColorSystem.STANDARD),
    "TERM=xterm（16色）": (False, ColorSystem.STANDARD),
    "256色": (False, ColorSystem.EIGHT_BIT),
}

RGB = tuple[int, int, int]


def palette(number: int) -> RGB:
    """The colour xterm shows for a 256-colour number."""
    if number < 16:
        return XTERM[number]
    if number >= 232:
        grey = 8 + 10 * (number - 232)
        return grey, grey, grey
    number -= 16
    return CUBE[number // 36], CUBE[number // 6 % 6], CUBE[number % 6]


def shown(rgb: RGB, system: ColorSystem) -> RGB:
    """What the terminal shows for a colour Textual sends as truecolor, once Rich downgrades it."""
    color = Color.from_rgb(*rgb).downgrade(system)
    if color.type in (ColorType.STANDARD, ColorType.EIGHT_BIT) and color.number is not None:
        return palette(color.number)
    return rgb


def luminance(rgb: RGB) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(fg: RGB, bg: RGB) -> float:
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Run:
    """One run of text as drawn: its row and column, its colours and weight."""

    row: int
    column: int
    text: str
    fg: RGB
    bg: RGB
    bold: bool


def _hex(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


_CLASS = re.compile(r"\.(terminal-[\w-]+?-r\d+) \{ ([^}]*)\}")
_LINE = re.compile(r'<clipPath id="[^"]*-line-(\d+)">\s*<rect x="0" y="([\d.]+)"')
_RECT = re.compile(r'<rect fill="(#[0-9a-fA-F]{6})" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" '
                   r'shape-rendering="crispEdges"/>')
_TEXT = re.compile(r'<text class="([\w-]+)" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
                   r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>', re.S)


def runs(app) -> list[Run]:
    """Every run of text on the screen with the colours Textual sends for it (NO_COLOR already applied)."""
    svg = app.export_screenshot()
    classes = {name: rules for name, rules in _CLASS.findall(svg)}
    offsets = sorted(float(y) for _, y in _LINE.findall(svg))  # Rich gives every row but the last a clip path
    line_height = offsets[1] - offsets[0]
    backgrounds = {(round((float(y) - offsets[0]) / line_height), float(x)): (_hex(fill), float(width))
                   for fill, x, y, width in _RECT.findall(svg)}
    texts = [(name, float(x), float(length), int(row), html.unescape(text).replace("\xa0", " "))
             for name, x, length, row, text in _TEXT.findall(svg)]
    char_width = next(length / len(text) for _, _, length, _, text in texts if text)
    found = []
    for name, x, _, row, text in texts:
        if not text.strip():
            continue
        rules = classes[name]
        fill = re.search(r"fill: (#[0-9a-fA-F]{6})", rules)
        assert fill is not None, rules
        fg = _hex(fill.group(1))
        bg = next((fill for (r, left), (fill, width) in backgrounds.items()
                   if r == row and left <= x < left + width), None)
        assert bg is not None, (row, text)
        found.append(Run(row, round(x / char_width), text, fg, bg, "bold" in rules))
    return found


def _body(widget) -> Region:
    """Where a widget's content is drawn: no scrollbar, and for a table no header row."""
    region = widget.scrollable_content_region
    if isinstance(widget, DataTable) and widget.show_header:
        region = Region(region.x, region.y + widget.header_height, region.width,
                        max(0, region.height - widget.header_height))
    return region


def marked_runs(app) -> list[tuple[str, Run]]:
    """The runs that carry state, each labelled with what it is: every cell of every table (marks, counts,
    逾期 days, the cursor row), and the marks in the walk's step."""
    screen = app.screen
    widgets = list(screen.query(DataTable)) + list(screen.query("#walk-step").results(Static))
    labelled = []
    for run_ in runs(app):
        for widget in widgets:
            if not _body(widget).contains(run_.column, run_.row):
                continue
            what = _mark_kind(run_.text)
            if isinstance(widget, DataTable):
                cursor = widget.region.y + widget.header_height + widget.cursor_row - round(widget.scroll_y)
                if widget.has_focus and run_.row == cursor:
                    what = "光标行"
            elif what == "文字":
                continue
            labelled.append((what, run_))
    return labelled


def _mark_kind(text: str) -> str:
    if "逾期" in text or "[!]" in text or re.search(r"\d+天|!", text):
        return "逾期"
    if "[~]" in text or "剩" in text or "今天到期" in text:
        return "即将到期"
    if "[x]" in text or "✓" in text:
        return "完成"
    if "[ ]" in text or "[-]" in text or re.search(r"\d+/\d+", text):
        return "其他状态"
    return "文字"


async def _dashboard(pilot) -> str:
    return "总览"


async def _progress(pilot) -> str:
    await pilot.press("tab")
    await settle(pilot)
    return "总览·清单进度"


async def _matrix(pilot) -> str:
    await open_checklist(pilot, "三会")
    return "清单矩阵"


async def _ledger(pilot) -> str:
    await open_checklist(pilot, "挂牌督办台账")
    await pilot.press("enter")
    await settle(pilot)
    return "台账"


async def _walk(pilot) -> str:
    await pilot.press("w")
    await settle(pilot)
    return "逐项办理"


SCREENS: list[Callable] = [_dashboard, _progress, _matrix, _ledger, _walk]


def measure(board, no_color: bool, monkeypatch: pytest.MonkeyPatch) -> dict[str, list[tuple[str, Run]]]:
    """Each screen's state-carrying runs, drawn with or without NO_COLOR."""
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    drawn: dict[str, list[tuple[str, Run]]] = {}

    async def scenario(reach):
        app = DutyApp(board, first=board.load())
        assert app.no_color is no_color
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            name = await reach(pilot)
            await settle(pilot)
            drawn[name] = marked_runs(app)

    for reach in SCREENS:
        run(scenario(reach))
    return drawn


def worst(drawn: dict[str, list[tuple[str, Run]]], system: ColorSystem) -> dict[tuple[str, str], tuple[float, Run]]:
    """The lowest ratio of each kind of run on each screen, as the terminal shows it."""
    lowest: dict[tuple[str, str], tuple[float, Run]] = {}
    for screen, labelled in drawn.items():
        for what, run_ in labelled:
            value = ratio(shown(run_.fg, system), shown(run_.bg, system))
            key = (screen, what)
            if key not in lowest or value < lowest[key][0]:
                lowest[key] = (value, run_)
    return lowest


def test_the_old_overdue_style_fails_the_check() -> None:
    """The check can fail: colour 237 on 235, as overdue marks were drawn with NO_COLOR, is far below AA, and
    so are the greys they came from; so is the issue's 16-colour cursor row, bright white on cyan."""
    assert ratio(palette(237), palette(235)) < 1.5
    assert ratio(shown((0x3a, 0x3a, 0x3a), ColorSystem.EIGHT_BIT), shown((0x26, 0x26, 0x26), ColorSystem.EIGHT_BIT)) < AA
    assert ratio(XTERM[15], XTERM[6]) < AA  # bright white on cyan: the 16-colour cursor row of the issue
    assert ratio(XTERM[0], XTERM[15]) == pytest.approx(21, rel=0.01)


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "colour"])
def test_every_state_mark_and_the_cursor_row_reach_aa(board, no_color: bool,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = measure(board, no_color, monkeypatch)
    kinds = {what for labelled in drawn.values() for what, _ in labelled}
    assert {"光标行", "逾期", "其他状态"} <= kinds, kinds
    failures = []
    for name, (env_no_color, system) in ENVIRONMENTS.items():
        if env_no_color is not no_color:
            continue
        lowest = worst(drawn, system)
        print(f"\n{name}")
        for (screen, what), (value, run_) in sorted(lowest.items()):
            print(f"  {screen:<10} {what:<6} {value:5.1f}:1  {run_.text.strip()[:16]}")
            if value < AA:
                failures.append(f"{name} {screen} {what} {run_.text.strip()!r}: {value:.2f}:1")
    assert not failures, failures
