"""A columnar copy of the incident frame per store revision, in the cache folder.

Reading every column of 1,000,000 incidents from SQLite takes about 18 s; this file reads
back in well under a second. It is an Arrow IPC file (uncompressed, so reading is a copy
from the page cache, not a decode) in INCIDENT_MAP_CACHE/incident-frames/, named after the
database and the revision, so any write to the store (which bumps the revision) makes a
new file and the old one is never read again. Written atomically (a temporary file renamed
over), old revisions of the same database removed. A file that cannot be read is rebuilt
from the store.

Text columns with few distinct values are dictionary-encoded in the file and rebuilt as the
store reads them (object columns of str, "" for empty), so callers get a frame equal to
IncidentStore.incidents_frame(): same columns, dtypes, order and values. The file name
also depends on the schema version and the columns read, so an upgraded program never
reads an older program's file.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from geo.errors import StoreError
from geo.store import frame_delta, frame_memory, revision_log, tables
from geo.store.cache_files import replacing
from geo.store.frame_delta import ORDER_KEY
from geo.store.frame_memory import Held
from geo.store.query import FRAME_COLUMNS

LOG = logging.getLogger(__name__)
FOLDER = "incident-frames"
SUFFIX = ".arrow"
# The file of a frame brought forward in memory is made by merging (the GIL's and the
# CPUs' time): after the page that asked for the frame is drawn, not during it, and only if
# no other write came meanwhile.
APPENDED_FILE_DELAY_S = 3.0
DICTIONARY_MAX_SHARE = 0.5  # dictionary-encode a text column with fewer distinct values


def database_key(database_url: str) -> str:
    """The database, and the columns this program reads from it: a program with other
    columns (after an upgrade) never reads a file written by another."""
    text = "\n".join([database_url, str(tables.SCHEMA_VERSION), *FRAME_COLUMNS])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def cache_path(cache_dir: Path, database_url: str, store_id: str, revision: int) -> Path:
    """Named after the store's id too: a store made again at the same path counts its
    revisions from 1 again (geo.store.meta_keys.META_STORE_ID)."""
    return (Path(cache_dir) / FOLDER
            / f"{database_key(database_url)}-r{int(revision)}-{store_id}{SUFFIX}")


def _text_array(values: np.ndarray) -> pa.Array:
    array = pa.array(values, type=pa.string())
    encoded = array.dictionary_encode()
    return encoded if len(encoded.dictionary) <= DICTIONARY_MAX_SHARE * len(array) else array


def to_table(frame: pd.DataFrame, keys: np.ndarray | None = None) -> pa.Table:
    """The file's table of `frame`; with `keys`, each row's place in the store's order
    (geo.store.frame_delta.ORDER_KEY), used to bring the file forward after a write."""
    columns = {}
    for name in frame.columns:
        values = frame[name].to_numpy()
        if name in tables.DATE_COLUMNS:
            columns[name] = pa.array(values.astype("datetime64[s]"), type=pa.timestamp("s"))
        elif name in tables.NUMERIC_COLUMNS:
            columns[name] = pa.array(values.astype(np.float64), type=pa.float64())
        else:
            columns[name] = _text_array(values)
    if keys is not None:
        columns[ORDER_KEY] = pa.array(keys, type=pa.int64())
    return pa.table(columns)


def _text_column(column: pa.ChunkedArray) -> np.ndarray:
    array = column.combine_chunks()
    if pa.types.is_dictionary(array.type):
        words = np.array(array.dictionary.to_pylist(), dtype=object)
        return words[array.indices.to_numpy(zero_copy_only=False)]
    return array.to_numpy(zero_copy_only=False).astype(object, copy=False)


def from_table(table: pa.Table) -> pd.DataFrame:
    """Joined column by column (pd.concat), not through pd.DataFrame(dict): that copies
    every text column into one block, about 1 s at 1,000,000 incidents."""
    out = []
    for name in table.column_names:
        if name == ORDER_KEY:
            continue
        column = table[name]
        if name in tables.DATE_COLUMNS:
            values = column.to_numpy().astype("datetime64[s]")
        elif name in tables.NUMERIC_COLUMNS:
            values = column.to_numpy().astype(np.float64)  # a copy: the file may go
        else:
            values = _text_column(column)
        out.append(pd.Series(values, name=name, dtype=values.dtype))
    return pd.concat(out, axis=1)


def write(path: Path, frame: pd.DataFrame) -> None:
    write_table(path, to_table(frame))


def write_table(path: Path, table: pa.Table) -> None:
    """Atomically: readers see the old state or the whole new file, never a part."""
    with (replacing(path) as partial, pa.OSFile(str(partial), "wb") as sink,
          pa.ipc.new_file(sink, table.schema) as writer):
        writer.write_table(table)


def read_table(path: Path) -> pa.Table:
    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def read(path: Path) -> pd.DataFrame:
    return from_table(read_table(path))


def _usable(path: Path) -> pa.Table | None:
    """The file's table when it holds this program's columns; a damaged, cut short or
    foreign file is removed (None)."""
    try:
        table = read_table(path)
        if table.column_names[:len(FRAME_COLUMNS)] == list(FRAME_COLUMNS) and \
                table.column_names[len(FRAME_COLUMNS):] in ([], [ORDER_KEY]):
            return table
    except (OSError, pa.ArrowException):
        pass
    path.unlink(missing_ok=True)
    return None


def _revision_of(path: Path) -> int:
    return int(path.name.split("-r", 1)[1].split("-", 1)[0])


def older_file(path: Path, revision: int) -> Path | None:
    """The newest file of an earlier revision of the same database, columns and store."""
    key, store_id = path.name.split("-r", 1)[0], path.name.removesuffix(SUFFIX).split("-", 2)[2]
    older = [(found, _revision_of(found))
             for found in path.parent.glob(f"{key}-r*-{store_id}{SUFFIX}")]
    older = [(found, number) for found, number in older if number < revision]
    return max(older, key=lambda pair: pair[1])[0] if older else None


def remove_other_revisions(path: Path) -> None:
    prefix = path.name.split("-r")[0] + "-r"
    for other in path.parent.glob(f"{prefix}*{SUFFIX}"):
        if other != path:
            other.unlink(missing_ok=True)


def _brought_forward(conn, path: Path, revision: int,
                     known: tuple[int, frame_delta.Delta] | None = None) -> pa.Table | None:
    """The newest older file brought forward to `revision` with the revision log
    (geo.store.frame_delta); None when there is none, it cannot be read or the log does
    not cover the writes since. `known`: a delta read already, and the revision it is from."""
    older = older_file(path, revision) if path.parent.is_dir() else None
    if older is None:
        return None
    old = _usable(older)
    if old is None or ORDER_KEY not in old.column_names:
        return None
    old_revision = _revision_of(older)
    delta = (known[1] if known is not None and known[0] == old_revision
             else frame_delta.changes_since(conn, old_revision, revision))
    if delta is None:
        return None
    return frame_delta.merged(old, delta, to_table(delta.rows))


def _keep(path: Path, table: pa.Table) -> None:
    try:
        write_table(path, table)
        remove_other_revisions(path)
    except OSError as error:  # a read-only or full cache folder only costs speed
        LOG.warning("Could not write the incident cache '%s': %s; set "
                    "INCIDENT_MAP_CACHE to a writable folder", path, error)


def incidents_frame(store, database_url: str, cache_dir: Path) -> pd.DataFrame:
    """The store's incident frame, from the file of its current revision when there is one;
    otherwise an older revision's file brought forward, or read from the store, and written
    for next time (only when no write happened meanwhile, so the file always holds exactly
    its revision's rows)."""
    return held_frame(store, database_url, cache_dir).frame


def held_frame(store, database_url: str, cache_dir: Path, *, write_behind: bool = False,
               older: Held | None = None) -> Held:
    """incidents_frame, as a frame to hold; `older`: a frame of an earlier revision this
    process holds, brought forward in memory when the writes since only added rows
    (geo.store.frame_memory), its file then made from the older revision's file.
    `write_behind`: the file is written by a thread of its own after the frame is returned
    (the open app, which waits for the frame and not for the file: 0.3 s at 1,000,000
    incidents); a process ending first only leaves the next start to bring an older file
    forward."""
    store_id = store.store_id()
    path = cache_path(cache_dir, database_url, store_id, store.revision())
    if path.exists() and (table := _usable(path)) is not None:
        return _held(table, _revision_of(path))
    with store.engine.connect() as conn:  # one transaction: the revision and its rows
        revision = revision_log.current_revision(conn)
        path = cache_path(cache_dir, database_url, store_id, revision)
        if older is not None and older.revision == revision:
            return older
        delta = (frame_delta.changes_since(conn, older.revision, revision)
                 if older is not None and older.revision < revision else None)
        brought = frame_memory.appended(older, delta, revision) if delta else None
        if brought is None:
            table = _brought_forward(conn, path, revision,
                                     (older.revision, delta) if delta else None)
            if table is None:
                frame, keys = frame_delta.store_rows(conn, [])
                table = to_table(frame, np.arange(len(frame)) if keys is None else keys)
        moved_on = revision_log.current_revision(conn) != revision  # PostgreSQL: no snapshot
    if moved_on:  # the rows read may straddle a write: read them whole, keep no file
        return Held.whole(frame_memory.NOT_HELD, store.incidents_frame(), -1)
    if brought is not None:
        older_path = cache_path(cache_dir, database_url, store_id, older.revision)
        keep, delay = _keep_appended, APPENDED_FILE_DELAY_S
        arguments = (path, older_path, delta, lambda: store.revision() == revision)
    else:
        keep, arguments, delay = _keep, (path, table), 0.0
    if write_behind:
        writer = threading.Timer(delay, keep, args=arguments)
        writer.name, writer.daemon = "frame-cache-write", True
        writer.start()
    else:
        keep(*arguments)
    return brought if brought is not None else _held(table, revision)


def _held(table: pa.Table, revision: int) -> Held:
    keys = table[ORDER_KEY].to_numpy() if ORDER_KEY in table.column_names else None
    frame = from_table(table)
    return Held.whole(revision, frame,
                      frame_memory.last_key(keys) if keys is not None else len(frame) - 1)


def _keep_appended(path: Path, older: Path, delta: frame_delta.Delta, still_current) -> None:
    """The file of a frame brought forward in memory: the held revision's file with the
    same delta merged in (Arrow, mostly outside the GIL); none when that file is gone or
    `still_current()` says the store has moved on (a burst of imports: the last one's file
    is written; the next start brings an older one forward)."""
    try:
        if not still_current():
            return
    except StoreError:  # the database went away: the file can wait for the next start
        return
    old = _usable(older) if older.exists() else None
    if old is None or ORDER_KEY not in old.column_names:
        return
    _keep(path, frame_delta.merged(old, delta, to_table(delta.rows)))
