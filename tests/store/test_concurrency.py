"""Real processes writing one database at once, and being killed mid-write."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from checklists.loader import load_library
from checklists.outstanding import replay
from checklists.progress import STATE_FIELDS
from checklists.records import key_of
from store.tinydb import TinyStore
from store.tinydb.changes import all_events, all_states
from store.tinydb.roster import add_branch
from store.tinydb.verify import verify

# Each test starts more writers than there are cores: on one worker, one after the other, they leave the
# other workers' real-terminal tests some CPU within their timeouts.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("writers")]

WRITER = Path(__file__).with_name("writer.py")
ROOT = Path(__file__).parent.parent.parent
FIRST_ACK_TIMEOUT = 60.0


def start_writer(db: Path, count: int, name: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(WRITER), str(db), str(count), name],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, bufsize=0)


def targets() -> dict[str, int]:
    return load_library().targets()


class Acks:
    """Lines a writer printed, read from its pipe without ever blocking past a deadline."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.proc = proc
        self.buffer = b""
        self.closed = False

    def lines(self) -> list[str]:
        return self.buffer.decode().split()

    def _read(self, deadline: float) -> bool:
        """One chunk, or False once the deadline passes."""
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self.proc.stdout.fileno()], [], [], left)[0]:
            return False
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        self.closed = not chunk
        self.buffer += chunk
        return True

    def first_line(self, deadline: float) -> bool:
        while b"\n" not in self.buffer and not self.closed:
            if not self._read(deadline):
                return False
        return b"\n" in self.buffer

    def to_end(self, deadline: float) -> None:
        while not self.closed:
            assert self._read(deadline), "a killed writer's pipe stayed open"


def test_eight_writers_250_ticks_each(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    store = TinyStore(db)
    add_branch(store, "第一党支部")
    writers = [start_writer(db, 250, f"w{n}") for n in range(8)]
    outputs = [w.communicate(timeout=600) for w in writers]
    assert [w.returncode for w in writers] == [0] * 8, [err for _, err in outputs]
    acked = {line for out, _ in outputs for line in out.decode().split()}
    events = all_events(store)
    assert len(events) == len(acked) == 2000
    assert {e["id"] for e in events} == acked
    report = verify(store, targets())
    assert (report.problems, report.events, report.sealed) == ([], 2000, True)
    # Independently of verify: the status replay (time order, across shards) rebuilds every stored state.
    rebuilt = replay(events, targets(), until=date.max)
    stored = {key_of(s): s for s in all_states(store)}
    assert stored.keys() == rebuilt.keys()
    for key, state in stored.items():
        assert {f: state[f] for f in (*STATE_FIELDS, "account", "updated")} == \
               {f: rebuilt[key][f] for f in (*STATE_FIELDS, "account", "updated")}, key
    per_key = Counter(key_of(e) for e in events)
    assert {k: s["count"] for k, s in stored.items()} == dict(per_key)
    assert sorted(e["gseq"] for e in events) == list(range(1, 2001))


def test_writers_killed_at_random_lose_nothing_acknowledged(tmp_path: Path) -> None:
    db = tmp_path / "duty.json"
    store = TinyStore(db)
    add_branch(store, "第一党支部")
    rng = random.Random(20261126)
    acked: set[str] = set()
    for round_ in range(6):
        writers = [start_writer(db, 100_000, f"k{n}") for n in range(4)]  # killed long before the end
        readers = [Acks(w) for w in writers]
        deadline = time.monotonic() + FIRST_ACK_TIMEOUT
        if not all([reader.first_line(deadline) for reader in readers]):
            for w in writers:
                w.kill()
            errors = [w.communicate(timeout=60)[1].decode()[-500:] for w in writers]
            raise AssertionError(f"round {round_}: not every writer acknowledged a change within "
                                 f"{FIRST_ACK_TIMEOUT:.0f} s: {[len(r.lines()) for r in readers]} {errors}")
        # Every writer is past interpreter start and has saved at least once: kill them mid-stream.
        time.sleep(rng.uniform(0.05, 0.6))
        for w in writers:
            w.send_signal(signal.SIGKILL)
        for reader, w in zip(readers, writers, strict=True):
            reader.to_end(time.monotonic() + 60)
            w.wait(timeout=60)
            assert w.returncode == -signal.SIGKILL, f"round {round_}: a writer ended before the kill: {w.stderr.read()}"
            acked.update(reader.lines())
            w.stderr.close()
            w.stdout.close()
    events = {e["id"] for e in all_events(store)}
    assert acked <= events, f"{len(acked - events)} acknowledged changes lost"
    # At most one unacknowledged write per killed writer may have landed (or be sealed in the head).
    assert len(events - acked) <= 4 * 6
    # The next write of any kind completes a change the head sealed but a killed writer left out of its
    # shard, and removes the killed writers' temp files.
    add_branch(store, "第二党支部")
    assert not list(tmp_path.glob(".*.tmp")) and not list((tmp_path / "duty.json.d").glob(".*.tmp"))
    assert verify(store, targets()).problems == []
    assert acked <= {e["id"] for e in all_events(store)}
