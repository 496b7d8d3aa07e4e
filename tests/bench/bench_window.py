"""Only rows (a) and (b) of bench_browser (the window change at 100,000 incidents), to
repeat them cheaply: `python -m tests.bench window`."""

from __future__ import annotations

from tests.bench.bench_browser import window_change_rows


def run(table) -> None:
    window_change_rows(table)
