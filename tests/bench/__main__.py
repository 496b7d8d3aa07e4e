"""Run every tests/bench/bench_*.py module: `python -m tests.bench [NAME ...]`."""

import importlib
import pkgutil
import platform
import sys

import psutil

from tests.bench import harness


def main(selected: list[str]) -> int:
    import tests.bench as package

    print(f"machine: {platform.processor() or platform.machine()}, {psutil.cpu_count()} cores, "
          f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    print(harness.HEADER)
    table = harness.Table()
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.name.startswith("bench_"):
            continue
        if selected and info.name.removeprefix("bench_") not in selected:
            continue
        print(f"--- {info.name}", flush=True)
        importlib.import_module(f"tests.bench.{info.name}").run(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
