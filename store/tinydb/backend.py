"""The TinyDB backend as the program sees it: store.interface.Store over the files of Database."""

from __future__ import annotations

import os
from collections.abc import Hashable, Mapping, Sequence
from datetime import date
from pathlib import Path

from checklists.model import Checklist, Item
from checklists.periods import Period
from checklists.records import Event, State, StateKey
from checklists.roster import Org, Person, Roster

from ..interface import Draft, VerifyReport, Versions
from . import changes, ledger, mail_log, org, roster, summary, verify
from .db import Database


class TinyStore(Database):
    """A duty-tui database in TinyDB files, named by its head file (e.g. /srv/duty/duty.json)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False, lock_timeout: float | None = None):
        super().__init__(path, read_only=read_only, lock_timeout=lock_timeout)
        self.replay = self._replay_copy

    def _replay_copy(self, head: Path) -> list[str]:
        """What verify finds wrong in a backup's copy, with count goals from ``targets`` (else the built-in library)."""
        if self.targets is None:
            from checklists.loader import load_library

            goals = load_library().targets()
        else:
            goals = self.targets()
        return verify.verify_copy(Database(head, read_only=True), goals)

    @property
    def location(self) -> Path:
        return self.path

    def writable(self) -> bool:
        path = self.path
        try:
            if path.exists():
                return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
            folder = path.parent
            while not folder.exists():
                folder = folder.parent
        except OSError:  # a folder on the way this account may not search
            return False
        return os.access(folder, os.W_OK)

    def append(self, drafts: Sequence[Draft], *, expected: Versions, roster: str | None = None) -> list[Event]:
        return changes.append(self, drafts, expected, roster)  # type: ignore[return-value]

    def last_change(self, account: str) -> Event | None:
        found = changes.last_change(self, account)
        return found[1] if found else None  # type: ignore[return-value]

    def states(self, wanted: set[tuple[str, str]]) -> dict[StateKey, State]:
        return changes.states_for(self, wanted)

    def entry_events(self, key: StateKey) -> list[Event]:
        return changes.entry_events(self, *key)  # type: ignore[return-value]

    def events(self, wanted: set[tuple[str, str]] | None = None) -> list[Event]:
        if wanted is None:
            return changes.all_events(self)  # type: ignore[return-value]
        return changes.events_for(self, wanted)  # type: ignore[return-value]

    def signature(self) -> tuple[tuple[str, int, int, int], ...]:
        """(name, mtime, size, inode) of every file: writers replace files by rename, so any write shows."""
        found = summary.signature(str(self.path))
        if found is None:  # polled by a timer; the next read reports the failure, naming the folder
            found = summary.signature_of_head(str(self.path))
        return tuple(tuple(entry) for entry in found)

    def roster(self) -> Roster:
        return roster.load_roster(self)

    def roster_version(self) -> str:
        return roster.read_version(self)

    def add_people(self, people: Sequence[Person], *, expected: str | None = None) -> None:
        roster.add_people(self, list(people), expected)

    def remove_person(self, name: str, *, expected: str | None = None) -> None:
        roster.remove_person(self, name, expected)

    def add_branch(self, name: str, *, expected: str | None = None) -> None:
        roster.add_branch(self, name, expected)

    def set_branch_term(self, name: str, elected: date, years: int | None = None, *,
                        expected: str | None = None) -> None:
        roster.set_branch_term(self, name, elected, years, expected)

    def link_account(self, account: str, name: str, *, expected: str | None = None) -> None:
        roster.link_account(self, account, name, expected)

    def org(self, today: date) -> Org:
        return org.read_org(self, today)

    def set_org(self, *, name: str | None = None, since: date | None = None) -> None:
        org.set_org(self, name=name, since=since)

    def ledger_rows(self, checklist: Checklist, item: Item, period: Period) -> list[State]:
        return ledger.ledger_rows(self, checklist, item, period)  # type: ignore[return-value]

    def claim_mail(self, day: date, name: str, address: str, *, account: str | None = None) -> bool:
        return mail_log.claim(self, day, name, address, account)

    def release_mail(self, day: date, name: str) -> None:
        mail_log.release(self, day, name)

    def summary(self, *, stale: bool = False) -> object | None:
        return summary.read(str(self.path), stale=stale)

    def save_summary(self, data: object, signature: Hashable) -> None:
        summary.write(str(self.path), data, [list(entry) for entry in signature])  # type: ignore[attr-defined]

    def kept_summary(self) -> tuple[object, Hashable] | None:
        found = summary.read_kept(str(self.path))
        return None if found is None else (found[0], tuple(tuple(entry) for entry in found[1]))

    def changed_checklists(self, since: Hashable) -> set[str] | None:
        found = summary.signature(str(self.path))
        if found is None or not isinstance(since, tuple):
            return None
        names = summary.changed_shards(str(self.path), [list(entry) for entry in since], found)
        if names is None:
            return None
        unwritten = self.unwritten_shard()  # changed in the head alone, as readers see it (Database.read_shard_seen)
        # A shard is named "<year or once>-<checklist id>" (changes.shard_name).
        return {name.partition("-")[2] for name in names | ({unwritten} if unwritten else set())}

    def verify(self, targets: Mapping[str, int]) -> VerifyReport:
        return verify.verify(self, dict(targets))
