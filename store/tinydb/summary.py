"""A summary kept beside the database, read back only while no file of the database has changed.

Some answers (who owes what, as the login banner tells it) take a whole
query over every shard to compute, yet are read far more often than the data
changes. Whoever computes one keeps it here together with the signature of
the files it was computed from; a reader gets it back only if the files still
have that signature. Every write replaces the head file by rename, so a
changed (inode, size, mtime) of the head or a shard means "written since".

This is a cache, never the record: a missing, stale, torn or unreadable file
reads as no summary, and failing to keep one is not an error. No lock is
taken either way, so keeping or reading a summary never waits for a writer.

Only ``os`` and ``json`` are imported: a login shell reads it through
store.summary without loading TinyDB or the rest of the program.
"""

from __future__ import annotations

import contextlib
import json
import os

# No typing import: this module is on the login path, where every millisecond shows.
Signature = list  # [[name, mtime_ns, size, inode], ...]

SUFFIX = ".summary"
VERSION = 1
# The part of a summary only writers read back (the rows a delta starts from): kept in a file of its own
# beside the summary, so a login parses only what it prints. Both name one token; a pair that does not
# match (two writers crossing) reads as a summary without that part.
BESIDE = "rows"
BESIDE_SUFFIX = ".summary.rows"


def head_path(path: str) -> str:
    """The real head file behind a database path, as store.tinydb.paths.real_head finds it."""
    return os.path.realpath(os.path.expanduser(path))


def signature_of_head(head: str) -> Signature:
    try:
        st = os.stat(head)
    except OSError:
        return []
    return [[os.path.basename(head), st.st_mtime_ns, st.st_size, st.st_ino]]


def signature(head: str) -> Signature | None:
    """[name, mtime_ns, size, inode] of the head and each shard, head first; None if the shard folder cannot be read."""
    found = signature_of_head(head)
    try:
        with os.scandir(head + ".d") as entries:
            shards = sorted((e for e in entries if e.name.endswith(".json") and not e.name.startswith(".")),
                            key=lambda e: e.name)
            for entry in shards:
                st = entry.stat()
                found.append([entry.name, st.st_mtime_ns, st.st_size, st.st_ino])
    except FileNotFoundError:
        pass
    except OSError:
        return None
    return found


def read(head: str, *, stale: bool = False) -> object | None:
    """The summary kept for ``head`` if the database has not changed since it was computed; else None.

    ``stale``: whatever is kept, current or not (is a summary kept here at all?).
    """
    try:
        with open(head + SUFFIX, "rb") as handle:
            kept = json.loads(handle.read())
        if kept.get("version") != VERSION:
            return None
        if stale:
            return kept["data"]
        current = signature(head)
        return kept["data"] if current is not None and kept["signature"] == current else None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def read_kept(head: str) -> tuple[object, Signature] | None:
    """Whatever summary is kept for ``head``, current or not, with the signature it was kept under, and with
    its BESIDE part when that is whole.

    A writer brings it up to date by what changed since that signature
    (changed_shards) instead of computing it all again.
    """
    try:
        with open(head + SUFFIX, "rb") as handle:
            kept = json.loads(handle.read())
        if kept.get("version") != VERSION or not isinstance(kept["signature"], list):
            return None
        data = kept["data"]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    try:
        with open(head + BESIDE_SUFFIX, "rb") as handle:
            beside = json.loads(handle.read())
        if isinstance(data, dict) and kept.get("beside") and beside["token"] == kept["beside"]:
            data = {**data, BESIDE: beside["data"]}
    except (OSError, ValueError, TypeError, KeyError):
        pass
    return data, kept["signature"]


def changed_shards(head: str, taken: Signature, current: Signature) -> set[str] | None:
    """Names of the shard files (without ".json") that differ between two signatures; None if either is unusable.

    The head is left out: it changes with every write (the seal), and what
    it holds besides (roster, org) is for the caller to compare.
    """
    name = os.path.basename(head)
    try:
        before = {entry[0]: tuple(entry) for entry in taken if entry[0] != name}
        after = {entry[0]: tuple(entry) for entry in current if entry[0] != name}
    except (TypeError, IndexError, KeyError):
        return None
    changed = {shard for shard in before.keys() | after.keys() if before.get(shard) != after.get(shard)}
    return {shard[:-len(".json")] for shard in changed}


def write(head: str, data: object, taken: Signature | None) -> bool:
    """Keep ``data``, computed from the files as they were at ``taken`` (a signature taken before reading them).

    A write that lands between taking the signature and reading the files
    leaves a summary of newer data under the older signature: it is never
    read back, because the files no longer have that signature.
    """
    if taken is None:
        return False
    kept: dict = {"version": VERSION, "signature": taken, "data": data}
    if isinstance(data, dict) and BESIDE in data:
        token = os.urandom(8).hex()
        if not _replace(head + BESIDE_SUFFIX, {"token": token, "data": data[BESIDE]}):
            return False
        kept.update(data={k: v for k, v in data.items() if k != BESIDE}, beside=token)
    return _replace(head + SUFFIX, kept)


def _replace(target: str, value: object) -> bool:
    temp = f"{os.path.dirname(target)}/.{os.path.basename(target)}.{os.getpid()}.tmp"
    try:
        text = json.dumps(value, ensure_ascii=False)
        # Never for the world; for the group, writable too when the folder is shared (setgid), as the data is.
        shared = os.stat(os.path.dirname(target)).st_mode & 0o2000
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o640)
        with os.fdopen(fd, "wb") as handle:
            if shared:
                os.fchmod(handle.fileno(), 0o660)
            handle.write(text.encode("utf-8"))
        os.replace(temp, target)
        return True
    except (OSError, TypeError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
