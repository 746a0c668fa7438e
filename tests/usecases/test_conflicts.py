"""Optimistic concurrency: another process writes between a use case's read and its write.

``Interfering`` passes each write on only after a real second process has run
a request of its own against the same database (sent to it as JSON, as a
writer service would receive it). The store then refuses the first write as
stale; the use case reads again and decides again: it succeeds on fresh data,
is refused by a rule the other change made true, or, when it keeps losing,
gives up with a busy error.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from checklists.errors import Refusal
from store.errors import StoreConflict
from store.interface import Store
from tui import usecases
from tui.errors import EXIT_BUSY, exit_code, explain
from tui.usecases import AddPeople, AddRows, PersonValues, RecordChange, Request
from tui.usecases.session import ATTEMPTS

from .conftest import Recording, session_of

ROOT = Path(__file__).parents[2]
OTHER = """
import sys
from pathlib import Path
from checklists.loader import load_library
from store import open_store
from tui import usecases
from tui.usecases.requests import Request

store = open_store(Path(sys.argv[1]), lock_timeout=30)
session = usecases.Session(store, load_library(), usecases.Identity("other"))
request = Request.from_json(sys.argv[2])
{"record": usecases.record, "add-rows": usecases.add_rows, "add-people": usecases.add_people}[request.kind](
    session, request)
"""


class Interfering(Recording):
    """Before each of its first ``times`` writes, another process runs ``request`` on the same database."""

    def __init__(self, store: Store, request: Request, times: int = 1):
        super().__init__(store)
        self.request, self.times = request, times

    def __getattr__(self, name: str) -> Any:
        write = super().__getattr__(name)
        if name not in ("append", "add_people"):
            return write

        def interfered(*args: Any, **kwargs: Any) -> Any:
            if self.times > 0:
                self.times -= 1
                subprocess.run([sys.executable, "-c", OTHER, str(self.inner.location), self.request.to_json()],
                               cwd=ROOT, check=True, timeout=120)
            return write(*args, **kwargs)

        return interfered


def test_an_untick_raced_by_another_untick_is_decided_again_and_refused(store: Store, library) -> None:
    usecases.record(session_of(store, library), RecordChange("jieri-lianjie", "chunjie", "done", period="2024"))
    racing = Interfering(store, RecordChange("jieri-lianjie", "chunjie", "undone", period="2024"))
    with pytest.raises(Refusal) as caught:
        usecases.record(session_of(racing, library), RecordChange("jieri-lianjie", "chunjie", "undone",
                                                                  period="2024"))
    assert caught.value.code == "not-done"  # the other process's untick was read on the second attempt
    assert racing.writes == ["append"]  # the stale write was asked for once and refused; the rule refused the retry
    assert [(e["action"], e["account"]) for e in store.events()] == [("done", "clerk"), ("undone", "other")]


def test_rows_added_at_once_get_different_numbers(store: Store, library) -> None:
    row = {"事项": "一号工程", "责任人": "王五", "时限": "2024-12-31"}
    racing = Interfering(store, AddRows("guapai-duban", "guapai-duban", "2024", ({**row, "事项": "他人的"},)))
    (mine,) = usecases.add_rows(session_of(racing, library), AddRows("guapai-duban", "guapai-duban", "2024", (row,)))
    assert racing.writes == ["append", "append"]  # refused once as stale, then written on fresh numbers
    rows = {e["subject"]: (e["account"], e["fields"]["shixiang"]) for e in store.events()}
    assert rows == {"#1": ("other", "他人的"), "#2": ("clerk", "一号工程")} and mine["subject"] == "#2"


def test_a_name_taken_meanwhile_is_refused(store: Store, library) -> None:
    zhao = AddPeople((PersonValues("赵六", ("党员",), "财务科"),))
    racing = Interfering(store, zhao)
    with pytest.raises(Refusal) as caught:
        usecases.add_people(session_of(racing, library), zhao)
    assert caught.value.code == "person-exists"
    assert [p.name for p in store.roster().people].count("赵六") == 1


def test_a_change_that_keeps_losing_the_race_gives_up_as_busy(store: Store, library) -> None:
    note = RecordChange("jieri-lianjie", "chunjie", "note", period="2024", note="他人补记")
    racing = Interfering(store, note, times=ATTEMPTS)
    with pytest.raises(StoreConflict) as caught:
        usecases.record(session_of(racing, library), RecordChange("jieri-lianjie", "chunjie", "done", period="2024"))
    assert racing.writes == ["append"] * ATTEMPTS
    assert exit_code(caught.value) == EXIT_BUSY
    assert explain(caught.value) == f"数据库正被其他用户频繁修改（连续 {ATTEMPTS} 次保存前都已被改动）；请稍后重试"
    assert [e["account"] for e in store.events()] == ["other"] * ATTEMPTS  # nothing of the loser's was written
