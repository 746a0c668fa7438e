"""Work split over two processes: a forked child produces, this process consumes as the items arrive.

The year-end export reads the year, builds a sheet per checklist, checks the
whole database (verify) and writes the workbook. Only the writing needs
openpyxl, and it takes as long as the rest together; so a child forked
before anything is read does the reading, the building and the check, and
hands each sheet over as soon as it is built, while this process writes the
sheets it already has.

The child sends pickles through a pipe from a thread of its own, so a full
pipe never holds up its work; it never writes to the terminal and leaves
through os._exit, so no buffer or atexit handler of the parent runs twice.
Where forking is unsafe or useless (no fork, threads running as in the TUI,
one usable core) the same work runs in this process, item by item. If the
child dies or sends what cannot be read, ChildLost tells the caller to start
again in-process: the answer is the same either way, only the time differs.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import BinaryIO, Generic, TypeVar, cast

T = TypeVar("T")
R = TypeVar("R")

ITEM, DONE, RAISED = "item", "done", "raised"


class ChildLost(Exception):
    """The child ended without a readable answer (killed, out of memory, an unpicklable result)."""


def can_fork() -> bool:
    """Whether a child would run beside this process: fork exists, no other thread runs, a second core is free."""
    if not hasattr(os, "fork") or threading.active_count() > 1:  # forking with threads can copy a held lock
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return cores > 1


class Producer(Generic[T, R]):
    """The items of ``produce()``, then the result of ``finish()``: from a child if ``fork``, else computed here."""

    def __init__(self, produce: Callable[[], Iterable[T]], finish: Callable[[], R], *, fork: bool):
        self._produce, self._finish = produce, finish
        self._pid = 0
        self._pipe: BinaryIO | None = None
        self._done: tuple[R] | None = None
        self.forked = fork  # for good: a child reaped has still given the answer
        if fork:
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                _child(self._produce, self._finish, write)
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._pipe = pid, os.fdopen(read, "rb")

    def items(self) -> Iterator[T]:
        if not self.forked:
            yield from self._produce()
            return
        while True:
            kind, value = self._receive()
            if kind == ITEM:
                yield cast(T, value)
            elif kind == DONE:
                self._done = (cast(R, value),)
                return
            else:
                self._reap()
                raise cast(BaseException, value)

    def result(self) -> R:
        """``finish()``'s result, once every item has been taken."""
        if not self.forked:
            return self._finish()
        if self._done is None:
            for _ in self.items():  # items not taken are not wanted
                pass
        assert self._done is not None
        self._reap()
        return self._done[0]

    def _receive(self) -> tuple[str, object]:
        assert self._pipe is not None
        try:
            kind, value = pickle.load(self._pipe)
        except Exception as exc:  # EOF from a child that died, or a pickle that cannot be loaded here
            self.cancel()
            raise ChildLost(str(exc)) from exc
        if kind == RAISED and not isinstance(value, BaseException):
            self.cancel()
            raise ChildLost("the child sent an error that is not an exception")
        return kind, value

    def _reap(self) -> None:
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0

    def cancel(self) -> None:
        """Stop a child still running (the consumer failed or was interrupted) and wait for it."""
        if self._pid:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        self._reap()


def _child(produce: Callable[[], Iterable[object]], finish: Callable[[], object], fd: int) -> None:
    """Run in the forked child: send each item, then the result, or the exception that stopped it.

    The child lives for this one job, so the cyclic collector is off: it
    would only walk everything the job has read (about 80 ms over a parsed
    year of 100,000 events) to find nothing to free.
    """
    gc.disable()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def pump() -> None:
        try:
            with os.fdopen(fd, "wb") as pipe:
                while (data := outbox.get()) is not None:
                    pipe.write(data)
                    pipe.flush()
        except OSError:  # the parent is gone (killed, or it stopped reading): nobody wants the rest
            os._exit(0)

    # The sender needs the GIL for a moment per item, and the work holds it: by default it would wait up to
    # 5 ms each time, and the consumer with it.
    sys.setswitchinterval(0.0002)
    sender = threading.Thread(target=pump, daemon=True)
    sender.start()
    try:
        for item in produce():
            outbox.put(pickle.dumps((ITEM, item), protocol=pickle.HIGHEST_PROTOCOL))
        outbox.put(pickle.dumps((DONE, finish()), protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException as exc:  # the parent raises it as the in-process run would have
        with suppress(Exception):  # unpicklable: the parent sees the pipe end and runs the work itself
            outbox.put(pickle.dumps((RAISED, exc), protocol=pickle.HIGHEST_PROTOCOL))
    outbox.put(None)
    sender.join()


@contextmanager
def beside(produce: Callable[[], Iterable[T]], finish: Callable[[], R], *,
           fork: bool | None = None) -> Iterator[Producer[T, R]]:
    """A Producer forked where that helps (``fork`` None) or as asked; a child left running is stopped on leaving."""
    producer = Producer(produce, finish, fork=can_fork() if fork is None else fork)
    try:
        yield producer
    finally:
        producer.cancel()
