"""Work split over a forked child: the same answer as in-process, errors carried over, nothing left running."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.fixture_year import TODAY, build_year
from tui.background import ChildLost, Producer, beside, can_fork

PARENT = os.getpid()
needs_fork = pytest.mark.skipif(not hasattr(os, "fork") or len(os.sched_getaffinity(0)) < 2,
                                reason="forking needs os.fork and a second core")


def pids(n: int) -> Iterator[tuple[int, int]]:
    for i in range(n):
        yield i, os.getpid()


def gone(pid: int) -> bool:
    """The child has ended and been waited for: no zombie is left behind."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@needs_fork
def test_items_and_result_come_from_another_process_in_order() -> None:
    with beside(lambda: pids(200), os.getpid, fork=True) as job:
        child = job._pid
        got = list(job.items())
        done = job.result()
    assert [i for i, _ in got] == list(range(200))
    assert {pid for _, pid in got} == {done} and done != os.getpid()
    assert gone(child)


def test_without_a_fork_the_same_work_runs_here() -> None:
    with beside(lambda: pids(3), os.getpid, fork=False) as job:
        assert not job.forked
        assert list(job.items()) == [(0, os.getpid()), (1, os.getpid()), (2, os.getpid())]
        assert job.result() == os.getpid()


def test_no_fork_while_another_thread_runs() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        stop.set()
        thread.join()


@needs_fork
def test_an_error_in_the_child_is_raised_here_with_its_type_and_text() -> None:
    from checklists.errors import Refusal

    def produce() -> Iterator[int]:
        yield 1
        raise Refusal("year-format", value="20x3")

    with beside(produce, lambda: None, fork=True) as job:
        items = job.items()
        assert next(items) == 1
        with pytest.raises(Refusal) as raised:
            next(items)
    assert raised.value.code == "year-format" and raised.value.fields == {"value": "20x3"}


@needs_fork
def test_a_child_that_dies_is_reported_and_reaped() -> None:
    def produce() -> Iterator[int]:
        yield 1
        os.kill(os.getpid(), signal.SIGKILL)
        yield 2

    with beside(produce, lambda: None, fork=True) as job:
        child = job._pid
        with pytest.raises(ChildLost):  # whether item 1 got out before the child died is a race
            list(job.items())
    assert gone(child)


@needs_fork
def test_leaving_early_stops_the_child() -> None:
    def forever() -> Iterator[int]:
        n = 0
        while True:
            n += 1
            yield n

    with pytest.raises(RuntimeError), beside(forever, lambda: None, fork=True) as job:
        child = job._pid
        next(job.items())
        raise RuntimeError("the writer failed")
    assert gone(child)


ORPHAN = """
import os, sys, time
sys.path.insert(0, sys.argv[1])
from tui.background import beside

def forever():
    n = 0
    while True:
        n += 1
        time.sleep(0.005)
        yield "x" * 10_000  # fills the pipe soon

with beside(forever, lambda: None, fork=True) as job:
    next(job.items())
    print(job._pid, flush=True)
    os._exit(0)  # as if killed: no cleanup, the child is left with nobody reading
"""


@needs_fork
def test_a_child_whose_parent_dies_ends_quietly() -> None:
    """Its output pipes stay open as long as it runs: communicate() returns only once it has ended."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", ORPHAN, str(ROOT)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0 and done.stdout.strip().isdigit()
    assert done.stderr == ""  # no "Exception in thread … BrokenPipeError" on the user's terminal


def cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's values, the cover's time-stamped line aside."""
    book = load_workbook(path)
    found = {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    found["封面"] = [r for r in found["封面"] if r[0] != "生成时间"]
    return found


@pytest.fixture(scope="module")
def year_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("year") / "duty.json"
    build_year(path)
    return path


@needs_fork
def test_a_forked_export_writes_the_same_workbook_as_one_done_here(year_db: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The child reads a checklist at a time; the sheets must be those of the year read whole, in one process."""
    from checklists.loader import load_library
    from store.tinydb import TinyStore
    from tui.yearend import export_workbook

    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    library = load_library()
    forks: list[bool] = []
    real = Producer.__init__

    def spy(self, produce, finish, *, fork):  # type: ignore[no-untyped-def]
        forks.append(fork)
        real(self, produce, finish, fork=fork)

    monkeypatch.setattr(Producer, "__init__", spy)
    export_workbook(TinyStore(year_db), library, 2023, tmp_path / "forked.xlsx", account="clerk", fork=True)
    export_workbook(TinyStore(year_db), library, 2023, tmp_path / "here.xlsx", account="clerk", fork=False)
    assert forks == [True, False]
    forked, here = cells(tmp_path / "forked.xlsx"), cells(tmp_path / "here.xlsx")
    assert list(forked) == list(here) and len(forked) > 10
    assert forked == here


@needs_fork
def test_an_export_whose_child_dies_is_done_again_here(year_db: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from checklists.loader import load_library
    from store.tinydb import TinyStore
    from tui.render import workbook_sheets
    from tui.yearend import export_workbook

    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    library = load_library()
    real = workbook_sheets.iter_tables

    def dies_in_the_child(parts):  # type: ignore[no-untyped-def]
        for n, table in enumerate(real(parts)):
            if n == 3 and os.getpid() != PARENT:
                os.kill(os.getpid(), signal.SIGKILL)
            yield table

    monkeypatch.setattr(workbook_sheets, "iter_tables", dies_in_the_child)
    out = tmp_path / "台账.xlsx"
    export_workbook(TinyStore(year_db), library, 2023, out, account="clerk", fork=True)
    monkeypatch.setattr(workbook_sheets, "iter_tables", real)
    export_workbook(TinyStore(year_db), library, 2023, tmp_path / "here.xlsx", account="clerk", fork=False)
    assert cells(out) == cells(tmp_path / "here.xlsx")
    assert not list(tmp_path.glob(".*.tmp"))  # the first attempt's temporary file is gone



def test_the_year_read_a_checklist_at_a_time_gives_the_sheets_of_the_year_read_whole(year_db: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from checklists.loader import load_library
    from store.tinydb import TinyStore
    from tui.render.workbook_sheets import iter_tables, tables_for
    from tui.yearend import Scope, ledger_events, load_year

    monkeypatch.setenv("DUTY_TUI_TODAY", TODAY)
    library = load_library()
    store = TinyStore(year_db)
    whole = load_year(store, library, 2023)
    parts = [load_year(store, library, 2023, Scope((c,))) for c in library]
    one_by_one = list(iter_tables((p, ledger_events(store, p)) for p in parts))
    assert len(one_by_one) > 10
    assert [vars(t) for t in one_by_one] == [vars(t) for t in tables_for(whole, ledger_events(store, whole))]
