"""How every benchmark reports a figure: median with min and max, and how many samples.

A median alone hides a bimodal or noisy measurement; the range shows it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


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
