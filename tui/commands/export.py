"""`duty-tui export` (the inspection workbook) and `duty-tui report` (the annual report's factual draft)."""

from __future__ import annotations

import gc
from enum import Enum
from pathlib import Path

import typer

from ..context import checklist_named, echo, load_library_or_fail, open_store, refuse, settings, store_errors

YEAR_HELP = "年度，如 2023（默认：今年）"


class ReportFormat(str, Enum):
    docx = "docx"
    markdown = "markdown"


def _year(year: str | None) -> int:
    from checklists.annual import check_year
    from checklists.bounds import check_year_range
    from checklists.clock import today

    with store_errors():  # a refusal becomes one line and exit 2
        return today().year if year is None else check_year_range(check_year(year), today())


def _target(out: Path | None, stem: str, suffix: str) -> Path:
    """Where to write: the file named, a default name in the folder named, or in the current folder.

    A default name never replaces a file already there (a report someone has
    edited); a file named explicitly is replaced, as cp would.
    """
    from ..yearend import free_path

    if out is None:
        return free_path(Path.cwd(), stem, suffix)
    if out.is_dir():
        return free_path(out, stem, suffix)
    if out.is_symlink() or (out.exists() and not out.is_file()):
        # The file is replaced by renaming a new one over it: a symlink (/dev/stdout) would be replaced
        # itself, not written through, and a device or a pipe would become a plain file.
        refuse("output-not-file", path=out)
    if not out.parent.is_dir():
        refuse("output-folder-missing", folder=out.parent)
    return out


def export(
    ctx: typer.Context,
    year: str | None = typer.Option(None, "--year", "-y", help=YEAR_HELP, show_default=False),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出的 .xlsx 文件或目录（默认：当前目录下的“2023年度台账.xlsx”）",
                                    show_default=False),
    checklist: list[str] = typer.Option([], "--checklist", "-c", help="只导出这些清单（ID 或标题，可重复）"),
    branch: str | None = typer.Option(None, "--branch", help="只导出这个支部（含其成员）的事项"),
    person: str | None = typer.Option(None, "--person", help="只导出这个人的事项和由其负责的台账行"),
) -> None:
    """导出年度台账（Excel）：封面、目录、每个清单一张表、台账及其阶段记录，可直接打印。 Export the year's workbook."""
    from store.account import os_account

    from ..yearend import WORKBOOK_SUFFIX, Scope, export_workbook, workbook_stem

    chosen_year = _year(year)
    library = load_library_or_fail(ctx)
    chosen = {c.id: c for c in (checklist_named(ctx, name) for name in checklist)}  # "-c id -c 标题": one sheet
    scope = Scope(tuple(chosen.values()), branch, person)
    path = _target(out, workbook_stem(chosen_year, scope), WORKBOOK_SUFFIX)
    if path.suffix.lower() != WORKBOOK_SUFFIX:
        refuse("output-suffix", what="台账（Excel）", suffix=WORKBOOK_SUFFIX, name=path.name)
    store = open_store(ctx, must_exist=True)
    # One job and exit: the collector would only walk the sheets being written (about 20 ms at 100,000 events).
    gc.disable()
    with store_errors():
        export_workbook(store, library, chosen_year, path, scope=scope, org_fallback=settings(ctx).org_name,
                        account=os_account())
    echo(f"已导出 {chosen_year} 年度台账：{path}")


def report(
    ctx: typer.Context,
    year: str | None = typer.Option(None, "--year", "-y", help=YEAR_HELP, show_default=False),
    fmt: ReportFormat | None = typer.Option(None, "--format", "-f",
                                            help="docx（Word/WPS）或 markdown（默认按 --out 的扩展名，否则 docx）",
                                            show_default=False),
    out: Path | None = typer.Option(None, "--out", "-o", help="输出文件或目录（默认：当前目录下的“2023年度主体责任报告（草稿）.docx”）",
                                    show_default=False),
    person: str | None = typer.Option(None, "--person", help="为这位班子成员起草述责述廉报告"),
) -> None:
    """起草年度主体责任报告的事实部分：数字取自记录并注明数据来源，叙述处留待填写。 Draft the annual report."""
    from store.account import os_account

    from ..yearend import REPORT_SUFFIXES, report_draft, report_stem, write_report

    chosen_year = _year(year)
    by_suffix = {suffix: name for name, suffix in REPORT_SUFFIXES.items()}
    named = out.suffix.lower() if out is not None and not out.is_dir() else ""
    kind = fmt.value if fmt else by_suffix.get(named, "docx")
    if named and by_suffix.get(named) != kind:
        refuse("output-format-mismatch", suffix=named, format=kind, wanted=REPORT_SUFFIXES[kind])
    path = _target(out, report_stem(chosen_year, person), REPORT_SUFFIXES[kind])
    library = load_library_or_fail(ctx)
    store = open_store(ctx, must_exist=True)
    with store_errors():
        draft = report_draft(store, library, chosen_year, person=person, org_fallback=settings(ctx).org_name,
                             account=os_account())
        write_report(draft, path, kind, database=store.location)
    echo(f"已起草 {chosen_year} 年度{'述责述廉' if person else '主体责任'}报告：{path}"
         f"（{len(draft.numbers())} 个数字取自记录，{len(draft.sources)} 条数据来源，{len(draft.blanks())} 处待填写或待核实）")
