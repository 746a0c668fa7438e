"""Opening the database, and the transactions every change goes through."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from ..errors import StoreCorrupt, StoreUnwritable
from .atomic import make_private_dir, read_tables, refuse_read_only, remove_stale_temps, unreadable
from .backup import daily_backup, newest_backup
from .paths import DbPaths, check_head, real_head, resolve_db_path
from .shape import check_entries
from .storage import AtomicJSONStorage

# 2: events carry a global sequence number and the head seals them (store/sealing.py).
SCHEMA = 2
HEAD_APP = "duty-tui"
SHARD_APP = "duty-tui-shard"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass
class Txn:
    """One open TinyDB file inside a locked transaction.

    A shard's Txn also knows its name, the head's Txn (events are sealed into
    it) and the events it appended so far (the head keeps a copy of them).
    """

    db: TinyDB
    name: str = ""
    head: Txn | None = None
    pending: dict[str, Any] | None = None

    def table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    def commit(self) -> None:
        """Write this file's changes, once, in one atomic replacement (see AtomicJSONStorage)."""
        storage = self.db.storage
        assert isinstance(storage, AtomicJSONStorage)
        storage.commit()

    def meta(self) -> dict[str, Any]:
        docs = self.table("_meta").all()
        return dict(docs[0]) if docs else {}

    def set_meta(self, **values: Any) -> None:
        meta = self.table("_meta")
        if meta.get(doc_id=1) is None:
            meta.insert(values)
        else:
            meta.update(values, doc_ids=[1])


class Database:
    """A duty-tui database, named by its head file (e.g. /srv/duty/duty.json)."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False, lock_timeout: float | None = None):
        self.paths = DbPaths(real_head(resolve_db_path(path)))
        check_head(self.paths.head)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        # Count items' goals, for replaying each day's backup as verify does (None: the built-in library's).
        self.targets: Callable[[], dict[str, int]] | None = None
        # Called with the head's path once a write has created the database (the CLI says so on stderr).
        self.on_create: Callable[[Path], None] | None = None
        # Replays a backup's copy as verify does (the backend sets it: verify sits above this module).
        self.replay: Callable[[Path], list[str]] | None = None
        # Failures after a change's commit point: the change stands, the shard is completed later (see change_txn).
        self.deferred: list[StoreUnwritable] = []
        self._parsed: dict[Path, tuple[tuple[int, int, int], dict[str, Any], bool]] = {}

    @property
    def path(self) -> Path:
        return self.paths.head

    # -- reading (no lock: files are only ever replaced whole) ---------------

    def exists(self) -> bool:
        """Whether the head file exists; a folder this account cannot search, or shards without a head, is an error."""
        try:
            self.paths.head.stat()
        except FileNotFoundError:
            self._refuse_headless()
            return False
        except OSError as exc:
            raise unreadable(self.paths.head, exc) from exc
        return True

    @contextmanager
    def _hinted(self) -> Iterator[None]:
        """Say where the newest backup is when a file turns out damaged (only then: it costs a listing)."""
        try:
            yield
        except StoreCorrupt as exc:
            if exc.code == "newer-schema":
                raise
            backup = newest_backup(self.paths)
            raise exc.with_fields(backup=str(backup) if backup else "") from None

    def _check_schema(self, meta: dict[str, Any], path: Path, app: str) -> None:
        if meta.get("app") != app:
            raise StoreCorrupt("foreign-file", path=str(path))
        schema = meta.get("schema")
        if not isinstance(schema, int):
            raise StoreCorrupt("bad-schema", path=str(path))
        if schema > SCHEMA:
            raise StoreCorrupt("newer-schema", path=str(path), found=schema, supported=SCHEMA)

    def _refuse_headless(self) -> None:
        """No head but a shard folder: the head was deleted or renamed, not a database never written.

        Creating a new head there would orphan every shard and lose the
        roster, so reads and writes alike are refused until it is put back.
        """
        try:
            if not stat.S_ISDIR(self.paths.shards.stat().st_mode):
                return  # not a folder of shards: listing or creating it names that failure
        except FileNotFoundError:
            return
        except OSError as exc:
            raise unreadable(self.paths.shards, exc) from exc
        with self._hinted():
            raise StoreCorrupt("head-missing", path=str(self.paths.head), shards=str(self.paths.shards))

    def _read(self, path: Path, app: str, checked: bool = True) -> dict[str, Any]:
        """A file's tables, parsed once per version of the file; callers must not modify them.

        A long-running TUI reads the same shards on every screen and every
        refresh; a 2,000-row ledger takes ~25 ms to parse. Writers replace a
        file by renaming a new one over it, so (inode, size, mtime) names one
        version. The stat comes first: if the file is replaced between stat
        and read, the newer content is kept under the older key and simply
        read again next time.

        ``checked`` also refuses entries of the wrong shape (store/tinydb/shape.py);
        only verify reads without it, to report each such entry itself.
        """
        try:
            st = path.stat()
        except FileNotFoundError:
            self._parsed.pop(path, None)
            if path == self.paths.head:
                self._refuse_headless()
            return {}
        except OSError as exc:
            raise unreadable(path, exc) from exc
        version = (st.st_ino, st.st_size, st.st_mtime_ns)
        cached = self._parsed.get(path)
        if cached and cached[0] == version and (cached[2] or not checked):
            return cached[1]
        with self._hinted():
            found = read_tables(path, strict=True)
            if found == {}:  # every file we write carries its marker: this one was emptied
                raise StoreCorrupt("corrupt-empty", path=str(path))
            data = found or {}
            if data:
                self._check_schema(data.get("_meta", {}).get("1", {}), path, app)
            if checked:
                check_entries(data, path)
        self._parsed[path] = (version, data, checked)
        return data

    def read_head(self) -> dict[str, Any]:
        """The head file's tables; only an absent head without a shard folder reads as a new database."""
        return self._read(self.paths.head, HEAD_APP)

    def read_shard(self, name: str, checked: bool = True) -> dict[str, Any]:
        return self._read(self.paths.shard(name), SHARD_APP, checked)

    def unwritten_shard(self) -> str:
        """The shard of the head's committed change if its file still lacks it, else ""."""
        pending = self.read_head().get("_meta", {}).get("1", {}).get("pending")
        if not pending or not pending.get("shard") or not pending.get("events"):
            return ""
        from .sealing import missing_pending

        shard = pending["shard"]
        return shard if missing_pending(pending, shard, self.read_shard(shard).get("_meta", {}).get("1", {})) else ""

    def read_shard_seen(self, name: str) -> dict[str, Any]:
        """A shard as readers see it: with the committed change its file may still lack (store/tinydb/sealing.py).

        Such a change was reported as saved; showing it only after the next
        write completed the shard would make status and log contradict that.
        """
        data = self.read_shard(name)
        pending = self.read_head().get("_meta", {}).get("1", {}).get("pending")
        if not pending or pending.get("shard") != name:
            return data
        from .sealing import missing_pending, with_pending

        if not missing_pending(pending, name, data.get("_meta", {}).get("1", {})):
            return data
        return with_pending(data, pending)

    def shard_names_seen(self) -> list[str]:
        """shard_names, with the shard of a committed change whose first write to a new shard failed."""
        names = self.shard_names()
        pending = self.read_head().get("_meta", {}).get("1", {}).get("pending")
        if pending and pending.get("shard") and pending["shard"] not in names and pending.get("events"):
            names = sorted([*names, pending["shard"]])
        return names

    def shard_names(self) -> list[str]:
        """Listed from the folder itself: a folder this account cannot read is an error, not an empty database."""
        try:
            names = os.listdir(self.paths.shards)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise unreadable(self.paths.shards, exc) from exc
        return sorted(n[:-5] for n in names if n.endswith(".json") and not n.startswith("."))

    # -- writing ---------------------------------------------------------------

    def _ensure_writable(self) -> None:
        if self.read_only:
            raise StoreUnwritable("read-only-mode")

    @contextmanager
    def _locked(self, shard: str = "") -> Iterator[None]:
        self._ensure_writable()
        from .lock import locked  # filelock is only needed by writers

        make_private_dir(self.paths.folder)
        with locked(self.paths.lock, self.lock_timeout):
            remove_stale_temps(self.paths.folder)
            remove_stale_temps(self.paths.shards)
            # Validate before backing up or writing anything: a corrupt head is never touched.
            head = self.read_head()
            daily_backup(self.paths, self.replay)
            from .sealing import complete_pending

            complete_pending(self, head, unless=shard)  # change_txn completes its own shard as it opens it
            yield

    @contextmanager
    def _open(self, path: Path, app: str, *, commit: bool = True, **meta: Any) -> Iterator[Txn]:
        refuse_read_only(path)  # before the change is made, so nothing is half-written
        db = TinyDB(path, storage=AtomicJSONStorage, autocommit=False, strict=True)
        txn = Txn(db, name=meta.get("shard", ""))
        with self._hinted():
            data = db.storage.read()
            if data == {}:
                raise StoreCorrupt("corrupt-empty", path=str(path))
            existing = txn.meta()
            if existing:
                self._check_schema(existing, path, app)
            elif data:
                raise StoreCorrupt("foreign-file", path=str(path))
            check_entries(data or {}, path)
        if not existing:
            txn.set_meta(app=app, schema=SCHEMA, created=utc_now(), **meta)
        yield txn
        if commit:
            self._commit_head(txn, created=not existing) if app == HEAD_APP else txn.commit()

    def _commit_head(self, txn: Txn, *, created: bool) -> None:
        txn.commit()
        if created and self.on_create is not None:
            self.on_create(self.paths.head)

    @contextmanager
    def head_txn(self) -> Iterator[Txn]:
        """Lock, open the head file, and write it once on success."""
        with self._locked(), self._open(self.paths.head, HEAD_APP) as txn:
            yield txn

    @contextmanager
    def change_txn(self, shard: str) -> Iterator[tuple[Txn, Txn]]:
        """Lock and open the head and one shard; on success write the head, then the shard.

        The head's rename is the commit point (store/sealing.py has the
        protocol): a failure before it leaves every file as it was and is
        raised; a failure after it cannot undo the change, so it is not raised
        as "not written" but kept in ``deferred`` while the next write completes
        the shard from the head's copy.
        """
        from .sealing import complete_here, ensure_sealed, settle

        with self._locked(shard), self._open(self.paths.head, HEAD_APP, commit=False) as head:
            ensure_sealed(self, head, SCHEMA)
            self._refuse_unlisted(head, shard)
            created = not self.exists()
            with self._open(self.paths.shard(shard), SHARD_APP, commit=False, shard=shard) as txn:
                txn.head = head
                if complete_here(head, txn):
                    # The earlier change goes in before this one is committed: were it left for later, the
                    # head's copy of it would be replaced by this change's, and lost if this shard write failed.
                    make_private_dir(self.paths.shards)
                    txn.commit()
                yield head, txn
                try:
                    self._commit_head(head, created=created)
                except StoreUnwritable as exc:
                    if exc.code != "dir-sync-failed":  # renamed, so committed; anything else: nothing written
                        raise
                    self.deferred.append(exc)
                try:
                    if txn.pending:  # never leave an empty, unlisted shard behind
                        make_private_dir(self.paths.shards)  # only now: a head never written leaves no folder
                        txn.commit()
                except StoreUnwritable as exc:
                    if exc.code == "dir-sync-failed":  # renamed: written, but perhaps not yet durable
                        self.deferred.append(exc)
                        return
                    self.deferred.append(StoreUnwritable("shard-deferred", path=str(self.paths.shard(shard)),
                                                         cause=exc.code, reason=exc.fields.get("reason", "")))
                    return
                if settle(head, txn):
                    with suppress(StoreUnwritable):  # the copy merely stays until the next change replaces it
                        head.commit()

    def _refuse_unlisted(self, head: Txn, shard: str) -> None:
        """A shard file the head does not list is no part of its record (say, left by restoring an older backup).

        Appending to it would number its events after the head's count while
        the file already holds events of those numbers: verify would then find
        them twice. It is left as it is, for the user to move away.
        """
        path = self.paths.shard(shard)
        if any(doc.get("name") == shard for doc in head.table("_shards").all()):
            return
        try:
            path.stat()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise unreadable(path, exc) from exc
        raise StoreCorrupt("shard-unlisted", path=str(path), head=str(self.paths.head))

    @contextmanager
    def shard_txn(self, shard: str) -> Iterator[Txn]:
        """One shard alone, written on success; only for completing a change the head already sealed."""
        with self._open(self.paths.shard(shard), SHARD_APP, shard=shard) as txn:
            yield txn
