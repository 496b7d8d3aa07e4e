"""The layout's rules, read from the source: no import circles, Streamlit only in geo.ui,
layers/ on geo's base modules only, each room of geo/ above the rooms it uses, and the
store written only through geo.store.engine.writing."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("geo", "layers")
# geo's base modules: records, names and wording every room shares (layers/ may use these)
BASE = {"geo", "geo.errors", "geo.schema", "geo.names", "geo.dates", "geo.settings",
        "geo.records", "geo.viewstate", "geo.shipped", "geo.allocation", "geo.visible",
        "geo.link_hosts"}
LAYER_MAY_IMPORT = {"geo", "geo.schema", "geo.names", "geo.dates"}
# a room may import rooms on its own floor or below, never above
FLOORS = {
    "base": 0,
    "geo.analysis": 1, "geo.geocoding": 1, "layers": 1, "geo.access": 1,
    "geo.store": 2, "geo.render": 2,
    "geo.review": 3, "geo.importing": 3, "geo.sharing": 3, "geo.articles": 3,
    "geo.commands": 4, "geo.ui": 4,
    "geo.__main__": 5,
}
# within a floor, which rooms may use which (the others stay apart)
SAME_FLOOR = {("geo.render", "layers"), ("geo.importing", "geo.review"),
              ("geo.importing", "geo.sharing"), ("geo.articles", "geo.importing"),
              ("geo.articles", "geo.sharing")}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> dict[str, Path]:
    files = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            files[module_name(path)] = path
    return files


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every project module `path` imports, at the top, in functions or for type checking."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found


def third_party(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = source_files()
    known = set(files)
    return {name: imported_modules(path, known) - {name} for name, path in files.items()}


def room(module: str) -> str:
    if module in BASE:
        return "base"
    if module.startswith("layers"):
        return "layers"
    return ".".join(module.split(".")[:2])


def test_there_are_no_import_circles(graph):
    circles = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(module, path):
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*path[path.index(target):], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_only_geo_ui_imports_streamlit():
    users = sorted(name for name, path in source_files().items()
                   if {"streamlit", "streamlit_folium"} & third_party(path)
                   and not name.startswith("geo.ui"))
    assert users == []


def test_nothing_outside_geo_ui_imports_it(graph):
    users = sorted(name for name, targets in graph.items() if not name.startswith("geo.ui")
                   and any(t.startswith("geo.ui") for t in targets))
    assert users == []


def test_layers_hold_data_and_style_only(graph):
    reached = {(name, target) for name, targets in graph.items() if name.startswith("layers")
               for target in targets
               if target.startswith("geo") and target not in LAYER_MAY_IMPORT}
    assert reached == set()
    drawing = {name for name, path in source_files().items() if name.startswith("layers")
               and {"folium", "matplotlib", "sqlalchemy", "streamlit"} & third_party(path)}
    assert drawing == set()


def test_each_room_imports_only_rooms_below_it(graph):
    climbs = []
    for name, targets in graph.items():
        here = room(name)
        for target in targets:
            there = room(target)
            if here == there or (here, there) in SAME_FLOOR:
                continue
            if FLOORS[there] >= FLOORS[here]:
                climbs.append(f"{name} -> {target}")
    assert sorted(climbs) == []


def test_every_module_belongs_to_a_room(graph):
    assert sorted(name for name in graph if room(name) not in FLOORS) == []


def test_only_geo_store_engine_begins_a_transaction_to_write():
    """A transaction begun with .begin() is one meant to write: only
    geo.store.engine.writing begins one (SQLite's BEGIN IMMEDIATE, PostgreSQL's writers'
    lock). Anywhere else it would begin deferred on SQLite, as reads do, and its write
    fail with SQLITE_BUSY beside another writer instead of waiting its turn; pandas'
    to_sql would write outside `writing` too."""
    found = sorted(f"{name} .{node.func.attr}()" for name, path in source_files().items()
                   for node in ast.walk(ast.parse(path.read_text(), str(path)))
                   if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                   and node.func.attr in {"begin", "to_sql"})
    assert found == ["geo.store.engine .begin()"]


def test_no_test_module_imports_another():
    tests = ROOT / "tests"
    modules = {path.stem for path in tests.glob("test_*.py")} | {"conftest"}
    borrowers = []
    for path in tests.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module:
                last = node.module.split(".")[-1]
                if last in modules or node.module.startswith("tests.test_"):
                    borrowers.append(f"{path.relative_to(ROOT)} imports {node.module}")
    assert borrowers == []


def test_the_public_api_names_resolve_and_importing_geo_stays_light():
    script = ("import sys, geo\n"
              "heavy = sorted(m for m in ('pandas', 'sqlalchemy', 'streamlit', 'geopandas')"
              " if m in sys.modules)\n"
              "assert heavy == [], heavy\n"
              "missing = [n for n in geo.__all__ if getattr(geo, n, None) is None]\n"
              "assert missing == [], missing\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
