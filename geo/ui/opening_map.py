"""The opening map of a store revision, kept in a file so that a new server process draws
it before reading the incidents.

On a cold start at 1,000,000 incidents the map page spent about 3 s before its map could
be sent: reading the incidents, the sidebar's choices, the view, building the map; and
about 1.5 s importing the libraries that does. None of it changes until the store does. So
the first run that draws the opening view (the default window, layers and filters) writes
the sidebar's choices and pipeline names, the map's component arguments, its window script
and the lines above it (the counts) to INCIDENT_MAP_CACHE/opening-maps/, in a file named
after the database, the data folder, the store's id and revision (geo.store.identity), a
fingerprint of the program and the app's address (the sites' popups link to their pages
there). The next process draws the sidebar, the counts and the map from it with no data
library imported, then imports them and reads the incidents for the rest of the page.
Files of other revisions, stores and programs are removed. This module imports no data
library either.

The fingerprint covers the program's sources, the shipped data and the versions of the map
libraries, so an upgraded program never draws a map an older one made. JSON, not pickle: a
file in a cache folder is data, never code. A file that cannot be read is removed (and
written again by the next run that draws the opening view).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

import streamlit as st

from geo.settings import PROJECT_ROOT
from geo.store import identity as store_identity
from geo.store.cache_files import replacing
from geo.ui.map_panel import DrawnMap
from geo.ui.sidebar import Choices

LOG = logging.getLogger(__name__)
FOLDER = "opening-maps"
SUFFIX = ".json"
LIBRARIES = ("folium", "branca", "streamlit-folium", "streamlit", "pandas", "geopandas",
             "shapely")
SOURCES = ("geo", "layers")
# what the map is made of in the data folder; not the default database that lives there
# (data/incidents.sqlite, hundreds of MB at 1,000,000 incidents)
DATA_SUFFIXES = (".geojson", ".csv")


@dataclass(frozen=True)
class OpeningMap:
    state_key: str  # the opening view it was drawn for (the address is in the file name)
    choices: Choices
    route_names: list[str]  # the pipeline filter's
    drawn: DrawnMap
    window_script: str | None  # geo.ui.map_arguments.window_script of the opening view
    headline: list[tuple[str, str]]  # the lines above the map (geo.ui.headline)


def _files(folder: Path, suffixes: tuple[str, ...]):
    return sorted(path for path in folder.rglob("*")
                  if path.is_file() and path.suffix in suffixes)


@functools.cache
def fingerprint(data_dir: str) -> str:
    """The program and data that made a map: its sources, the shipped data, the libraries."""
    digest = hashlib.sha256()
    for name in LIBRARIES:
        digest.update(f"{name}={importlib.metadata.version(name)}\n".encode())
    folders = [(PROJECT_ROOT / name, (".py", ".js", ".css", ".png")) for name in SOURCES]
    for folder, suffixes in [*folders, (Path(data_dir), DATA_SUFFIXES)]:
        for path in _files(folder, suffixes):
            digest.update(f"{path.relative_to(folder)}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _prefixes(database_url: str, data_dir: str, identity: tuple[str, int]) -> tuple[str, str]:
    """(every file of this database, the files this store, revision and program may read)"""
    store_id, revision = identity
    database = _digest(database_url, data_dir)
    return (f"{database}-r",
            f"{database}-r{int(revision)}-{_digest(store_id)}-{fingerprint(data_dir)}-")


def path(cache_dir: Path, database_url: str, data_dir: str, identity: tuple[str, int],
         app_root: str) -> Path:
    """`identity`: the store's (id, revision), geo.store.identity.read."""
    current = _prefixes(database_url, data_dir, identity)[1]
    return Path(cache_dir) / FOLDER / f"{current}{_digest(app_root)}{SUFFIX}"


def remove_stale(cache_dir: Path, database_url: str, data_dir: str,
                 identity: tuple[str, int]) -> None:
    """The files of this database from other stores, revisions or programs."""
    database, current = _prefixes(database_url, data_dir, identity)
    for file in (Path(cache_dir) / FOLDER).glob(f"{database}*{SUFFIX}"):
        if not file.name.startswith(current):
            file.unlink(missing_ok=True)


def _choices(record: dict) -> Choices:
    def dates(pair):
        return tuple(dt.date.fromisoformat(day) for day in pair)

    return Choices(dates(record["extent"]), dates(record["default_window"]),
                   list(record["categories"]), list(record["operators"]),
                   list(record["claim_statuses"]))


def read(file: Path) -> OpeningMap | None:
    """The opening map in `file`; None when there is none or it cannot be read."""
    try:
        record = json.loads(file.read_text(encoding="utf-8"))
        return OpeningMap(record["state_key"], _choices(record["choices"]),
                          list(record["route_names"]), DrawnMap(**record["drawn"]),
                          record["window_script"],
                          [(str(kind), str(text)) for kind, text in record["headline"]])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        LOG.warning("Removed the opening map '%s', which could not be read: %s", file, error)
        with contextlib.suppress(OSError):  # a read-only folder: ignored on each start
            file.unlink(missing_ok=True)
        return None


def write(file: Path, opening: OpeningMap) -> None:
    record = asdict(opening)
    text = json.dumps(record, default=dt.date.isoformat, ensure_ascii=False)
    with replacing(file) as partial:
        partial.write_text(text, encoding="utf-8")


@st.cache_resource(show_spinner=False, max_entries=4)
def kept(database_url: str, data_dir: str, identity: tuple[str, int], cache_dir: str,
         app_root: str) -> OpeningMap | None:
    return read(path(Path(cache_dir), database_url, data_dir, identity, app_root))


# once per store revision and address in a process: not on every rerun of the opening view
@st.cache_resource(show_spinner=False, max_entries=8)
def keep(database_url: str, data_dir: str, identity: tuple[str, int], cache_dir: str,
         app_root: str, _opening: OpeningMap) -> None:
    """Written where the next process finds it: for a store geo.store.identity reads as
    `identity` (SQLite). A cache folder that cannot be written only costs speed."""
    file = path(Path(cache_dir), database_url, data_dir, identity, app_root)
    if file.exists() or store_identity.read(database_url) != identity:
        return
    try:
        write(file, _opening)
        remove_stale(Path(cache_dir), database_url, data_dir, identity)
    except OSError as error:
        LOG.warning("Could not write the opening map '%s': %s; set INCIDENT_MAP_CACHE to a "
                    "writable folder", file, error)
