"""How every benchmark reports a figure: median with min and max, and how many samples.

A median alone hides a bimodal or noisy measurement; the range shows it.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Samples:
    values: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.values.append(value)

    def time(self, fn: Callable[[], object]) -> None:
        """Add the wall time of one call, in ms."""
        start = time.perf_counter()
        fn()
        self.values.append((time.perf_counter() - start) * 1000)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def cell(self, digits: int = 1) -> str:
        """"median (min–max)" for a Markdown table cell."""
        if not self.values:
            return "-"
        f = f"{{:.{digits}f}}"
        return f"{f.format(self.median)} ({f.format(min(self.values))}–{f.format(max(self.values))})"


def ratio(ours: Samples, other: Samples) -> str:
    """Ratio of the medians."""
    return f"{ours.median / other.median:.2f}" if ours.values and other.values else "-"


def process_ms(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of one whole process, from spawn to exit; it must succeed."""
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def process_ms_cpu(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) ms of one whole process and any child it forks: CPU above wall means two cores were used."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = process_ms(cmd, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def parse_floor(files: list[Path], python: str = sys.executable) -> list[str]:
    """A process that starts ``python`` and parses ``files`` with orjson, the parser the store uses."""
    code = "import orjson, sys; [orjson.loads(open(p, 'rb').read()) for p in sys.argv[1:]]"
    return [python, "-c", code, *map(str, files)]
