"""导出: the year's inspection workbook and annual report draft, written where the TUI was started.

The same job as `duty-tui export` and `duty-tui report` (tui.yearend), run in
a thread: at 100,000 events it takes seconds, and the screen must not freeze.
The dialog asks which year (the one in view by default, so in January the
previous year is one edit away), then says where it put the two files.
Styles live here rather than in duty.tcss so the dialog stays one file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from checklists.text import visible

from ...keynames import key_name
from ..widgets.keybar import KeyBar
from ..widgets.text_input import TextInput, paste_refused
from ..widgets.wrap import wrapped

if TYPE_CHECKING:
    from ..app import DutyApp


class ExportDialog(ModalScreen[tuple[Path, Path] | None]):
    """Enter exports the year typed; Escape closes. Dismisses with the two paths once written."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    #export-box { width: 90%; max-width: 76; height: auto; max-height: 100%; padding: 1 2;
                  border: round $primary; background: $surface; }
    ExportDialog.-short #export-box { padding: 0 2; }
    #export-status { color: $text-muted; }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # see Dialog
    BINDINGS = [
        # Enter reaches the year field first (Input.Submitted); this names it on the key bar while it exports.
        Binding("enter", "export", "导出", key_display="Enter"),
        Binding("escape", "close", "关闭", key_display="Esc"),
    ]

    def __init__(self, year: int, folder: Path | None = None):
        super().__init__()
        self.year = year
        self.folder = folder
        self.busy = False
        self.written: tuple[Path, Path] | None = None

    def compose(self) -> ComposeResult:
        # Scrolls only if two very long paths outgrow a small terminal; then it takes focus, for the arrow keys.
        with VerticalScroll(id="export-box", can_focus=False):
            yield Label(wrapped("导出年度台账（Excel）和主体责任报告草稿（Word）"), id="export-title")
            yield TextInput(value=str(self.year), placeholder="年度，如 2023", id="export-year")
            yield Label(wrapped(f"输入年度后按 {key_name('enter')} 导出，{key_name('escape')} 取消"), id="export-status")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action == "export" and (self.busy or self.written is not None))

    def action_export(self) -> None:
        """Enter when the field does not have focus: export the year in it all the same."""
        field = self.query_one("#export-year", Input)
        self.on_input_submitted(Input.Submitted(field, field.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.busy or self.written is not None:
            return
        from checklists.annual import check_year
        from checklists.errors import Refusal

        from ...errors import explain

        try:
            year = check_year(event.value)
        except Refusal as refusal:
            self._status(explain(refusal, "tui"))
            return
        self.busy = True
        self.refresh_bindings()  # no "Enter 导出" while it exports
        self._status(f"正在导出 {year} 年度……（数据多时需要几秒）")
        self._export(year)

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, year: int) -> None:
        from ...yearend import export_year, output_folder

        board = cast("DutyApp", self.app).board
        try:
            paths = export_year(board.store, board.library, year, self.folder or output_folder(board.store.location),
                                org_fallback=board.org_name, account=board.account)
        except Exception as exc:  # a store, rule or OS failure is shown here; the app carries on
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._done, paths)

    def _failed(self, exc: BaseException) -> None:
        from checklists.errors import Refusal

        from ...errors import explain

        self.busy = False
        self.refresh_bindings()
        message = explain(exc, "tui") if isinstance(exc, Refusal) else (str(exc).splitlines() or [type(exc).__name__])[-1]
        self._status(f"导出失败：{message}")

    def _done(self, paths: tuple[Path, Path]) -> None:
        self.busy = False
        self.written = paths
        self.refresh_bindings()
        workbook, report = paths
        year = self.query_one("#export-year", Input)
        year.disabled = True
        year.display = False  # its rows go to the two paths, which must fit a 50x14 terminal whole
        box = self.query_one("#export-box", VerticalScroll)
        box.can_focus = True
        box.focus()
        self._status(f"已写入（按 Esc 关闭）\n台账：{workbook}\n报告：{report}")
        self.app.notify(visible(f"已导出：{workbook.name}、{report.name}", multiline=False), timeout=6, markup=False)

    def on_text_input_paste_refused(self, message: TextInput.PasteRefused) -> None:
        self._status(paste_refused(message.lines))

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Label).update(wrapped("\n".join(visible(t, multiline=False)
                                                                         for t in text.split("\n"))))

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.written)
