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
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from geo.store import tables
from geo.store.cache_files import replacing
from geo.store.query import FRAME_COLUMNS

LOG = logging.getLogger(__name__)
FOLDER = "incident-frames"
SUFFIX = ".arrow"
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


def to_table(frame: pd.DataFrame) -> pa.Table:
    columns = {}
    for name in frame.columns:
        values = frame[name].to_numpy()
        if name in tables.DATE_COLUMNS:
            columns[name] = pa.array(values.astype("datetime64[s]"), type=pa.timestamp("s"))
        elif name in tables.NUMERIC_COLUMNS:
            columns[name] = pa.array(values.astype(np.float64), type=pa.float64())
        else:
            columns[name] = _text_array(values)
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
    """Atomically: readers see the old state or the whole new file, never a part."""
    with replacing(path) as partial, pa.OSFile(str(partial), "wb") as sink:
        table = to_table(frame)
        with pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)


def read(path: Path) -> pd.DataFrame:
    with pa.memory_map(str(path), "r") as source:
        return from_table(pa.ipc.open_file(source).read_all())


def remove_other_revisions(path: Path) -> None:
    prefix = path.name.split("-r")[0] + "-r"
    for other in path.parent.glob(f"{prefix}*{SUFFIX}"):
        if other != path:
            other.unlink(missing_ok=True)


def incidents_frame(store, database_url: str, cache_dir: Path) -> pd.DataFrame:
    """The store's incident frame, from the file of its current revision when there is one;
    otherwise read from the store and written for next time (only when no write happened
    during the read, so the file always holds exactly its revision's rows)."""
    revision = store.revision()
    path = cache_path(cache_dir, database_url, store.store_id(), revision)
    if path.exists():
        try:
            frame = read(path)
            if list(frame.columns) == list(FRAME_COLUMNS):
                return frame
        except (OSError, pa.ArrowInvalid):
            pass
        path.unlink(missing_ok=True)  # damaged, cut short or not ours: rebuilt below
    frame = store.incidents_frame()
    if store.revision() == revision:
        try:
            write(path, frame)
            remove_other_revisions(path)
        except OSError as error:  # a read-only or full cache folder only costs speed
            LOG.warning("Could not write the incident cache '%s': %s; set "
                        "INCIDENT_MAP_CACHE to a writable folder", path, error)
    return frame
