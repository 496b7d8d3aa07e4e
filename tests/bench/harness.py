"""Tiny benchmark harness: medians of repeated runs, with a naive baseline and the ratio.

Each tests/bench/bench_*.py module defines `run(table: Table) -> None` and adds rows with
`table.measure(...)` or `table.add(...)`. `python -m tests.bench` runs them all and prints
one table (`make bench`). Benchmarks assert nothing; tests assert behaviour.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Row:
    operation: str
    n: int
    samples: list[float]
    baseline: float | None = None
    baseline_note: str = ""
    target: str = ""
    unit: str = "s"

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def measure(self, operation: str, n: int, fn, *, repeat: int = 5, baseline=None,
                baseline_repeat: int = 1, baseline_note: str = "", target: str = "") -> Row:
        """Time `fn` (and `baseline` if given, fewer repeats: it is slow by design)."""
        samples = timed(fn, repeat)
        base = statistics.median(timed(baseline, baseline_repeat)) if baseline else None
        return self.add(operation, n, samples, baseline=base, baseline_note=baseline_note,
                        target=target)

    def add(self, operation: str, n: int, samples: list[float], *, baseline: float | None = None,
            baseline_note: str = "", target: str = "", unit: str = "s") -> Row:
        row = Row(operation, n, list(samples), baseline, baseline_note, target, unit)
        self.rows.append(row)
        print(format_row(row), flush=True)
        return row


HEADER = (f"{'operation':<52} {'N':>9} {'median':>10} {'min-max':>19} {'baseline':>10} "
          f"{'ratio':>8}  target / note")


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:.1f} {unit}"


def format_row(row: Row) -> str:
    spread = f"{fmt(min(row.samples), row.unit)}-{fmt(max(row.samples), row.unit)}"
    base = fmt(row.baseline, row.unit) if row.baseline is not None else "-"
    ratio = f"{row.baseline / row.median:.1f}x" if row.baseline and row.median > 0 else "-"
    notes = "; ".join(x for x in (row.target, row.baseline_note) if x)
    return (f"{row.operation:<52} {row.n:>9,} {fmt(row.median, row.unit):>10} {spread:>19} "
            f"{base:>10} {ratio:>8}  {notes}")
