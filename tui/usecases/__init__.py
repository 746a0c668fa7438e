"""The application layer: one function per thing a person can do, for every surface alike.

A tour of a change, from key to disk:

- TUI: a key on a screen (tui/app/screens/checklist.py, walk.py, ledger.py,
  setup.py) → tui/board.py (Board, the screens' thread-safe facade) → a
  request from tui/usecases/requests.py → the use case (entries.record,
  entries.undo, ledger.add_rows/change_row, people.*) → the domain rules
  (checklists/rules.py, ledger_rules.py, text.py) on what the use case read
  → Store.append or a roster write (store/interface.py) at the version read
  → the backend (store/tinydb/changes.py, roster.py, org.py) → sealed and
  written atomically (store/tinydb/db.py, sealing.py, atomic.py) → disk.
- CLI: a command (tui/commands/records.py, ledger.py, people.py, org.py)
  → the same request and use case → … as above.
- Reading: a screen's load → view.load_view; after a write, the kept
  summary is refreshed at one place, summary.refresh_summary_after_write.

Identity comes from identity.Identity (the OS account today; a peer
credential over a socket later), never from a backend's guess. Requests hold
ids and plain values only (requests.Request.to_json/from_json), so a writer
service can take them over a socket. The store only persists, seals and
reads: when what a decision was based on changed before the write, it
refuses (StoreConflict) and session.retried decides again on fresh data.
"""

from __future__ import annotations

from .entries import record, undo
from .identity import Identity, os_identity
from .ledger import add_rows, change_row
from .people import add_branch, add_people, link_account, remove_person, set_branch_term, set_org
from .requests import (
    AddBranch,
    AddPeople,
    AddRows,
    ChangeRow,
    LinkAccount,
    PersonValues,
    RecordChange,
    RemovePerson,
    Request,
    SetBranchTerm,
    SetOrg,
    UndoLast,
)
from .session import Session

__all__ = ["AddBranch", "AddPeople", "AddRows", "ChangeRow", "Identity", "LinkAccount", "PersonValues",
           "RecordChange", "RemovePerson", "Request", "Session", "SetBranchTerm", "SetOrg", "UndoLast",
           "add_branch", "add_people", "add_rows", "change_row", "link_account", "os_identity", "record",
           "remove_person", "set_branch_term", "set_org", "undo"]
