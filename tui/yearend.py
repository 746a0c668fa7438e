"""The year-end outputs as jobs: the inspection workbook and the annual report, from the store to a file.

Shared by `duty-tui export` / `duty-tui report` and the TUI's 导出 action, so
both write the same files. Nothing here imports Typer or Textual; openpyxl and
python-docx load only when a file of theirs is written. Files are written to a
temporary name beside the target and renamed into place, so a reader never
opens half a workbook, and a failed write leaves an earlier file intact.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from checklists.annual import Year, read_year, year_filter
from checklists.clock import local_text, today
from checklists.draft import Draft, Provenance
from checklists.model import Checklist
from checklists.query import Filter, check_filter, wanted_periods

if TYPE_CHECKING:
    from checklists.loader import Library
    from checklists.records import Event
    from checklists.roster import Roster
    from store.interface import Store, VerifyReport

    from .render.workbook import Cover

WORKBOOK_SUFFIX = ".xlsx"
REPORT_SUFFIXES = {"docx": ".docx", "markdown": ".md"}


@dataclass(frozen=True)
class Scope:
    """Which part of the records a file covers: some checklists, one branch, one person (None: all)."""

    checklists: tuple[Checklist, ...] = ()
    branch: str | None = None
    person: str | None = None

    def describe(self) -> str:
        parts = []
        if self.checklists:
            parts.append("清单：" + "、".join(c.title for c in self.checklists))
        if self.branch:
            parts.append(f"支部：{self.branch}")
        if self.person:
            parts.append(f"人员：{self.person}")
        return "；".join(parts) or "全部清单"


def now_text() -> str:
    """The local time now, as every stored time is shown."""
    return local_text(datetime.now(UTC).isoformat().replace("+00:00", "Z"))


def org_name(store: Store, day: date, fallback: str | None) -> str:
    """The org's name as the database records it, else as the config files give it."""
    return store.org(day).name or fallback or ""


def load_year(store: Store, library: Library, year: int, scope: Scope = Scope()) -> Year:
    """The year's instances in scope, read the way `status --period YEAR --all` reads them."""
    day = today()
    roster = store.roster()
    flt = year_filter(year, person=scope.person, branch=scope.branch)
    check_filter(flt, roster)
    return _read(store, scope.checklists or list(library), roster, day, year, flt)


def _read(store: Store, checklists: Sequence[Checklist], roster: Roster, day: date, year: int, flt: Filter) -> Year:
    states = store.states(wanted_periods(checklists, day, flt))
    return read_year(checklists, roster, states, day, year, flt)


def ledger_events(store: Store, data: Year) -> list[Event]:
    """The events of the year's ledger rows, for their stage histories: only the shards that hold them are read."""
    wanted = {(row.checklist.id, row.period.key) for row in data.rows if row.item.kind == "ledger"}
    return [e for e in store.events(wanted) if _in_year(e["period"], data.year)] if wanted else []


def provenance(store: Store, year: int, org: str, account: str) -> Provenance:
    return Provenance(org, year, now_text(), account, str(store.location))


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem.suffix``, or ``stem（2）.suffix``… if taken: a default name never replaces someone's edited file."""
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}（{n}）{suffix}"
        n += 1
    return path


def _in_name(text: str) -> str:
    """A name from the roster inside a file name: a "/" would make it a folder."""
    return text.replace("/", "／")


def workbook_stem(year: int, scope: Scope) -> str:
    who = scope.person or scope.branch or ""
    return f"{year}年度台账" + (f"-{_in_name(who)}" if who else "")


def report_stem(year: int, person: str | None) -> str:
    return f"{_in_name(person)}{year}年述责述廉报告（草稿）" if person else f"{year}年度主体责任报告（草稿）"


def save_atomic(path: Path, write: Callable[[Path], object], *, database: Path) -> object:
    """Have ``write`` fill a temporary file beside ``path``, then rename it into place.

    The file gets the group and mode of the ``database`` it was read from
    (tui.shared_files) before it takes its name: it is never, even for a
    moment, readable by accounts the database keeps out.
    """
    from .shared_files import share_file

    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # the temp file's name is ours; the user named ``path``
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    os.close(fd)
    temp = Path(name)
    try:
        result = write(temp)
        share_file(temp, database)
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        if exc.filename in (name, str(temp)):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return result


def export_workbook(store: Store, library: Library, year: int, path: Path, *, scope: Scope = Scope(),
                    org_fallback: str | None = None, account: str = "", fork: bool | None = None) -> int:
    """Write the inspection workbook; returns the number of cells written.

    Where there is a core to spare, a child reads the year a checklist at a
    time and verifies the whole database while this process writes each
    sheet as it arrives (tui.background): the export then takes about as long
    as the writing. ``fork`` False does it all here, as the TUI does.
    """
    from .background import ChildLost

    try:
        return _export(store, library, year, path, scope, org_fallback, account, fork)
    except ChildLost:  # the child died: start again without one
        return _export(store, library, year, path, scope, org_fallback, account, False)


def _export(store: Store, library: Library, year: int, path: Path, scope: Scope, org_fallback: str | None,
            account: str, fork: bool | None) -> int:
    from .background import beside
    from .render.workbook import build_workbook, discard
    from .render.workbook_sheets import iter_tables

    day = today()
    roster = store.roster()
    flt = year_filter(year, person=scope.person, branch=scope.branch)
    check_filter(flt, roster)  # a typo fails at once, before anything is forked
    org = org_name(store, day, org_fallback)
    before = store.signature()
    targets = library.targets()

    def parts() -> Iterator[tuple[Year, list[Event]]]:
        for checklist in scope.checklists or list(library):  # the roster, day and filter of the whole export
            data = _read(store, [checklist], roster, day, year, flt)
            yield data, ledger_events(store, data)

    with beside(lambda: iter_tables(parts()), lambda: store.verify(targets), fork=fork) as job:
        def cover() -> Cover:
            report = job.result()
            return _cover(store, year, roster.accounts, scope, org, account, report,
                          changed=store.signature() != before)

        # Built first, then saved: the temporary file beside the target exists only while the zip is written.
        wb, written = build_workbook(job.items(), cover)
    try:
        save_atomic(path, wb.save, database=store.location)
    except BaseException:  # also when the temporary file cannot be made: the sheets are still open
        discard(wb)
        raise
    return written


def _cover(store: Store, year: int, accounts: Mapping[str, str], scope: Scope, org: str, account: str,
           report: VerifyReport, *, changed: bool) -> Cover:
    from .render.workbook import Cover
    from .render.workbook_sheets import who

    if changed:
        # Someone wrote between the read and the check: the seal is of a later state than the sheets show.
        report.notes.append("导出期间有新的修改，封印哈希对应校验时的数据，可能与各表不一致；请重新导出以使两者一致")
    if report.problems:
        verdict = f"发现 {len(report.problems)} 处问题（见下）：打印件不能作为完好数据的凭证"
    else:
        sealed = f"；{report.shards} 个分片与头文件的封印相符" if report.sealed else "；数据库尚未封印"
        verdict = f"完好：{report.events} 条事件，哈希链无断裂；{report.states} 条状态与事件回放一致{sealed}"
    if report.notes:
        verdict += "。" + "；".join(report.notes)
    return Cover(org, year, now_text(), who(account, accounts), str(store.location),
                 scope.describe(), verdict, report.problems[:20], report.events, report.seal)


def _in_year(period: str, year: int) -> bool:
    return period == "once" or period.startswith(f"{year}")


def report_draft(store: Store, library: Library, year: int, *, person: str | None = None,
                 org_fallback: str | None = None, account: str = "") -> Draft:
    from checklists.annual_person import person_draft
    from checklists.annual_report import annual_draft

    data = load_year(store, library, year)
    if person is not None:
        check_filter(year_filter(year, person=person), data.roster)
    source = provenance(store, year, org_name(store, data.day, org_fallback), account)
    if person is not None:
        return person_draft(data, source, person)
    return annual_draft(data, source, store.entry_events)


def write_report(draft: Draft, path: Path, fmt: str, *, database: Path) -> None:
    if fmt == "markdown":
        from .render.report_md import to_markdown

        text = to_markdown(draft)
        save_atomic(path, lambda temp: temp.write_text(text, encoding="utf-8"), database=database)
        return
    from .render.report_docx import write_docx

    save_atomic(path, lambda temp: write_docx(draft, temp), database=database)


def output_folder(database: Path) -> Path:
    """Where the TUI puts its files: duty-tui-exports in the folder it was started in (the home folder if
    that is not writable), open to this account and the database's group only."""
    from .shared_files import private_folder

    here = Path.cwd()
    return private_folder(here if os.access(here, os.W_OK) else Path.home(), database)


def export_year(store: Store, library: Library, year: int, folder: Path, *, org_fallback: str | None = None,
                account: str = "") -> tuple[Path, Path]:
    """Both year-end files, under default names that never replace an existing file: (workbook, report)."""
    workbook = free_path(folder, workbook_stem(year, Scope()), WORKBOOK_SUFFIX)
    export_workbook(store, library, year, workbook, org_fallback=org_fallback, account=account)
    draft = report_draft(store, library, year, org_fallback=org_fallback, account=account)
    report = free_path(folder, report_stem(year, None), REPORT_SUFFIXES["docx"])
    write_report(draft, report, "docx", database=store.location)
    return workbook, report
